"use client";

import { TableHead } from "@/components/ui/table-head";
import { DetailSection } from "@/components/ui/detail";
import { useQuery } from "@tanstack/react-query";
import { queries, type ClusterDetailBody } from "@/lib/client/queries";
import { StepLogs } from "./step-logs";
import { LineChart } from "@/components/ui/charts/line-chart";
import { duration, euros, stateClass, TERMINAL, when } from "./format";
import { ClusterTerminateButton } from "./terminate-button";

/** One cluster, polled every 5 s until it has terminated. */
export function ClusterDetail({ initial }: { initial: ClusterDetailBody }) {
  const { data, error } = useQuery({ ...queries.clusters.detail(initial.cluster.id), initialData: initial });
  const c = data.cluster;
  const charted = data.metrics.series.filter((s) => s.points.length > 0);
  return (
    <div className="space-y-6">
      <section aria-label="Summary" className="flex flex-wrap items-center gap-4 rounded-lg border border-slate-200 bg-white p-4">
        <span className={stateClass(c.state)} aria-label={`state ${c.state}`}>
          {c.state}
        </span>
        {c.stateReason && <span className="text-sm text-slate-600">{c.stateReason}</span>}
        <span className="text-sm">Uptime {duration(c.uptimeSeconds)}</span>
        <span className="text-sm">Idle {duration(c.idleSeconds)}</span>
        {c.estimatedEur !== undefined && (
          <span className="text-sm" title="estimated from the price table">
            Cost so far {euros(c.estimatedEur)} (estimated)
          </span>
        )}
        {c.idleTooLong && (
          <span role="status" className="rounded bg-rose-600 px-1.5 py-0.5 text-xs font-semibold text-white">
            idle too long
          </span>
        )}
        <span className="ml-auto">{data.canTerminate && !TERMINAL.has(c.state) && <ClusterTerminateButton id={c.id} name={c.name} />}</span>
      </section>

      <DetailSection id="timeline" title="State timeline">
        <ol className="flex flex-wrap gap-2 text-sm">
          {c.stateHistory.map((h, i) => (
            <li key={`${h.state}-${i}`} className="rounded-md border border-slate-200 bg-white px-2 py-1">
              <span className={stateClass(h.state)}>{h.state}</span> <span className="font-mono text-xs">{when(h.at)}</span>
              {h.reason && <span className="ml-1 text-xs text-slate-500">{h.reason}</span>}
            </li>
          ))}
        </ol>
      </DetailSection>

      <DetailSection id="steps" title="Steps">
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <TableHead columns={["Step", "State", "Started", "Ended", "Duration", "Failure", "Logs"]} />
            <tbody>
              {data.steps.map((s) => (
                <tr key={s.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">
                    {s.name} <span className="font-mono text-xs text-slate-500">{s.id}</span>
                  </td>
                  <td className="px-3 py-2">
                    <span className={stateClass(s.state)}>{s.state}</span>
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{when(s.startedAt)}</td>
                  <td className="px-3 py-2 font-mono text-xs">{when(s.endedAt)}</td>
                  <td className="px-3 py-2">{duration(s.durationSeconds)}</td>
                  <td className="px-3 py-2 text-xs text-rose-700">{s.failureReason ?? ""}</td>
                  <td className="px-3 py-2 font-mono text-xs break-all">{s.logUri ?? "—"}</td>
                </tr>
              ))}
              {data.steps.length === 0 && (
                <tr>
                  <td colSpan={7} className="px-3 py-4 text-slate-500">
                    No steps submitted.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </DetailSection>

      <DetailSection id="step-logs" title="Step logs">
        <StepLogs clusterId={data.cluster.id} steps={data.steps} />
      </DetailSection>

      <DetailSection id="metrics" title="Metrics" note={<p className="mb-2 text-xs text-slate-500">Measured · {data.metrics.source}</p>}>
        {charted.length === 0 ? (
          <p className="text-sm text-slate-600">No data points for this cluster.</p>
        ) : (
          <div className="grid gap-3 md:grid-cols-2">
            {charted.map((s) => (
              <LineChart key={s.id} title={s.label} unit={s.unit} series={[{ name: s.label, points: s.points.map((p) => ({ x: Date.parse(p.at), y: p.value })) }]} />
            ))}
          </div>
        )}
      </DetailSection>
      {error && <p className="text-xs text-rose-700">Last refresh failed: {error.message}</p>}
    </div>
  );
}
