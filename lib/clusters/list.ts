import { maySeeCosts, type Role } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import type { ClusterSnapshot } from "@/lib/generated/prisma/client";
import { ACTIVE_STATES, type Cluster, type ClusterState, type InstanceGroup } from "@/lib/platform/clusters/port";
import { clusterCost, toEur } from "@/lib/costs/model";
import { pricingRegion } from "@/lib/costs/dashboard";
import { isIdleTooLong } from "./idle";

/** A row of the Clusters page: the latest capture of one cluster, with its cost so far. */
export interface ClusterRow extends Cluster {
  uptimeSeconds: number;
  idleSeconds: number;
  idleTooLong: boolean;
  /** The run-history row of the creating DAG run, once the pipelines sync has it. */
  pipelineRunId: string | null;
  estimatedEur: number;
  capturedAt: Date;
}

export function toRow(s: ClusterSnapshot, now: Date): ClusterRow {
  const createdAt = s.createdAt ?? s.capturedAt;
  const groups = s.instanceGroups as unknown as InstanceGroup[];
  const idleSince = s.idleSince;
  const idleSeconds = idleSince && !s.endedAt ? Math.max(s.idleSeconds ?? 0, (now.getTime() - idleSince.getTime()) / 1000) : (s.idleSeconds ?? 0);
  const history = (s.stateHistory as { state: ClusterState; at: string; reason: string | null }[] | null) ?? [];
  return {
    id: s.clusterId,
    name: s.name,
    state: s.state as ClusterState,
    stateReason: s.stateReason,
    releaseLabel: s.releaseLabel,
    createdAt,
    readyAt: s.readyAt,
    endedAt: s.endedAt,
    uptimeSeconds: Math.round(((s.endedAt ?? now).getTime() - createdAt.getTime()) / 1000),
    instanceGroups: groups,
    normalizedInstanceHours: s.normalizedInstanceHours ?? 0,
    autoTerminateIdleSeconds: s.autoTerminateIdleSeconds,
    idleSince,
    idleSeconds: Math.round(idleSeconds),
    idleTooLong: !s.endedAt && isIdleTooLong({ idleSince }, env.CLUSTER_IDLE_ALERT_MINUTES, now),
    dagRun: s.dagId && s.runId ? { dagId: s.dagId, runId: s.runId } : null,
    pipelineRunId: s.pipelineRunId,
    stateHistory: history.map((h) => ({ ...h, at: new Date(h.at) })),
    estimatedEur: toEur(clusterCost({ createdAt, endedAt: s.endedAt, instanceGroups: groups }, pricingRegion(), now).cost),
    capturedAt: s.capturedAt,
  };
}

/** Active clusters and those created in the last `days` days, newest first, from the snapshots in Postgres. */
export async function clusterRows(options: { days: number; now?: Date }): Promise<ClusterRow[]> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - options.days * 86_400_000);
  const candidates = await prisma.clusterSnapshot.findMany({
    where: { OR: [{ createdAt: { gte: since } }, { state: { in: [...ACTIVE_STATES] } }] },
    distinct: ["clusterId"],
    select: { clusterId: true },
  });
  // Every capture of those clusters, so an old "active" capture never hides a later termination.
  const snapshots = await prisma.clusterSnapshot.findMany({
    where: { clusterId: { in: candidates.map((c) => c.clusterId) } },
    orderBy: { capturedAt: "desc" },
  });
  const latest = new Map<string, ClusterSnapshot>();
  for (const s of snapshots) if (!latest.has(s.clusterId)) latest.set(s.clusterId, s);
  return [...latest.values()]
    .filter((s) => (ACTIVE_STATES as string[]).includes(s.state) || (s.createdAt ?? now) >= since)
    .map((s) => toRow(s, now))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

const isoOrNull = (d: Date | null) => d?.toISOString() ?? null;

/** A row as `role` may see it: without its cost below the role the Costs pages need. */
export function rowFor<T extends { estimatedEur: number }>(row: T, role: Role): Omit<T, "estimatedEur"> & { estimatedEur?: number } {
  if (maySeeCosts(role)) return row;
  const rest: Omit<T, "estimatedEur"> & { estimatedEur?: number } = { ...row };
  delete rest.estimatedEur;
  return rest;
}

/** The JSON form (ISO dates) the API and the client components use. */
export function rowJson(row: ClusterRow) {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    readyAt: isoOrNull(row.readyAt),
    endedAt: isoOrNull(row.endedAt),
    idleSince: isoOrNull(row.idleSince),
    capturedAt: row.capturedAt.toISOString(),
    stateHistory: row.stateHistory.map((h) => ({ ...h, at: h.at.toISOString() })),
  };
}
export type ClusterRowJson = ReturnType<typeof rowJson>;
