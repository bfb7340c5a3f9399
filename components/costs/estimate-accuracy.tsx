import { LineChart } from "@/components/ui/charts/line-chart";
import type { EstimatePoint } from "@/lib/pipelines/estimate";

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** How far each run's pre-trigger estimate was from what it cost and took, run by run. */
export function EstimateAccuracy({ points, days }: { points: EstimatePoint[]; days: number }) {
  return (
    <section aria-label="How good the estimates have been" className="space-y-2">
      <h2 className="text-lg font-semibold">How good the estimates have been</h2>
      {points.length === 0 ? (
        <p className="text-sm text-slate-600">
          No run with an estimate has finished in the last {days} days. Trigger a run from a DAG&apos;s page once it has a successful run: the form shows the estimate, and
          the run is compared with it here when it ends.
        </p>
      ) : (
        <>
          <LineChart
            title={`Estimate error per finished run, last ${days} days (|expected − actual| ÷ actual)`}
            unit="%"
            xLabel="run end (UTC)"
            series={[
              { name: "duration", points: points.map((p) => ({ x: Date.parse(p.endedAt), y: percent(p.durationError) })) },
              { name: "cost", points: points.map((p) => ({ x: Date.parse(p.endedAt), y: percent(p.costError) })) },
            ]}
          />
          <p className="text-xs text-slate-500">
            {points.length} run{points.length === 1 ? "" : "s"}; a gap where a run cost nothing (no cluster). The estimate is the one stored when the run was triggered.
          </p>
        </>
      )}
    </section>
  );
}
