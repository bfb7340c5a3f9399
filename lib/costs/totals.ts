import type { CostReport } from "./report";

export type GroupBy = "service" | "dag" | "run";

/** The report's cost split one way, largest first, each row with its provenance. */
export function totalsBy(report: CostReport, groupBy: GroupBy) {
  const rows =
    groupBy === "service"
      ? report.services.map((s) => ({ key: s.service, label: s.label, eur: s.total, source: s.source, measured: s.measured }))
      : groupBy === "dag"
        ? report.dags.map((d) => ({ key: d.dagId, label: d.dagId, eur: d.eur, source: report.estimateSource, measured: false }))
        : report.runs.map((r) => ({ key: r.clusterId, label: r.runId ? `${r.dagId} · ${r.runId}` : r.clusterId, eur: r.eur, source: r.source, measured: r.measured }));
  return rows.sort((a, b) => b.eur - a.eur);
}
