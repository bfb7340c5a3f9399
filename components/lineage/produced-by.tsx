import Link from "next/link";
import { formatBytes, formatDate } from "@/components/lake/format";
import { DetailSection } from "@/components/ui/detail";
import type { producersOf } from "@/lib/lineage/read";
import { datasetHref, formatCount, VERDICT_STYLE } from "./format";
import { TableHead } from "@/components/ui/table-head";

type Found = Awaited<ReturnType<typeof producersOf>>;

/** On a lake object or partition page: the runs that wrote it, newest first, with their quality verdict. */
export function ProducedBy({ found }: { found: Found }) {
  const where = found.partition ? `partition ${found.partition} of ${found.dataset}` : found.dataset;
  return (
    <div className="mb-6">
      <DetailSection id="produced-by-heading" title="Written by">
        {found.producers.length === 0 ? (
          <p className="text-sm text-slate-500">
            No run is known to have written {where}. Pipeline runs record what they write (OpenLineage events in logs/lineage/); data uploaded by
            hand or written before lineage existed has no producer. Re-run the pipeline for this day to record one.
          </p>
        ) : (
          <table className="w-full text-left text-sm" aria-label="Runs that wrote this">
            <TableHead className="text-slate-600" dense columns={["Run", "Job", "Ended", "Triggered by", "Rows", "Bytes", `Quality of ${found.dataset}`]} numeric={["Rows", "Bytes"]} />
            <tbody>
              {found.producers.map((p) => (
                <tr key={p.lineageRunId} className="border-t border-slate-100">
                  <td className="px-2 py-1">
                    {p.portalRunId ? (
                      <Link href={`/runs/${p.portalRunId}`} className="text-sky-800 underline">
                        {p.dagId} · {p.runId}
                      </Link>
                    ) : (
                      <span className="font-mono text-xs">{p.dagId ? `${p.dagId} · ${p.runId}` : p.lineageRunId}</span>
                    )}
                  </td>
                  <td className="px-2 py-1 font-mono">{p.job}</td>
                  <td className="px-2 py-1">{formatDate(p.endedAt)}</td>
                  <td className="px-2 py-1">{p.triggeredBy ?? "—"}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{formatCount(p.rows)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{p.bytes === null ? "—" : formatBytes(p.bytes)}</td>
                  <td className={`px-2 py-1 ${p.qualityStatus ? VERDICT_STYLE[p.qualityStatus] : "text-slate-400"}`}>{p.qualityStatus ?? "not checked"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="mt-1 text-sm">
          <Link href={datasetHref(found.dataset)} className="text-sky-700 hover:underline">
            Dataset {found.dataset}: history, quality and lineage
          </Link>
        </p>
      </DetailSection>
    </div>
  );
}
