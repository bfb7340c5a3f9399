import { applyMigrations } from "@/lib/db/migrations";
import { databaseUrl, runAsAdmin } from "@/lib/db/testing/admin";

/** A database `name` with every migration applied, on the benchmark's own PostgreSQL; returns its URL. */
export async function migratedDatabase(adminUrl: string, name: string): Promise<string> {
  await runAsAdmin(adminUrl, `CREATE DATABASE ${name}`); // a constant of the bench, never user input
  const url = databaseUrl(adminUrl, name);
  await applyMigrations(url);
  return url;
}
