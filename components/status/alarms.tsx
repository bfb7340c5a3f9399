"use client";

import { useQuery } from "@tanstack/react-query";
import { queries, type AlarmsBody } from "@/lib/client/queries";
import { TableHead } from "@/components/ui/table-head";

const STATE_STYLE = {
  OK: "bg-emerald-100 text-emerald-800",
  ALARM: "bg-rose-100 text-rose-800",
  INSUFFICIENT_DATA: "bg-slate-200 text-slate-800",
} as const;

const when = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

/** The estate's alarms from the cache the alarms sync keeps, firing first; polls every 30 s. */
export function AlarmsTable({ initial }: { initial: AlarmsBody }) {
  const { data, error, isFetching } = useQuery({ ...queries.alarms(), initialData: initial });
  return (
    <section aria-labelledby="alarms-heading" className="mt-10">
      <h2 id="alarms-heading" className="mb-2 text-lg font-semibold">
        Alarms
      </h2>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Alarms of the {data.mode} estate</caption>
          <TableHead columns={["Alarm", "State", "Since", "Metric", "Rule", "Why"]} />
          <tbody>
            {data.items.map((a) => (
              <tr key={a.name} className="border-t border-slate-100 align-top">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  {a.name}
                  {a.description && <div className="text-xs font-normal text-slate-500">{a.description}</div>}
                </th>
                <td className="px-3 py-2">
                  <span className={`whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ${STATE_STYLE[a.state]}`}>{a.state}</span>
                </td>
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{a.since ? when(a.since) : "—"}</td>
                <td className="px-3 py-2 font-mono text-xs break-all">{a.metric}</td>
                <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{a.condition}</td>
                <td className="px-3 py-2 text-xs text-slate-600">{a.reason}</td>
              </tr>
            ))}
            {data.items.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-3 text-slate-500">
                  No alarm found{data.freshness.error ? "" : " for this estate"}.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {data.notEvaluated && (
        <p role="note" className="mt-2 text-xs text-amber-800">
          Local estate: {data.notEvaluated}
        </p>
      )}
      <p className="mt-1 text-xs text-slate-500">
        Alarm states cached {data.freshness.lastSuccessAt ? when(data.freshness.lastSuccessAt) : "never"}, refreshed when older than {data.freshness.maxAgeSeconds} s
        {isFetching ? " · refreshing…" : ""}
        {data.freshness.error ? ` · the source did not answer: ${data.freshness.error}` : ""}
        {error ? ` · last refresh failed: ${error.message}` : ""}
      </p>
    </section>
  );
}
