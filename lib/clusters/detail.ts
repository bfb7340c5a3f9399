import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { getPlatform, requirePort } from "@/lib/platform";
import { recentResults } from "@/lib/platform/recent";
import type { Cluster, ClusterStep } from "@/lib/platform/clusters/port";
import type { MetricQuery } from "@/lib/platform/metrics/port";
import { rowJson, type ClusterRow } from "./list";
import { pricingRegion } from "@/lib/costs/dashboard";
import { idleSeconds, isIdleTooLong } from "./idle";
import { clusterCost, toEur } from "@/lib/costs/model";

/** EMR's CloudWatch metrics the cluster page charts (namespace AWS/ElasticMapReduce, dimension JobFlowId). */
export const CLUSTER_METRICS = [
  { metric: "IsIdle", label: "Idle (1 = no work)", unit: "0/1" },
  { metric: "AppsRunning", label: "Applications running", unit: "apps" },
  { metric: "ContainerAllocated", label: "Containers allocated", unit: "containers" },
  { metric: "MemoryAllocatedMB", label: "YARN memory allocated", unit: "MB" },
  { metric: "MemoryAvailableMB", label: "YARN memory available", unit: "MB" },
  { metric: "HDFSUtilization", label: "HDFS utilisation", unit: "%" },
] as const;

// EMR publishes every five minutes; a day of them is enough for a cluster page.
const PERIOD_SECONDS = 300;
const WINDOW_MS = 86_400_000;

export function rowFromCluster(c: Cluster, steps: ClusterStep[], pipelineRunId: string | null, now: Date): ClusterRow {
  return {
    ...c,
    pipelineRunId,
    uptimeSeconds: Math.round(((c.endedAt ?? now).getTime() - c.createdAt.getTime()) / 1000),
    idleSeconds: Math.round(idleSeconds(c, steps, now)),
    idleTooLong: !c.endedAt && isIdleTooLong(c, env.CLUSTER_IDLE_ALERT_MINUTES, now),
    estimatedEur: toEur(clusterCost(c, pricingRegion(), now).cost),
    capturedAt: now,
  };
}

/** How long one cluster's live read is shared: a page and its refreshes, however many viewers, cost one set of AWS calls. */
const DETAIL_REUSE_MS = 10_000;
const recentDetails = recentResults<Awaited<ReturnType<typeof readClusterDetail>>>(DETAIL_REUSE_MS);

/** One cluster read live from its source (reused for a few seconds): description, steps, metrics. */
export function clusterDetail(id: string) {
  return recentDetails(id, () => readClusterDetail(id));
}

/** One cluster read live from its source: description, steps, and its metrics in one batched call. */
async function readClusterDetail(id: string, now = new Date()) {
  const clusters = requirePort("clusters");
  const [cluster, steps] = await Promise.all([clusters.describe(id), clusters.steps(id)]);
  const run = cluster.dagRun ? await prisma.pipelineRun.findUnique({ where: { dagId_runId: cluster.dagRun }, select: { id: true } }) : null;
  const to = cluster.endedAt ?? now;
  const from = new Date(Math.max(cluster.createdAt.getTime(), to.getTime() - WINDOW_MS));
  const alignedFrom = new Date(Math.floor(from.getTime() / (PERIOD_SECONDS * 1000)) * PERIOD_SECONDS * 1000);
  const queries: MetricQuery[] = CLUSTER_METRICS.map((m) => ({
    id: m.metric,
    namespace: "AWS/ElasticMapReduce",
    metric: m.metric,
    dimensions: { JobFlowId: id },
    stat: "Average",
    periodSeconds: PERIOD_SECONDS,
  }));
  const metrics = getPlatform().metrics;
  const series = metrics ? await metrics.query(queries, alignedFrom, new Date(Math.max(to.getTime(), alignedFrom.getTime() + PERIOD_SECONDS * 1000))) : [];
  const local = getPlatform().mode === "local";
  return {
    cluster,
    row: rowJson(rowFromCluster(cluster, steps, run?.id ?? null, now)),
    steps: steps.map((s) => ({
      ...s,
      startedAt: s.startedAt?.toISOString() ?? null,
      endedAt: s.endedAt?.toISOString() ?? null,
      durationSeconds: s.startedAt && s.endedAt ? (s.endedAt.getTime() - s.startedAt.getTime()) / 1000 : null,
    })),
    metrics: {
      source: local ? "the local Spark master, read live (only while the cluster runs)" : "CloudWatch AWS/ElasticMapReduce, 5-minute averages",
      measured: true as const,
      series: series.map((s, i) => ({
        id: s.id,
        label: CLUSTER_METRICS[i]!.label,
        unit: CLUSTER_METRICS[i]!.unit,
        points: s.points.map((p) => ({ at: p.at.toISOString(), value: p.value })),
      })),
    },
  };
}
