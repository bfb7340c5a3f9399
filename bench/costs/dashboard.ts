// npx tsx --conditions=react-server bench/costs/dashboard.ts [--days 90] [--runs-per-day 4] [--views 20]
//
// Prints what issue 9 asks of the cost dashboards, on a throw-away Debian PostgreSQL and moto server:
// - the time to build the 90-day dashboard from cached samples (no source called);
// - CloudWatch calls per dashboard view, with the cache fresh and with it stale;
// - the staleness bound of the cache.
import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from "@aws-sdk/client-cloudwatch";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { costReport } from "@/lib/costs/report";
import { createPrismaClient } from "@/lib/db/client";
import { migratedDatabase } from "../database";
import { startDebianPostgres } from "@/lib/db/testing/debian-postgres";
import { parseEnv } from "@/lib/env";
import { cloudWatchMetrics } from "@/lib/platform/metrics/aws";
import { startMotoServer, applyMotoCredentials } from "@/lib/platform/testing/moto-global-setup";
import { COSTS_SOURCE, costsSync } from "@/lib/sync/costs";
import { freshWithin } from "@/lib/sync/fresh";
import { processLock } from "@/lib/sync/lock";
import { pollOnce } from "@/lib/sync/runner";

const { values } = parseArgs({ options: { days: { type: "string", default: "90" }, "runs-per-day": { type: "string", default: "4" }, views: { type: "string", default: "20" } } });
const DAYS = Number(values.days);
const RUNS = Number(values["runs-per-day"]);
const VIEWS = Number(values.views);
if (![DAYS, RUNS, VIEWS].every((n) => Number.isInteger(n) && n > 0) || DAYS > 455) throw new Error("--days 1..455, --runs-per-day and --views positive integers");

const log = (line: string) => console.log(`[bench/costs] ${line}`);
const DAY_MS = 86_400_000;
const REGION = "eu-west-1";
const BUCKET = "builditall-lake";
const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;

