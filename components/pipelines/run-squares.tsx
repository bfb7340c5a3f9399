import Link from "next/link";
import { runHref, stateColour } from "./format";

/** The last runs, oldest left, as coloured squares linking to each run. */
export function PipelineRunSquares({ runs }: { runs: { id: string; runId: string; state: string }[] }) {
  if (runs.length === 0) return <span className="text-slate-400">no runs</span>;
  return (
    <ul className="flex gap-1" aria-label="Last runs">
      {[...runs].reverse().map((r) => (
        <li key={r.id}>
          <Link href={runHref(r.id)} title={`${r.runId}: ${r.state}`} aria-label={`${r.runId}: ${r.state}`} className="block h-4 w-4 rounded-sm" style={{ backgroundColor: stateColour(r.state) }} />
        </li>
      ))}
    </ul>
  );
}
