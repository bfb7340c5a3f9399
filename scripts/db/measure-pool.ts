// npx tsx scripts/db/measure-pool.ts — prints how PrismaPg pools of different sizes fare against
// the embedded PGlite (pglite-socket, one connection) and Debian's PostgreSQL 15: 20 concurrent
// reads plus 5 concurrent interactive transactions per pool size. Figures for docs/database.md.
import { createPrismaClient } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrations";
import { startPgliteServer } from "@/lib/db/pglite";
import { startDebianPostgres } from "@/lib/db/testing/debian-postgres";

const POOL_SIZES = [1, 2, 5];
const LIMIT_MS = 45_000;

async function workload(url: string, poolMax: number): Promise<string> {
  const prisma = createPrismaClient(url, poolMax);
  const started = Date.now();
  const reads = Array.from({ length: 20 }, () => prisma.user.count());
  const writes = Array.from({ length: 5 }, (_, i) =>
    prisma.$transaction(async (tx) => {
      const row = await tx.syncState.upsert({
        where: { source: `measure-${poolMax}-${i}` },
        create: { source: `measure-${poolMax}-${i}` },
        update: {},
      });
      return tx.syncState.findUniqueOrThrow({ where: { source: row.source } });
    }),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), LIMIT_MS)));
  const outcome = await Promise.race([Promise.allSettled([...reads, ...writes]), timeout]);
  clearTimeout(timer);
  const elapsed = Date.now() - started;
  void prisma.$disconnect().catch(() => {});
  if (outcome === "timeout") return `hung (nothing back after ${LIMIT_MS / 1000} s)`;
  const failed = outcome.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
  const first = failed[0] ? `; first error: ${String((failed[0].reason as Error).message).split("\n")[0]}` : "";
  return `${outcome.length - failed.length}/${outcome.length} ok in ${elapsed} ms${first}`;
}

const pglite = await startPgliteServer();
await applyMigrations(pglite.url);
for (const size of POOL_SIZES) console.log(`PGlite (pglite-socket)  pool max ${size}: ${await workload(pglite.url, size)}`);
const stopping = Date.now();
await pglite.stop();
console.log(`PGlite stopped in ${Date.now() - stopping} ms`);

const postgres = await startDebianPostgres();
try {
  await applyMigrations(postgres.adminUrl);
  for (const size of POOL_SIZES) console.log(`Debian PostgreSQL 15    pool max ${size}: ${await workload(postgres.adminUrl, size)}`);
} finally {
  await postgres.stop();
}
process.exit(0);
