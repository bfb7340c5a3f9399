import "server-only";
import { createPrismaClient } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { databaseUrl, env, isEmbeddedDatabase } from "@/lib/env";

/** One connection for the embedded PGlite (it serves one at a time), a pool of 5 for a real Postgres. */
export function poolMax(): number {
  return env.DATABASE_POOL_MAX ?? (isEmbeddedDatabase() ? 1 : 5);
}

// Next's hot reload re-evaluates modules in development; one client (and pool) survives it.
const cache = globalThis as unknown as { prisma?: PrismaClient };

export const prisma: PrismaClient = cache.prisma ?? createPrismaClient(databaseUrl(), poolMax());
if (env.NODE_ENV !== "production") cache.prisma = prisma;
