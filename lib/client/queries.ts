import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { status } from "@/lib/api/contracts/system";
import type { listObjects, LakeSummary } from "@/lib/api/contracts/lake";
import type { getCluster, listClusters } from "@/lib/api/contracts/clusters";
import type { getBackfill, listBackfills } from "@/lib/api/contracts/backfills";
import type { getCosts } from "@/lib/api/contracts/costs";
import type { getBudget, listAlarms } from "@/lib/api/contracts/health";
import type { getDag, getRun, listDags, listRuns, runsSummary } from "@/lib/api/contracts/pipelines";
import { isFinalRun, isFinalTask } from "@/lib/pipelines/states";
import { fetchJson as getJson } from "./fetch-json";

export type StatusBody = z.infer<typeof status.response>;
export type AlarmsBody = z.infer<typeof listAlarms.response>;
export type BudgetBody = z.infer<typeof getBudget.response>;
export type LakePageBody = z.infer<typeof listObjects.response>;
export type ClusterListBody = z.infer<typeof listClusters.response>;
export type ClusterDetailBody = z.infer<typeof getCluster.response>;
export type CostsBody = z.infer<typeof getCosts.response>;
export type DagListBody = z.infer<typeof listDags.response>;
export type DagDetailBody = z.infer<typeof getDag.response>;
export type RunPageBody = z.infer<typeof listRuns.response>;
export type RunFiguresBody = z.infer<typeof runsSummary.response>;
export type RunDetailBody = z.infer<typeof getRun.response>;
export type BackfillListBody = z.infer<typeof listBackfills.response>;
export type BackfillDetailBody = z.infer<typeof getBackfill.response>;
/** The run-history filters as the URL carries them. */
export type RunFilterParams = Record<string, string>;

// The sync writes a run's final state a moment before its tasks' (the next CLI call of the same cycle).
const TASKS_GRACE_MS = 120_000;

function settled({ run }: RunDetailBody): boolean {
  if (!isFinalRun(run.state)) return false;
  const latest = new Map(run.tasks.map((t) => [t.taskId, t.state]));
  const tasksFinal = latest.size > 0 && [...latest.values()].every(isFinalTask);
  return tasksFinal || (run.endedAt !== null && Date.now() - Date.parse(run.endedAt) > TASKS_GRACE_MS);
}

/** Query keys and fetchers together, one factory per query, keys layered per feature. */
export const queries = {
  status: () => queryOptions({ queryKey: ["status"], queryFn: () => getJson<StatusBody>("/api/status"), refetchInterval: 15_000 }),
  alarms: () => queryOptions({ queryKey: ["alarms"], queryFn: () => getJson<AlarmsBody>("/api/alarms"), refetchInterval: 30_000 }),
  lake: {
    /** Everything under one bucket and prefix: invalidating it refreshes the listing and the summary. */
    prefix: (bucket: string, prefix: string) => ["lake", bucket, prefix] as const,
    objects: (bucket: string, prefix: string, cursor: string | null) =>
      queryOptions({
        queryKey: ["lake", bucket, prefix, "objects", cursor] as const,
        queryFn: () =>
          getJson<LakePageBody>(`/api/lake/objects?${new URLSearchParams({ bucket, prefix, ...(cursor ? { cursor } : {}) })}`),
      }),
    summary: (bucket: string, prefix: string) =>
      queryOptions({
        queryKey: ["lake", bucket, prefix, "summary"] as const,
        queryFn: () => getJson<LakeSummary>(`/api/lake/summary?${new URLSearchParams({ bucket, prefix })}`),
        staleTime: 60_000,
      }),
  },
  pipelines: {
    all: ["pipelines"] as const,
    dags: () => queryOptions({ queryKey: ["pipelines", "dags"], queryFn: () => getJson<DagListBody>("/api/dags"), refetchInterval: 10_000 }),
    dag: (dagId: string) =>
      queryOptions({
        queryKey: ["pipelines", "dag", dagId],
        queryFn: () => getJson<DagDetailBody>(`/api/dags/${encodeURIComponent(dagId)}`),
        refetchInterval: 5_000,
      }),
  },
  runs: {
    all: ["runs"] as const,
    list: (filters: RunFilterParams, cursor: string | null) =>
      queryOptions({
        queryKey: ["runs", "list", filters, cursor],
        queryFn: () => getJson<RunPageBody>(`/api/runs?${new URLSearchParams({ ...filters, ...(cursor ? { cursor } : {}) })}`),
      }),
    summary: (filters: RunFilterParams) =>
      queryOptions({ queryKey: ["runs", "summary", filters], queryFn: () => getJson<RunFiguresBody>(`/api/runs/summary?${new URLSearchParams(filters)}`) }),
    /** Polls while the run is active, and after its end until the sync has written its tasks' final states. */
    detail: (id: string) =>
      queryOptions({
        queryKey: ["runs", "detail", id],
        queryFn: () => getJson<RunDetailBody>(`/api/runs/${encodeURIComponent(id)}`),
        refetchInterval: (query) => (query.state.data && settled(query.state.data) ? false : 3_000),
      }),
  },
  backfills: {
    all: ["backfills"] as const,
    list: (dagId: string) =>
      queryOptions({
        queryKey: ["backfills", "list", dagId],
        queryFn: () => getJson<BackfillListBody>(`/api/backfills?${new URLSearchParams({ dagId })}`),
        refetchInterval: 5_000,
      }),
    /** Polls until the sync has seen every date's run end. */
    detail: (id: string) =>
      queryOptions({
        queryKey: ["backfills", "detail", id],
        queryFn: () => getJson<BackfillDetailBody>(`/api/backfills/${encodeURIComponent(id)}`),
        refetchInterval: (query) => (query.state.data?.backfill.completedAt ? false : 5_000),
      }),
  },
  clusters: {
    all: ["clusters"] as const,
    list: () => queryOptions({ queryKey: ["clusters", "list"], queryFn: () => getJson<ClusterListBody>("/api/clusters"), refetchInterval: 10_000 }),
    /** Polls while the cluster lives, stops once it has terminated. */
    detail: (id: string) =>
      queryOptions({
        queryKey: ["clusters", "detail", id],
        queryFn: () => getJson<ClusterDetailBody>(`/api/clusters/${encodeURIComponent(id)}`),
        refetchInterval: (query) => (query.state.data?.cluster.endedAt ? false : 5_000),
      }),
  },
  costs: {
    report: (from: string, to: string) =>
      queryOptions({ queryKey: ["costs", from, to], queryFn: () => getJson<CostsBody>(`/api/costs?${new URLSearchParams({ from, to })}`), staleTime: 60_000 }),
  },
};
