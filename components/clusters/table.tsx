"use client";

import { TableHead } from "@/components/ui/table-head";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { queries, type ClusterListBody } from "@/lib/client/queries";
import { duration, euros, stateClass, when } from "./format";

/** Active and recent clusters, refreshed every 10 s from the cached snapshots. */
export function ClusterTable({ initial, idleAlertMinutes, showCosts }: { initial: ClusterListBody; idleAlertMinutes: number; showCosts: boolean }) {
  const { data, error } = useQuery({ ...queries.clusters.list(), initialData: initial });
  if (data.items.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">No clusters in the last 14 days. A pipeline run starts one.</p>;
  }
  return (
    <div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Clusters</caption>
          <TableHead columns={["Cluster", "State", "Created / ready / ended", "Instances", "Idle", ...(showCosts ? ["Cost so far"] : []), "DAG run"]} />
          <tbody>
            {data.items.map((c) => (
              <tr key={c.id} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2">
                  <Link href={`/clusters/${c.id}`} className="font-mono font-medium whitespace-nowrap text-blue-700 hover:underline">
                    {c.id}
                  </Link>
                  <div className="text-xs text-slate-500">{c.name}</div>
                  <div className="font-mono text-xs text-slate-500">{c.releaseLabel ?? "—"}</div>
                </td>
                <td className="px-3 py-2">
                  <span className={stateClass(c.state)}>{c.state}</span>
                  {c.stateReason && <div className="mt-1 max-w-48 text-xs text-slate-500">{c.stateReason}</div>}
                </td>
                <td className="px-3 py-2 font-mono text-xs whitespace-nowrap">
                  {when(c.createdAt)}
                  <br />
                  {when(c.readyAt)}
                  <br />
                  {when(c.endedAt)}
                  <div className="font-sans text-slate-600">up {duration(c.uptimeSeconds)}</div>
                </td>
                <td className="px-3 py-2 text-xs">
                  {c.instanceGroups.map((g) => (
                    <div key={`${g.role}-${g.market}`}>
                      {g.role} {g.count} × {g.instanceType} <span className={g.market === "SPOT" ? "text-emerald-700" : "text-slate-600"}>{g.market}</span>
                    </div>
                  ))}
                  <div className="text-slate-500" title="normalized instance hours, as EMR bills them">
                    {c.normalizedInstanceHours} norm. h
                  </div>
                </td>
                <td className="px-3 py-2">
                  <span className="whitespace-nowrap">{duration(c.idleSeconds)}</span>
                  <div className="text-xs text-slate-500">{c.autoTerminateIdleSeconds === null ? "no auto-terminate" : `auto-terminates after ${duration(c.autoTerminateIdleSeconds)}`}</div>
                  {c.idleTooLong && (
                    <div>
                      <span role="status" className="rounded bg-rose-600 px-1.5 py-0.5 text-xs font-semibold text-white">
                        idle over {idleAlertMinutes} min
                      </span>
                    </div>
                  )}
                </td>
                {showCosts && (
                  <td className="px-3 py-2 whitespace-nowrap" title="estimated from the price table">
                    {c.estimatedEur !== undefined ? euros(c.estimatedEur) : "—"}
                  </td>
                )}
                <td className="px-3 py-2 text-xs break-all">
                  {c.dagRun ? (
                    c.pipelineRunId ? (
                      <Link href={`/runs/${c.pipelineRunId}`} className="text-blue-700 hover:underline">
                        {c.dagRun.dagId} · {c.dagRun.runId}
                      </Link>
                    ) : (
                      <Link href={`/runs?dagId=${encodeURIComponent(c.dagRun.dagId)}`} className="text-blue-700 hover:underline">
                        {c.dagRun.dagId} · {c.dagRun.runId}
                      </Link>
                    )
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-500">
        Snapshots from {when(data.freshness.lastSuccessAt)} UTC, at most {data.freshness.maxAgeSeconds} s old{showCosts && " · costs estimated from the price table"}
        {data.freshness.error ? ` · the source did not answer: ${data.freshness.error}` : ""}
        {error ? ` · last refresh failed: ${error.message}` : ""}
      </p>
    </div>
  );
}
