import type { Cluster, ClusterStep } from "@/lib/platform/clusters/port";

/**
 * Seconds a cluster sat ready with no step running: from ready to its end (or `now`), less the time
 * its steps ran. The same formula for EMR (which gives no fuller history) and the local clusters.
 */
export function idleSeconds(cluster: Pick<Cluster, "readyAt" | "endedAt">, steps: Pick<ClusterStep, "startedAt" | "endedAt">[], now: Date): number {
  if (!cluster.readyAt) return 0;
  const start = cluster.readyAt.getTime();
  const end = (cluster.endedAt ?? now).getTime();
  let busy = 0;
  for (const step of steps) {
    if (!step.startedAt) continue;
    const from = Math.max(start, step.startedAt.getTime());
    const to = Math.min(end, (step.endedAt ?? now).getTime());
    busy += Math.max(0, to - from);
  }
  return Math.max(0, (end - start - busy) / 1000);
}

/** A running cluster idle for longer than the threshold is flagged on the Clusters page. */
export function isIdleTooLong(cluster: Pick<Cluster, "idleSince">, thresholdMinutes: number, now: Date): boolean {
  return cluster.idleSince !== null && now.getTime() - cluster.idleSince.getTime() > thresholdMinutes * 60_000;
}
