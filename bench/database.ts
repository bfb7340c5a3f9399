import pg from "pg";
import { applyMigrations } from "@/lib/db/migrations";

/** A database `name` with every migration applied, on the benchmark's own PostgreSQL; returns its URL. */
export async function migratedDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`); // a constant of the bench, never user input
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  return url.toString();
}
