/**
 * Lineage read model benchmark: prints figures, asserts nothing.
 *   npx tsx --conditions=react-server bench/lineage/run.ts [--days 365] [--requests 50]
 * Ingests a year of daily big_data_pipeline runs into Debian's PostgreSQL 15 through the real write
 * path (recordEvent, one transaction per event): the six events a real local run wrote
 * (lib/lineage/fixtures: generate, transform, quality, START and COMPLETE), with each day's run ids,
 * Airflow run and partition dates. Then times the reads behind each page: a partition's writers
 * (lake page), a run's inputs and outputs (run page), a dataset's detail and the datasets list.
 */
import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { migratedDatabase } from "../database";
import { startDebianPostgres } from "@/lib/db/testing/debian-postgres";
import { runEvent } from "@/lib/lineage/event";

const { values } = parseArgs({ options: { days: { type: "string", default: "365" }, requests: { type: "string", default: "50" } } });
const DAYS = Number(values.days);
const REQUESTS = Number(values.requests);
if (!Number.isInteger(DAYS) || DAYS < 1 || DAYS > 3660) throw new Error("--days must be an integer in [1, 3660]");
if (!Number.isInteger(REQUESTS) || REQUESTS < 5 || REQUESTS > 10_000) throw new Error("--requests must be an integer in [5, 10000]");
const BUCKET = "builditall-lake";
// The fixtures' data day and the day they were written; each bench day replaces both.
const FIXTURE_DAY = "2025-12-07";
const FIXTURE_WRITTEN = "2026-12-03";
const FIXTURES = path.join(import.meta.dirname, "..", "..", "lib", "lineage", "fixtures");

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const say = (line: string) => console.log(`[bench] ${line}`);
const dayOf = (i: number) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10);

const files = (await readdir(FIXTURES)).filter((f) => f.endsWith(".json")).sort();
const texts = await Promise.all(files.map((f) => readFile(path.join(FIXTURES, f), "utf8")));
const runIds = [...new Set(texts.flatMap((t) => [...t.matchAll(/"runId": "([0-9a-f-]{36})"/g)].map((m) => m[1]!)))];

/** The fixtures as day `i`'s run wrote them: new run ids, that day's partitions and Airflow run. */
function eventsOfDay(i: number) {
  const day = dayOf(i);
  const ids = new Map(runIds.map((id) => [id, randomUUID()]));
  return texts.map((text) => {
    let out = text.replaceAll(FIXTURE_DAY, day).replaceAll(FIXTURE_WRITTEN, day);
    for (const [from, to] of ids) out = out.replaceAll(from, to);
    return runEvent.parse(JSON.parse(out));
  });
}

say("starting Debian PostgreSQL 15");
const postgres = await startDebianPostgres();
try {
  const url = await migratedDatabase(postgres.adminUrl, "bench");
  Object.assign(process.env, { DATABASE_URL: url, SYNC_ENABLED: "false" });
  const { prisma } = await import("@/lib/db");
  const { recordEvent } = await import("@/lib/lineage/record");
  const read = await import("@/lib/lineage/read");

  say(`ingesting ${DAYS} days × ${texts.length} events through recordEvent`);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < DAYS; i++) {
    for (const event of eventsOfDay(i)) await recordEvent(prisma, event);
    if ((i + 1) % 60 === 0) say(`  ${i + 1} days`);
  }
  const ingestMs = ms(t0);
  const [events, runs, versions, datasets] = await Promise.all([prisma.lineageEvent.count(), prisma.lineageRun.count(), prisma.datasetVersion.count(), prisma.dataset.count()]);
  await prisma.$executeRawUnsafe("ANALYZE");
  console.log(`\nIngested ${events} events (${runs} job runs, ${datasets} datasets, ${versions} partition versions) in ${(ingestMs / 1000).toFixed(1)} s: ${((events / ingestMs) * 1000).toFixed(0)} events/s`);

  const mid = dayOf(Math.floor(DAYS / 2));
  const dagRunId = `manual__${mid}T00:00:00+00:00`;
  // Each read with what it found, so a figure is never that of an empty answer.
  const reads: [string, () => Promise<string>][] = [
    ["lake page: writers of a partition", async () => `${(await read.producersOf(prisma, BUCKET, `curated/orders/order_date=${mid}/part-00000.zstd.parquet`)).producers.length} writer(s)`],
    ["lake page: writers of an unpartitioned dataset", async () => `${(await read.producersOf(prisma, BUCKET, "curated/stores/part-00000.zstd.parquet")).producers.length} writer(s)`],
    ["run page: what each job read and wrote", async () => `${(await read.runLineage(prisma, "big_data_pipeline", dagRunId)).flatMap((j) => j.datasets).length} dataset rows`],
    ["dataset page: curated/orders", async () => `${(await read.datasetDetail(prisma, read.namespaceOf(BUCKET), "curated/orders"))?.writes.length ?? 0} writes`],
    ["datasets list", async () => `${(await read.listDatasets(prisma)).length} datasets`],
  ];
  console.log(`\nload average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(", ")}`);
  console.log(`\nReads over that history, ${REQUESTS} each (after one warm-up):`);
  for (const [name, call] of reads) {
    const found = await call();
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t = process.hrtime.bigint();
      await call();
      times.push(ms(t));
    }
    console.log(`  ${name.padEnd(48)} p50 ${pct(times, 50).toFixed(1).padStart(6)} ms   p95 ${pct(times, 95).toFixed(1).padStart(6)} ms   (${found})`);
  }
  await prisma.$disconnect();
} finally {
  await postgres.stop();
}
