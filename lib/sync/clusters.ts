import { idleSeconds } from "@/lib/clusters/idle";
import type { PrismaClient, ClusterSnapshot } from "@/lib/generated/prisma/client";
import type { Cluster, ClusterState, Clusters, InstanceGroup } from "@/lib/platform/clusters/port";
import type { SyncSource } from "./runner";

/** The cluster-snapshot sync: one ClusterSnapshot row whenever a cluster changed since the last capture. */
export const CLUSTERS_SOURCE = "clusters";

// RUNNING and WAITING alternate as steps come and go; everything else only moves forward.
const RANK: Record<ClusterState, number> = {
  STARTING: 0,
  BOOTSTRAPPING: 1,
  RUNNING: 2,
  WAITING: 2,
  TERMINATING: 3,
  TERMINATED: 4,
  TERMINATED_WITH_ERRORS: 4,
};

export function marketOf(cluster: Pick<Cluster, "instanceGroups">): string | null {
  const markets = new Set(cluster.instanceGroups.map((g) => g.market));
  if (markets.size === 0) return null;
  return markets.size === 1 ? [...markets][0]! : "MIXED";
}

const time = (d: Date | null) => d?.getTime() ?? null;
// jsonb reorders object keys, so groups are compared field by field.
const groupsKey = (groups: InstanceGroup[]) => groups.map((g) => [g.role, g.instanceType, g.count, g.market].join(":")).join(",");

function unchanged(last: ClusterSnapshot, c: Cluster): boolean {
  return (
    last.state === c.state &&
    time(last.readyAt) === time(c.readyAt) &&
    time(last.endedAt) === time(c.endedAt) &&
    time(last.idleSince) === time(c.idleSince) &&
    last.normalizedInstanceHours === c.normalizedInstanceHours &&
    groupsKey(last.instanceGroups as unknown as InstanceGroup[]) === groupsKey(c.instanceGroups)
  );
}

export interface ClusterSyncResult {
  seen: number;
  written: number;
  /** Older captures that would have moved a cluster's state backwards. */
  skippedBackwards: number;
}

export async function syncClusters(deps: { prisma: PrismaClient; clusters: Clusters; now?: Date; lookbackDays?: number }): Promise<ClusterSyncResult> {
  const now = deps.now ?? new Date();
  const createdAfter = new Date(now.getTime() - (deps.lookbackDays ?? 14) * 86_400_000);
  // Active ones whatever their age, and the recent ones whatever their state.
  const [active, recent] = await Promise.all([deps.clusters.list({ active: true }), deps.clusters.list({ active: false, createdAfter })]);
  const byId = new Map([...recent, ...active].map((c) => [c.id, c]));
  const result: ClusterSyncResult = { seen: byId.size, written: 0, skippedBackwards: 0 };

  for (const c of byId.values()) {
    const last = await deps.prisma.clusterSnapshot.findFirst({ where: { clusterId: c.id }, orderBy: { capturedAt: "desc" } });
    if (last && unchanged(last, c)) continue;
    if (last && RANK[c.state] < RANK[last.state as ClusterState]) {
      result.skippedBackwards += 1;
      continue;
    }
    const steps = await deps.clusters.steps(c.id);
    const run = c.dagRun ? await deps.prisma.pipelineRun.findUnique({ where: { dagId_runId: c.dagRun } }) : null;
    await deps.prisma.clusterSnapshot.create({
      data: {
        clusterId: c.id,
        name: c.name,
        state: c.state,
        stateReason: c.stateReason,
        market: marketOf(c),
        instanceGroups: c.instanceGroups.map((g) => ({ ...g })),
        normalizedInstanceHours: c.normalizedInstanceHours,
        releaseLabel: c.releaseLabel,
        createdAt: c.createdAt,
        readyAt: c.readyAt,
        endedAt: c.endedAt,
        capturedAt: now,
        autoTerminateIdleSeconds: c.autoTerminateIdleSeconds,
        idleSince: c.idleSince,
        idleSeconds: Math.round(idleSeconds(c, steps, now)),
        dagId: c.dagRun?.dagId ?? null,
        runId: c.dagRun?.runId ?? null,
        stateHistory: c.stateHistory.map((h) => ({ state: h.state, at: h.at.toISOString(), reason: h.reason })),
        pipelineRunId: run?.id ?? null,
      },
    });
    result.written += 1;
  }
  return result;
}

/** The background sync: polls the Clusters port every `intervalMs`. */
export function clustersSync(deps: { prisma: PrismaClient; clusters: Clusters; intervalMs: number }): SyncSource {
  return {
    name: CLUSTERS_SOURCE,
    intervalMs: deps.intervalMs,
    async poll() {
      const r = await syncClusters({ prisma: deps.prisma, clusters: deps.clusters });
      return `${r.seen} cluster(s) seen, ${r.written} snapshot(s) written${r.skippedBackwards ? `, ${r.skippedBackwards} stale capture(s) ignored` : ""}`;
    },
  };
}
