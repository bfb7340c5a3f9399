"use client";

import { useQuery } from "@tanstack/react-query";
import { queries, type StatusBody } from "@/lib/client/queries";
import { TableHead } from "@/components/ui/table-head";

const STATE_STYLE = {
  ok: "bg-emerald-100 text-emerald-800",
  down: "bg-rose-100 text-rose-800",
  missing: "bg-amber-100 text-amber-900",
} as const;

export function StatusTable({ initial }: { initial: StatusBody }) {
  const { data, error, isFetching } = useQuery({ ...queries.status(), initialData: initial });
  return (
    <div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <TableHead columns={["Source", "Adapter", "State", "Latency", "Detail"]} />
          <tbody>
            {data.items.map((item) => (
              <tr key={item.port} className="border-t border-slate-100">
                <td className="px-3 py-2 font-medium">{item.label}</td>
                <td className="px-3 py-2">{item.adapter ?? "—"}</td>
                <td className="px-3 py-2">
                  <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${STATE_STYLE[item.state]}`}>{item.state}</span>
                </td>
                <td className="px-3 py-2 font-mono">{item.latencyMs === null ? "—" : `${item.latencyMs} ms`}</td>
                <td className="px-3 py-2 text-slate-600">{item.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-500">
        Checked {new Date(data.checkedAt).toLocaleTimeString()} · refreshes every 15 s{isFetching ? " · checking…" : ""}
        {error ? ` · last refresh failed: ${error.message}` : ""}
      </p>
    </div>
  );
}
