import { copyFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLocalLake } from "@/lib/platform/lake/local";
import { syncTestbed } from "@/lib/sync/testing";
import { lineageSync } from "@/lib/sync/lineage";
import { runEvent } from "./event";
import { recordEvent } from "./record";
import { datasetDetail, locate, producersOf, runLineage } from "./read";

/** Events the jobs wrote in a real local run (etl generate, transform, quality for one day). */
const FIXTURES = path.join(__dirname, "fixtures");
const BUCKET = "builditall-lake";
const DAY = "logs/lineage/date=2026-12-03";

const bed = syncTestbed();
const fixtures = async () => (await readdir(FIXTURES)).sort();
const load = async (file: string) => runEvent.parse(JSON.parse(await readFile(path.join(FIXTURES, file), "utf8")));

describe("lineage read model", () => {
  it("stores an event posted twice once, and merges START after COMPLETE into one correct run", async () => {
    const [start, complete] = (await fixtures()).filter((f) => f.includes("_transform_")) as [string, string];
    const db = bed.db.prisma;
    expect(await recordEvent(db, await load(complete))).toBe("stored");
    expect(await recordEvent(db, await load(complete))).toBe("duplicate");
    expect(await recordEvent(db, await load(start))).toBe("stored");
    expect(await recordEvent(db, await load(start))).toBe("duplicate");

    const runs = await db.lineageRun.findMany();
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run).toMatchObject({ jobName: "etl.transform", state: "COMPLETE", dagId: "big_data_pipeline", dagRunId: "manual__2025-12-07T00:00:00+00:00", taskId: "submit_spark_application" });
    expect(run.startedAt!.getTime()).toBeLessThan(run.endedAt!.getTime());
    expect(await db.lineageEvent.count()).toBe(2);

    // The late START did not wipe the COMPLETE's statistics.
    const orders = await db.dataset.findUniqueOrThrow({ where: { namespace_name: { namespace: "s3://builditall-lake", name: "curated/orders" } } });
    const edge = await db.lineageEdge.findFirstOrThrow({ where: { datasetId: orders.id, direction: "output" } });
    expect(Number(edge.rows)).toBeGreaterThan(0);
    const versions = await db.datasetVersion.findMany({ where: { datasetId: orders.id } });
    expect(versions).toEqual([expect.objectContaining({ partition: "order_date=2025-12-07", rows: edge.rows, bytes: edge.bytes })]);
    expect(await db.lineageEdge.count({ where: { direction: "input", dataset: { name: "raw/orders" } } })).toBe(1);
  });

  it("imports the jobs' event files from the lake once, through the sync", async () => {
    const dir = path.join(bed.lake.root, BUCKET, DAY);
    await mkdir(dir, { recursive: true });
    for (const file of await fixtures()) await copyFile(path.join(FIXTURES, file), path.join(dir, file));
    await writeFile(path.join(dir, "broken.json"), "{ not json");
    const lake = createLocalLake({ root: bed.lake.root, buckets: [BUCKET] });
    const sync = lineageSync({ prisma: bed.db.prisma, lake, bucket: BUCKET, intervalMs: 1000 });

    // The transform's two events are already in (the test above, over HTTP-like calls): known by content.
    expect(await sync.poll()).toBe(`4 lineage event(s) stored, 2 already known, 1 skipped (${DAY}/broken.json: not JSON)`);
    expect(await sync.poll()).toBe(`0 lineage event(s) stored, 0 already known, 1 skipped (${DAY}/broken.json: not JSON)`);
    const db = bed.db.prisma;
    expect(await db.lineageRun.count()).toBe(3);
    expect(await db.lineageEvent.count({ where: { sourceKey: { startsWith: DAY } } })).toBe(6);

    const quality = await db.lineageEdge.findFirstOrThrow({ where: { direction: "input", run: { jobName: "etl.quality" }, dataset: { name: "curated/orders" } } });
    expect(quality.assertions).toEqual(expect.arrayContaining([expect.objectContaining({ assertion: "unique_key", success: true, severity: "critical" })]));
    const raw = await db.datasetVersion.findFirstOrThrow({ where: { dataset: { name: "raw/orders" } } });
    expect(raw.partition).toBe("order_date=2025-12-07");
  });

  it("answers which run wrote a partition, what each job read and wrote, and a dataset's history and neighbours", async () => {
    const db = bed.db.prisma;
    const run = await db.pipelineRun.create({ data: { dagId: "big_data_pipeline", runId: "manual__2025-12-07T00:00:00+00:00", triggeredBy: "engineer@local", state: "success", environment: "local" } });
    const key = "curated/orders/order_date=2025-12-07/part-00000.parquet";
    expect(locate(key)).toEqual({ dataset: "curated/orders", partition: "order_date=2025-12-07" });
    expect(locate("curated/stores/part-0.parquet")).toEqual({ dataset: "curated/stores", partition: null });
    const found = await producersOf(db, BUCKET, key);
    expect(found.producers).toEqual([
      expect.objectContaining({ dagId: "big_data_pipeline", runId: run.runId, job: "etl.transform", qualityStatus: "passed", portalRunId: run.id, triggeredBy: "engineer@local" }),
    ]);
    expect((await producersOf(db, BUCKET, "curated/orders/order_date=1999-01-01/x.parquet")).producers).toEqual([]);
    await expect(producersOf(db, BUCKET, "../etc/passwd")).rejects.toThrow(/segment/);

    const jobs = await runLineage(db, "big_data_pipeline", run.runId);
    expect(jobs.map((j) => j.job)).toEqual(["etl.generate", "etl.transform", "etl.quality"]);
    const orders = jobs[1]!.datasets.find((d) => d.name === "curated/orders" && d.direction === "output");
    expect(orders).toMatchObject({ partitions: ["order_date=2025-12-07"] });
    expect(orders!.rows).toBeGreaterThan(0);

    const detail = await datasetDetail(db, "s3://builditall-lake", "curated/orders");
    expect(detail!.writes).toHaveLength(1);
    expect(detail!.quality).toEqual([expect.objectContaining({ verdict: "passed", failed: 0 })]);
    expect(detail!.upstream.map((d) => d.name)).toContain("raw/orders");
    expect(detail!.downstream.map((d) => d.name)).toEqual(["quality"]);
  });
});
