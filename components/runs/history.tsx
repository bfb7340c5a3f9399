"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import { queries, type RunFilterParams, type RunPageBody } from "@/lib/client/queries";
import { formatDuration, formatTime, runHref, stateColour } from "@/components/pipelines/format";
import { TableHead } from "@/components/ui/table-head";
import { runsToCsv } from "./csv";

const EXPORT_LIMIT = 10_000;
const FIELDS = [
  { name: "dagId", label: "DAG" },
  { name: "triggeredBy", label: "Triggered by" },
  { name: "runId", label: "Run id contains" },
  { name: "conf", label: "Conf contains" },
] as const;

function clean(filters: RunFilterParams): RunFilterParams {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v.trim() !== ""));
}

/** The run history from Postgres: filters, cursor pages, figures per DAG, and a CSV of everything matching. */
export function RunHistory({ dagIds }: { dagIds: string[] }) {
  const [draft, setDraft] = useState<RunFilterParams>({});
  const [filters, setFilters] = useState<RunFilterParams>({ limit: "50" });
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [exporting, setExporting] = useState<string | null>(null);
  const cursor = cursors.at(-1) ?? null;
  const page = useQuery(queries.runs.list(filters, cursor));
  const figures = useQuery(queries.runs.summary(Object.fromEntries(Object.entries(filters).filter(([k]) => k !== "limit"))));

  function apply(event: React.FormEvent) {
    event.preventDefault();
    const next = clean(draft);
    for (const key of ["from", "to"] as const) if (next[key]) next[key] = new Date(next[key]).toISOString();
    setFilters({ ...next, limit: "50" });
    setCursors([null]);
  }

  async function exportCsv() {
    const rows: RunPageBody["items"] = [];
    let next: string | null = null;
    do {
      setExporting(`Exporting… ${rows.length} runs`);
      let body: RunPageBody;
      try {
        body = await fetchJson<RunPageBody>(`/api/runs?${new URLSearchParams({ ...filters, limit: "500", ...(next ? { cursor: next } : {}) })}`);
      } catch (error) {
        setExporting(`Export failed: ${(error as Error).message}`);
        return;
      }
      rows.push(...body.items);
      next = body.nextCursor;
    } while (next && rows.length < EXPORT_LIMIT);
    const url = URL.createObjectURL(new Blob([runsToCsv(rows)], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `runs-${new Date().toISOString().slice(0, 19)}.csv`;
    a.click();
    URL.revokeObjectURL(url);
    setExporting(next ? `Exported the first ${rows.length} runs (limit ${EXPORT_LIMIT}).` : `Exported ${rows.length} runs.`);
  }

  return (
    <div className="space-y-4">
      <form onSubmit={apply} aria-label="Filter runs" className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm sm:grid-cols-4">
        {FIELDS.map((f) =>
          f.name === "dagId" ? (
            <label key={f.name} className="flex flex-col gap-1">
              {f.label}
              <select value={draft.dagId ?? ""} onChange={(e) => setDraft({ ...draft, dagId: e.target.value })} className="rounded border border-slate-300 p-1">
                <option value="">any</option>
                {dagIds.map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </select>
            </label>
          ) : (
            <label key={f.name} className="flex flex-col gap-1">
              {f.label}
              <input value={draft[f.name] ?? ""} maxLength={200} onChange={(e) => setDraft({ ...draft, [f.name]: e.target.value })} className="rounded border border-slate-300 p-1" />
            </label>
          ),
        )}
        <label className="flex flex-col gap-1">
          State
          <select value={draft.state ?? ""} onChange={(e) => setDraft({ ...draft, state: e.target.value })} className="rounded border border-slate-300 p-1">
            <option value="">any</option>
            {["queued", "running", "success", "failed"].map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          From
          <input type="datetime-local" value={draft.from ?? ""} onChange={(e) => setDraft({ ...draft, from: e.target.value })} className="rounded border border-slate-300 p-1" />
        </label>
        <label className="flex flex-col gap-1">
          To
          <input type="datetime-local" value={draft.to ?? ""} onChange={(e) => setDraft({ ...draft, to: e.target.value })} className="rounded border border-slate-300 p-1" />
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded bg-sky-700 px-3 py-1 font-medium text-white">
            Apply filters
          </button>
          <button type="button" onClick={exportCsv} className="rounded border border-slate-300 px-3 py-1">
            Export CSV
          </button>
        </div>
      </form>
      {exporting && <p role="status" className="text-sm">{exporting}</p>}

      <section aria-labelledby="figures-heading">
        <h2 id="figures-heading" className="mb-1 font-semibold">
          Figures
        </h2>
        <table className="text-sm" aria-label="Figures per DAG">
          <TableHead columns={["DAG", "Runs", "Success rate", "Median duration"]} className="text-slate-600" dense />
          <tbody>
            {figures.data?.items.map((f) => {
              const finished = f.succeeded + f.failed;
              return (
                <tr key={f.dagId}>
                  <td className="px-2 py-1 font-mono">{f.dagId}</td>
                  <td className="px-2 py-1">{f.runs}</td>
                  <td className="px-2 py-1">{finished ? `${Math.round((f.succeeded / finished) * 1000) / 10} %` : "—"}</td>
                  <td className="px-2 py-1">{formatDuration(f.medianDurationMs)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      {page.error && <p role="alert" className="text-sm text-rose-700">{(page.error as Error).message}</p>}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm" aria-label="Runs">
          <TableHead columns={["DAG", "Run", "State", "Triggered by", "Started", "Duration"]} className="bg-slate-50 text-slate-600" dense />
          <tbody>
            {page.data?.items.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="px-3 py-2 font-mono">{r.dagId}</td>
                <td className="px-3 py-2 font-mono text-xs">
                  <Link href={runHref(r.id)} className="text-sky-800 underline">
                    {r.runId}
                  </Link>
                </td>
                <td className="px-3 py-2" style={{ color: stateColour(r.state) }}>
                  {r.state}
                </td>
                <td className="px-3 py-2">{r.triggeredBy}</td>
                <td className="px-3 py-2 text-xs">{formatTime(r.startedAt)}</td>
                <td className="px-3 py-2">{r.startedAt && r.endedAt ? formatDuration(Date.parse(r.endedAt) - Date.parse(r.startedAt)) : "—"}</td>
              </tr>
            ))}
            {page.data?.items.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  No runs match.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex gap-2">
        <button type="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))} className="rounded border border-slate-300 px-3 py-1 disabled:opacity-50">
          Newer
        </button>
        <button
          type="button"
          disabled={!page.data?.nextCursor}
          onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
          className="rounded border border-slate-300 px-3 py-1 disabled:opacity-50"
        >
          Older
        </button>
        <span className="self-center text-sm text-slate-500">page {cursors.length}</span>
      </nav>
    </div>
  );
}
