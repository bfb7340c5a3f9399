import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * A PrismaClient on any Postgres URL through PrismaPg, the same way against RDS, Debian's
 * PostgreSQL and the embedded PGlite. pglite-socket serves one connection, so callers pass
 * poolMax 1 there (docs/database.md has the measurements).
 */
export function createPrismaClient(url: string, poolMax: number): PrismaClient {
  // A single connection is given back after 1 s idle, so a db:* command can get in meanwhile.
  const idleTimeoutMillis = poolMax === 1 ? 1_000 : 10_000;
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolMax, idleTimeoutMillis }) });
}
