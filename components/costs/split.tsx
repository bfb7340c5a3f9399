import { euros } from "@/components/clusters/format";
import type { CostsBody } from "@/lib/client/queries";

const PARTS = [
  { key: "fixed", label: "The estate (always on: MWAA, database, network, portal)", color: "bg-slate-600" },
  { key: "perRun", label: "Pipeline runs (EMR clusters)", color: "bg-sky-500" },
  { key: "usage", label: "Storage and transfer", color: "bg-amber-400" },
] as const;

/** The total split by how it bills, so a lead sees what the bill is made of: the estate or the runs. */
export function EstateSplit({ split, total }: { split: CostsBody["report"]["split"]; total: number }) {
  const share = (x: number) => (total > 0 ? Math.round((100 * x) / total) : 0);
  return (
    <div className="space-y-2">
      <div className="flex h-5 overflow-hidden rounded bg-slate-100" role="img" aria-label={PARTS.map((p) => `${p.label}: ${share(split[p.key])} %`).join(", ")}>
        {PARTS.map((p) => (
          <div key={p.key} className={p.color} style={{ width: `${share(split[p.key])}%` }} title={`${p.label}: ${euros(split[p.key])}`} />
        ))}
      </div>
      <dl className="grid gap-2 text-sm sm:grid-cols-3">
        {PARTS.map((p) => (
          <div key={p.key} className="flex items-start gap-2">
            <span aria-hidden className={`mt-1 inline-block h-3 w-3 shrink-0 rounded-sm ${p.color}`} />
            <div>
              <dt className="text-slate-600">{p.label}</dt>
              <dd className="font-mono">
                {euros(split[p.key])} · {share(split[p.key])} %
              </dd>
            </div>
          </div>
        ))}
      </dl>
    </div>
  );
}
