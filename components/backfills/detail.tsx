"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { queries, type BackfillDetailBody } from "@/lib/client/queries";
import { BackfillProgress } from "./progress";
import { dagHref, formatTime, runHref } from "@/components/pipelines/format";
import { StateLabel } from "@/components/pipelines/state-label";
import { TableHead } from "@/components/ui/table-head";
import { Fact, Facts } from "@/components/ui/detail";

/** A backfill's page: its progress, and each logical date with the run that carries it, live until complete. */
export function BackfillDetail({ initial }: { initial: BackfillDetailBody }) {
  const { data } = useQuery({ ...queries.backfills.detail(initial.backfill.id), initialData: initial });
  const { backfill, dates } = data;
  return (
    <div className="space-y-6">
      <Facts>
        <Fact label="DAG">
          <Link href={dagHref(backfill.dagId)} className="text-sky-700 hover:underline">
            {backfill.dagId}
          </Link>
        </Fact>
        <Fact label="Asked by" data-testid="backfill-requested-by">
          {backfill.requestedBy}
        </Fact>
        <Fact label="Range">
          {backfill.from.slice(0, 10)} → {backfill.to.slice(0, 10)}
        </Fact>
        <Fact label="Reprocess">
          {backfill.reprocess}, {backfill.maxActiveRuns} at a time
        </Fact>
      </Facts>
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
