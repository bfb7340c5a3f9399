import type { TestProject } from "vitest/node";
import { startDebianPostgres } from "./debian-postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the Debian PostgreSQL 15 started for this test run. */
    postgresAdminUrl: string;
  }
}

/** One Debian PostgreSQL for the whole integration run; each test file makes its own database in it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await startDebianPostgres((line) => console.log(`[integration] ${line}`));
  project.provide("postgresAdminUrl", postgres.adminUrl);
  return () => postgres.stop();
}
