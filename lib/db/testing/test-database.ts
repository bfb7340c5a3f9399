import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { createPrismaClient } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, runAsAdmin } from "./admin";

export type TestDatabase = {
  /** The database's own URL (for DATABASE_URL, or a second client). */
  url: string;
  prisma: PrismaClient;
  /** Disconnects and drops the database. */
  drop: () => Promise<void>;
};

/** Runs one statement as the superuser of the run's Debian PostgreSQL (CREATE/DROP DATABASE). */
export const asAdmin = (statement: string): Promise<void> => runAsAdmin(inject("postgresAdminUrl"), statement);

/** The URL of another database on the same server. */
export const databaseUrlFor = (name: string): string => databaseUrl(inject("postgresAdminUrl"), name);

/**
 * A fresh database in the run's Debian PostgreSQL with every migration applied (unless
 * `migrate: false`) and a PrismaClient on it. Call `drop()` in afterAll.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  // A random, quote-free identifier: safe to interpolate into CREATE/DROP DATABASE.
  const name = `test_${randomUUID().replaceAll("-", "")}`;
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = databaseUrlFor(name);
  try {
    if (options.migrate !== false) await applyMigrations(url);
  } catch (error) {
    await asAdmin(`DROP DATABASE ${name} WITH (FORCE)`);
    throw error;
  }
  const prisma = createPrismaClient(url, 5);
  return {
    url,
    prisma,
    async drop() {
      await prisma.$disconnect();
      await asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
