import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { localClusters } from "@/lib/platform/clusters/local";
import { writeLocalCluster } from "@/lib/platform/clusters/testing/local-lake";
import { localMetrics } from "@/lib/platform/metrics/local";
import { syncTestbed } from "./testing";
import { clustersSync, syncClusters } from "./clusters";
import { daysToRead, syncCosts } from "./costs";

const bed = syncTestbed();
const ID = "j-SYNCCLUSTER01";


const clusters = () => localClusters({ lakeRoot: bed.lake.root, repoRoot: process.cwd() });

describe("cluster snapshot sync", () => {
  it("captures a cluster once per change, links its DAG run, and never moves a state backwards", async () => {
    const createdAt = new Date(Date.now() - 600_000);
    const run = await bed.db.prisma.pipelineRun.create({ data: { dagId: "big_data_pipeline", runId: "r1", triggeredBy: "schedule", state: "running", environment: "local" } });
    await writeLocalCluster(bed.lake.root, ID, { state: "WAITING", createdAt, dagId: "big_data_pipeline", runId: "r1" });
    expect(await syncClusters({ prisma: bed.db.prisma, clusters: clusters() })).toEqual({ seen: 1, written: 1, skippedBackwards: 0 });
    expect(await syncClusters({ prisma: bed.db.prisma, clusters: clusters() })).toEqual({ seen: 1, written: 0, skippedBackwards: 0 });

    await writeLocalCluster(bed.lake.root, ID, { state: "TERMINATED", createdAt, dagId: "big_data_pipeline", runId: "r1" });
    expect((await syncClusters({ prisma: bed.db.prisma, clusters: clusters() })).written).toBe(1);
    const last = await bed.db.prisma.clusterSnapshot.findFirst({ where: { clusterId: ID }, orderBy: { capturedAt: "desc" } });
    expect(last).toMatchObject({ state: "TERMINATED", market: "MIXED", pipelineRunId: run.id, dagId: "big_data_pipeline", runId: "r1", idleSeconds: 19 });

    // A source answering with an older view of the cluster must not undo the termination.
    await writeLocalCluster(bed.lake.root, ID, { state: "WAITING", createdAt, dagId: "big_data_pipeline", runId: "r1" });
    expect(await syncClusters({ prisma: bed.db.prisma, clusters: clusters() })).toEqual({ seen: 1, written: 0, skippedBackwards: 1 });
    expect(await bed.db.prisma.clusterSnapshot.count({ where: { clusterId: ID } })).toBe(2);
  });

  it("plugs into the sync runner as a source with a one-line summary", async () => {
    const source = clustersSync({ prisma: bed.db.prisma, clusters: clusters(), intervalMs: 15_000 });
    expect(source.name).toBe("clusters");
    expect(await source.poll()).toMatch(/^1 cluster\(s\) seen, 0 snapshot\(s\) written, 1 stale capture/);
  });
});

describe("cost sample sync", () => {
  it("caches the day's figures once, and refreshes a re-published value instead of duplicating it", async () => {
    const dir = path.join(bed.lake.root, "logs", "metrics", "big_data_pipeline");
    await mkdir(dir, { recursive: true });
    // A second ago: the query's end is exclusive, and a datum of this very millisecond is not yet in range.
    const publish = (value: number) =>
      writeFile(
        path.join(dir, "r1.json"),
        JSON.stringify({
          Namespace: "BuildItAll/Platform",
          MetricData: [{ MetricName: "RecordsProcessed", Dimensions: [{ Name: "DagId", Value: "big_data_pipeline" }], Timestamp: new Date(Date.now() - 1000).toISOString(), Value: value, Unit: "Count" }],
        }),
      );
    const metrics = localMetrics({ lakeRoot: bed.lake.root, bucket: "builditall-lake" });
    await publish(100);
    await syncCosts({ prisma: bed.db.prisma, metrics, bucket: "builditall-lake" });
    const records = { metric: "BuildItAll/Platform:RecordsProcessed" };
    const cached = await bed.db.prisma.costSample.findMany({ where: records });
    expect(cached.map((r) => [Number(r.value), r.source, r.measured])).toEqual([[100, "local", true]]);
    await publish(250);
    await syncCosts({ prisma: bed.db.prisma, metrics, bucket: "builditall-lake" });
    const rows = await bed.db.prisma.costSample.findMany({ where: records });
    expect(rows.map((r) => Number(r.value))).toEqual([250]);
    // the lake's size is sampled too, for the whole lake and per prefix
    expect(await bed.db.prisma.costSample.count({ where: { metric: "AWS/S3:BucketSizeBytes" } })).toBeGreaterThanOrEqual(2);
  });

  it("reads everything since the last success, or 90 days the first time", () => {
    const now = new Date("2026-03-10T12:00:00Z");
    expect(daysToRead(null, now)).toBe(90);
    expect(daysToRead(new Date("2026-03-10T11:50:00Z"), now)).toBe(2);
    expect(daysToRead(new Date("2025-01-01T00:00:00Z"), now)).toBe(90);
  });

  it("refuses a range CloudWatch cannot serve", async () => {
    await expect(syncCosts({ prisma: bed.db.prisma, metrics: localMetrics({ lakeRoot: bed.lake.root, bucket: "b" }), bucket: "b", days: 0 })).rejects.toThrow(/not between 1 and 455/);
  });
});
