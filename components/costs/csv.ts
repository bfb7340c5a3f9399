import type { RunCost } from "@/lib/costs/report";

/** The cost-per-run export: the figures the run table shows, one row per run's cluster. */
export const RUN_COST_CSV_HEADER = ["cluster", "dag", "run", "created", "EUR", "on-demand EUR", "spot savings EUR", "instance hours", "idle minutes", "final"];

export const runCostCsvRows = (runs: RunCost[]) =>
  runs.map((x) => [x.clusterId, x.dagId, x.runId, x.createdAt, x.eur, x.onDemandEur, x.spotSavingsEur, x.instanceHours, x.idleMinutes, x.final ? "yes" : "no"]);
