import type { BackfillListBody } from "@/lib/client/queries";
import { stateColour } from "@/components/pipelines/format";

type Summary = BackfillListBody["items"][number];
const ORDER = ["success", "failed", "running", "queued", "pending"];
const rank = (state: string) => (ORDER.includes(state) ? ORDER.indexOf(state) : ORDER.length);

/** One bar for a backfill: a segment per run state, so progress and failures show at a glance. */
export function BackfillProgress({ backfill }: { backfill: Summary }) {
  const ended = (backfill.counts.success ?? 0) + (backfill.counts.failed ?? 0);
  const percent = backfill.total ? Math.round((100 * ended) / backfill.total) : 100;
  const states = Object.keys(backfill.counts).sort((a, b) => rank(a) - rank(b));
  return (
    <div className="space-y-1">
      <div role="progressbar" aria-label="Backfill progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="flex h-2 overflow-hidden rounded bg-slate-200">
        {states.map((state) => (
          <div key={state} title={`${backfill.counts[state]} ${state}`} style={{ width: `${(100 * backfill.counts[state]!) / backfill.total}%`, backgroundColor: state === "pending" ? "transparent" : stateColour(state) }} />
        ))}
      </div>
      <p className="text-xs text-slate-600" data-testid="backfill-counts">
        {ended} of {backfill.total} ended · {states.map((s) => `${backfill.counts[s]} ${s}`).join(", ")}
        {backfill.completedAt ? " · complete" : ""}
      </p>
    </div>
  );
}
