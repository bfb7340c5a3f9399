"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { queries, type DagListBody } from "@/lib/client/queries";
import { dagHref, formatTime } from "./format";
import { TableHead } from "@/components/ui/table-head";
import { PipelineRunSquares } from "./run-squares";
import { PipelineImportErrors } from "./import-errors";
import { PipelineSyncBanner } from "./sync-banner";

/** Every DAG as the sync last saw it, refreshed from the API (Postgres), never from Airflow directly. */
export function PipelineList({ initial }: { initial: DagListBody }) {
  const { data } = useQuery({ ...queries.pipelines.dags(), initialData: initial });
  return (
    <>
      <PipelineSyncBanner sync={data.sync} />
      <PipelineImportErrors errors={data.importErrors} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <TableHead columns={["DAG", "Schedule", "Tags", "State", "Last runs", "Next run", "Data quality"]} className="bg-slate-50 text-slate-600" dense />
          <tbody>
            {data.items.map((d) => (
              <tr key={d.dagId} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2">
                  <Link href={dagHref(d.dagId)} className="font-mono font-medium text-sky-800 underline">
                    {d.dagId}
                  </Link>
                  {d.broken && <span className="ml-2 rounded bg-rose-100 px-1.5 py-0.5 text-xs text-rose-800">broken</span>}
                  {d.description && <p className="text-xs text-slate-500">{d.description}</p>}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{d.schedule ?? "manual"}</td>
                <td className="px-3 py-2">
                  {d.tags.map((t) => (
                    <span key={t} className="mr-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs">
                      {t}
                    </span>
                  ))}
                </td>
                <td className="px-3 py-2">{d.paused ? <span className="text-amber-700">paused</span> : "active"}</td>
                <td className="px-3 py-2">
                  <PipelineRunSquares runs={d.recentRuns} />
                </td>
                <td className="px-3 py-2 text-xs">{d.paused ? "—" : formatTime(d.nextRunAt)}</td>
                <td className="px-3 py-2 text-xs">
                  {d.quality ? (
                    d.quality.failed ? (
                      <span className="text-rose-700">{d.quality.failed} of {d.quality.checks} checks failed</span>
                    ) : (
                      <span className="text-green-700">{d.quality.checks} checks passed</span>
                    )
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
            {data.items.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                  No DAGs yet: the Airflow sync lists them after its first poll.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
