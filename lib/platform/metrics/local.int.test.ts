import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { CONTRACT_DATUMS, contractDimensions, contractStart, metricsContract } from "./contract";
import { localMetrics } from "./local";
import { PLATFORM_NAMESPACE } from "./port";

/** One run file per datum, in the shape dags/builditall/figures.py publishes locally. */
async function publishRuns(lake: string): Promise<void> {
  for (const [i, d] of CONTRACT_DATUMS.entries()) {
    const dir = path.join(lake, "logs", "metrics", d.dagId);
    await mkdir(dir, { recursive: true });
    const at = new Date(contractStart().getTime() + d.offsetMinutes * 60_000).toISOString();
    const datum = { MetricName: d.metric, Dimensions: contractDimensions(d), Timestamp: at, Value: d.value, Unit: d.unit };
    await writeFile(path.join(dir, `run-${i}.json`), JSON.stringify({ Namespace: PLATFORM_NAMESPACE, DagId: d.dagId, RunId: `run-${i}`, MetricData: [datum] }));
  }
}

metricsContract("local", async () => {
  const lake = await mkdtemp(path.join(tmpdir(), "metrics-lake-"));
  await publishRuns(lake);
  return { adapter: localMetrics({ lakeRoot: lake, bucket: "builditall-lake" }), close: () => rm(lake, { recursive: true, force: true }) };
});

it("local: measures the lake's size now, in total and per top-level prefix", async () => {
  const lake = await mkdtemp(path.join(tmpdir(), "metrics-lake-"));
  try {
    await mkdir(path.join(lake, "raw", "sales"), { recursive: true });
    await writeFile(path.join(lake, "raw", "sales", "a.parquet"), Buffer.alloc(1000));
    await mkdir(path.join(lake, "marts"), { recursive: true });
    await writeFile(path.join(lake, "marts", "b.parquet"), Buffer.alloc(24));
    const metrics = localMetrics({ lakeRoot: lake, bucket: "builditall-lake" });
    const size = (id: string, extra: Record<string, string>) => ({
      id,
      namespace: "AWS/S3",
      metric: "BucketSizeBytes",
      dimensions: { BucketName: "builditall-lake", StorageType: "StandardStorage", ...extra },
      stat: "Average" as const,
      periodSeconds: 86_400,
    });
    const day = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000);
    const [total, raw, escape] = await metrics.query(
      [size("total", {}), size("raw", { Prefix: "raw/" }), size("escape", { Prefix: "../" })],
      day,
      new Date(day.getTime() + 86_400_000),
    );
    expect(total!.points.map((p) => p.value)).toEqual([1024]);
    expect(raw!.points.map((p) => p.value)).toEqual([1000]);
    expect(escape!.points).toEqual([]);
  } finally {
    await rm(lake, { recursive: true, force: true });
  }
});