const postgres = await startDebianPostgres(log);
const moto = await startMotoServer();
try {
  const prisma = createPrismaClient(await migratedDatabase(postgres.adminUrl, "bench_costs"), 5);

  // History: RUNS pipeline runs a day, each with a 1 on-demand + 2 spot m5.xlarge cluster of ~25 min.
  log(`seeding ${DAYS} days × ${RUNS} runs of cluster snapshots`);
  const snapshots = [];
  for (let d = 0; d < DAYS; d++) {
    for (let r = 0; r < RUNS; r++) {
      const createdAt = new Date(today - d * DAY_MS + r * 3_600_000);
      snapshots.push({
        id: randomUUID(),
        clusterId: `j-BENCH${String(d * RUNS + r).padStart(8, "0")}`,
        name: "builditall-big_data_pipeline",
        state: "TERMINATED",
        market: "MIXED",
        instanceGroups: [
          { role: "MASTER", instanceType: "m5.xlarge", count: 1, market: "ON_DEMAND" },
          { role: "CORE", instanceType: "m5.xlarge", count: 2, market: "SPOT" },
        ],
        normalizedInstanceHours: 24,
        createdAt,
        readyAt: new Date(createdAt.getTime() + 300_000),
        endedAt: new Date(createdAt.getTime() + 1_500_000),
        capturedAt: new Date(createdAt.getTime() + 1_500_000),
        idleSeconds: 120,
        dagId: "big_data_pipeline",
        runId: `scheduled__${d}_${r}`,
      });
    }
  }
  await prisma.clusterSnapshot.createMany({ data: snapshots });

  // The same history in CloudWatch (moto): the pipeline's figures, S3 sizes, month-to-date billing.
  applyMotoCredentials();
  const put = async (region: string, Namespace: string, data: MetricDatum[]) => {
    const client = new CloudWatchClient({ region, endpoint: moto.endpoint });
    for (let i = 0; i < data.length; i += 500) await client.send(new PutMetricDataCommand({ Namespace, MetricData: data.slice(i, i + 500) }));
  };
  const dayAt = (d: number) => new Date(today - d * DAY_MS + 3_600_000);
  const platform: MetricDatum[] = [];
  const s3: MetricDatum[] = [];
  const billing: MetricDatum[] = [];
  for (let d = 0; d < DAYS; d++) {
    const Timestamp = dayAt(d);
    const dag = [{ Name: "DagId", Value: "big_data_pipeline" }];
    platform.push({ MetricName: "RecordsProcessed", Dimensions: dag, Timestamp, Value: 5_000_000 * RUNS, Unit: "Count" });
    s3.push({ MetricName: "BucketSizeBytes", Dimensions: [{ Name: "BucketName", Value: BUCKET }, { Name: "StorageType", Value: "StandardStorage" }], Timestamp, Value: 2e9 + d * 1e7, Unit: "Bytes" });
    const dayOfMonth = Timestamp.getUTCDate();
    for (const service of ["ElasticMapReduce", "AmazonEC2", "AmazonS3", "AmazonMWAA"]) {
      billing.push({ MetricName: "EstimatedCharges", Dimensions: [{ Name: "ServiceName", Value: service }, { Name: "Currency", Value: "USD" }], Timestamp, Value: dayOfMonth * 3, Unit: "None" });
    }
  }
  await put(REGION, "BuildItAll/Platform", platform);
  await put(REGION, "AWS/S3", s3);
  await put("us-east-1", "AWS/Billing", billing);

  const calls: string[] = [];
  const metrics = cloudWatchMetrics({ region: REGION, endpoint: moto.endpoint, onCall: (op) => calls.push(op) });
  const maxAge = parseEnv({}).COST_CACHE_MAX_AGE_SECONDS;
  const view = async () => {
    // What a stale view does: the costs sync polls once, under its lock (the process's own here).
    const poll = () => pollOnce(costsSync({ prisma, metrics, bucket: BUCKET, intervalMs: 0 }), processLock(), prisma, () => undefined);
    const freshness = await freshWithin(prisma, COSTS_SOURCE, maxAge, poll);
    const report = await costReport({ prisma, from: new Date(today - (DAYS - 1) * DAY_MS), to: new Date(today + DAY_MS), region: REGION, mode: "aws", environment: "dev", bucket: BUCKET });
    return { freshness, report };
  };

  calls.length = 0;
  let started = performance.now();
  const first = await view();
  const coldMs = performance.now() - started;
  const coldCalls = calls.length;
  log(`first view (empty cache, ${DAYS}-day backfill): ${coldMs.toFixed(0)} ms, ${coldCalls} CloudWatch call(s): ${calls.join(", ")}`);
  log(`  ${await prisma.costSample.count()} cost samples cached; ${first.report.runs.length} runs priced; total €${first.report.total.toFixed(2)}`);

  calls.length = 0;
  const times: number[] = [];
  for (let i = 0; i < VIEWS; i++) {
    started = performance.now();
    await view();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
  log(`${DAYS}-day dashboard from cached samples, ${VIEWS} views: median ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
  log(`CloudWatch calls per view with the cache fresh: ${calls.length / VIEWS}`);

  await prisma.syncState.update({ where: { source: COSTS_SOURCE }, data: { lastSuccessAt: new Date(Date.now() - (maxAge + 1) * 1000) } });
  calls.length = 0;
  await view();
  log(`CloudWatch calls for a view past the staleness bound: ${calls.length} (${calls.join(", ")}; GetMetricData batches up to 500 queries, Billing answers only in us-east-1)`);
  log(`staleness bound: a view serves samples at most ${maxAge} s old (COST_CACHE_MAX_AGE_SECONDS); the background sync polls every ${maxAge / 2} s; when CloudWatch is down the view serves the cache as it is and says so`);
  await prisma.$disconnect();
} finally {
  await moto.stop();
  await postgres.stop();
}
