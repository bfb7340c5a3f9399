"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { queries, type BackfillDetailBody } from "@/lib/client/queries";
import { BackfillProgress } from "./progress";
import { dagHref, formatTime, runHref } from "@/components/pipelines/format";
import { StateLabel } from "@/components/pipelines/state-label";
import { TableHead } from "@/components/ui/table-head";

/** A backfill's page: its progress, and each logical date with the run that carries it, live until complete. */
export function BackfillDetail({ initial }: { initial: BackfillDetailBody }) {
  const { data } = useQuery({ ...queries.backfills.detail(initial.backfill.id), initialData: initial });
  const { backfill, dates } = data;
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <dt className="text-slate-500">DAG</dt>
        <dd>
          <Link href={dagHref(backfill.dagId)} className="text-sky-700 hover:underline">
            {backfill.dagId}
          </Link>
        </dd>
        <dt className="text-slate-500">Asked by</dt>
        <dd data-testid="backfill-requested-by">{backfill.requestedBy}</dd>
        <dt className="text-slate-500">Range</dt>
        <dd>
          {backfill.from.slice(0, 10)} → {backfill.to.slice(0, 10)}
        </dd>
        <dt className="text-slate-500">Reprocess</dt>
        <dd>
          {backfill.reprocess}, {backfill.maxActiveRuns} at a time
        </dd>
      </dl>
      <BackfillProgress backfill={backfill} />
      <table className="min-w-full text-sm" aria-label="Backfill runs">
        <TableHead columns={["Logical date", "Run", "State", "Started", "Ended"]} dense />
        <tbody>
          {dates.map(({ logicalDate, run }) => (
            <tr key={logicalDate} className="border-t border-slate-100">
              <td className="px-2 py-1 font-mono">{logicalDate.slice(0, 10)}</td>
              <td className="px-2 py-1 font-mono text-xs">
                {run ? (
                  <Link href={runHref(run.id)} className="text-sky-700 hover:underline">
                    {run.runId}
                  </Link>
                ) : (
                  <span className="text-slate-500">not made yet</span>
                )}
              </td>
              <td className="px-2 py-1">
                <StateLabel state={run?.state} fallback="pending" />
              </td>
              <td className="px-2 py-1">{formatTime(run?.startedAt ?? null)}</td>
              <td className="px-2 py-1">{formatTime(run?.endedAt ?? null)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
