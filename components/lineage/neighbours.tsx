import Link from "next/link";
import { datasetHref } from "./format";

type Neighbour = { namespace: string; name: string; job: string };

function Column({ items, empty, label }: { items: Neighbour[]; empty: string; label: string }) {
  return (
    <ul aria-label={label} className="flex min-w-0 flex-1 flex-col gap-1">
      {items.length === 0 && <li className="text-xs text-slate-500">{empty}</li>}
      {items.map((d) => (
        <li key={`${d.namespace}/${d.name}`} className="truncate rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs" title={`${d.name} (via ${d.job})`}>
          <Link href={datasetHref(d.name)} className="text-sky-800 hover:underline">
            {d.name}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** Upstream → this dataset → downstream, one hop each way, as boxes like the DAG graph's tasks. */
export function Neighbours({ name, upstream, downstream }: { name: string; upstream: Neighbour[]; downstream: Neighbour[] }) {
  return (
    <div className="flex max-w-4xl items-center gap-3" role="group" aria-label="Upstream and downstream datasets">
      <Column items={upstream} empty="nothing upstream (a source)" label="Upstream" />
      <span aria-hidden className="text-slate-400">
        →
      </span>
      <div className="rounded border-2 border-sky-700 bg-sky-50 px-3 py-2 font-mono text-sm font-semibold">{name}</div>
      <span aria-hidden className="text-slate-400">
        →
      </span>
      <Column items={downstream} empty="nothing reads it yet" label="Downstream" />
    </div>
  );
}
