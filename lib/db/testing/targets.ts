import { randomUUID } from "node:crypto";
import pg from "pg";
import { startPgliteServer } from "@/lib/db/pglite";
import { asAdmin, databaseUrlFor } from "./test-database";

/** An empty database to run migrations against, and how to get rid of it. */
export type EmptyDatabase = { url: string; poolMax: number; dispose: () => Promise<void> };

/**
 * The two Postgres the portal runs on: Debian's PostgreSQL 15 (as RDS in production) and the
 * embedded PGlite behind pglite-socket. Tests that must hold on both iterate over these.
 */
export const DATABASE_TARGETS: { name: string; create: () => Promise<EmptyDatabase> }[] = [
  {
    name: "Debian PostgreSQL 15",
    async create() {
      const name = `mig_${randomUUID().replaceAll("-", "")}`;
      await asAdmin(`CREATE DATABASE ${name}`);
      return { url: databaseUrlFor(name), poolMax: 5, dispose: () => asAdmin(`DROP DATABASE ${name} WITH (FORCE)`) };
    },
  },
  {
    name: "PGlite via pglite-socket",
    async create() {
      const server = await startPgliteServer();
      return { url: server.url, poolMax: 1, dispose: server.stop };
    },
  },
];

/** Runs one query on a short-lived connection. */
export async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
