"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { z } from "zod";
import { EstimateFigures } from "./estimate";
import type { previewBackfill } from "@/lib/api/contracts/backfills";
import { fetchJson } from "@/lib/client/fetch-json";
import { queries } from "@/lib/client/queries";
import { BackfillProgress } from "@/components/backfills/progress";
import { StateLabel } from "./state-label";
import { TableHead } from "@/components/ui/table-head";

type Preview = z.infer<typeof previewBackfill.response>;
type Inputs = { from: string; to: string; reprocess: "none" | "failed" | "completed"; maxActiveRuns: number };

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

/** Checks the range as the API will, so a mistake shows before Airflow is asked. */
export function rangeError({ from, to, maxActiveRuns }: Inputs): string | null {
  if (!from || !to) return "Choose the first and the last day.";
  if (from > to) return "The first day is after the last one.";
  if (from > today()) return "The first day is in the future.";
  if (!Number.isInteger(maxActiveRuns) || maxActiveRuns < 1 || maxActiveRuns > 16) return "Runs at a time: a whole number from 1 to 16.";
  return null;
}

const post = <T,>(url: string, body: object) => fetchJson<T>(url, { method: "POST", body });

/** The DAG's backfills with their progress and, for engineers, a form: range → preview → start. */
export function PipelineBackfills({ dagId, canAct }: { dagId: string; canAct: boolean }) {
  const router = useRouter();
  const { data } = useQuery(queries.backfills.list(dagId));
  const [inputs, setInputs] = useState<Inputs>({ from: daysAgo(7), to: daysAgo(1), reprocess: "none", maxActiveRuns: 1 });
  const [preview, setPreview] = useState<{ for: Inputs; body: Preview } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"preview" | "start" | null>(null);
  const key = useRef<string | null>(null);
  const invalid = rangeError(inputs);
  const url = `/api/dags/${encodeURIComponent(dagId)}/backfills`;
  const current = preview && JSON.stringify(preview.for) === JSON.stringify(inputs) ? preview.body : null;
  const startable = current && current.willRun > 0 && current.willRun <= current.limit;

  const change = (patch: Partial<Inputs>) => {
    setInputs({ ...inputs, ...patch });
    key.current = null;
  };
  async function act(kind: "preview" | "start") {
    setBusy(kind);
    setError(null);
    try {
      const range = { from: inputs.from, to: inputs.to, reprocess: inputs.reprocess };
      if (kind === "preview") setPreview({ for: inputs, body: await post<Preview>(`${url}/preview`, range) });
      else {
        key.current ??= crypto.randomUUID();
        const { id } = await post<{ id: string }>(url, { ...range, maxActiveRuns: inputs.maxActiveRuns, idempotencyKey: key.current });
        router.push(`/backfills/${encodeURIComponent(id)}`);
      }
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
    }
  }

  const field = "rounded border border-slate-300 px-2 py-1 text-sm";
  return (
    <section aria-labelledby="backfills-heading" className="space-y-3">
      <h2 id="backfills-heading" className="font-semibold">
        Backfills
      </h2>
      {data?.items.length ? (
        <ul className="space-y-2">
          {data.items.map((b) => (
            <li key={b.id} className="rounded border border-slate-200 bg-white p-2 text-sm">
              <Link href={`/backfills/${encodeURIComponent(b.id)}`} className="text-sky-700 hover:underline">
                {b.from.slice(0, 10)} → {b.to.slice(0, 10)}
              </Link>{" "}
              <span className="text-slate-500">
                by {b.requestedBy}, reprocess {b.reprocess}
              </span>
              <BackfillProgress backfill={b} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">No backfills yet.</p>
      )}
      {canAct && (
        <form onSubmit={(e) => {
            e.preventDefault();
            void act("preview");
          }} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-label="Backfill a range">
          <div className="flex flex-wrap items-end gap-3 text-sm">
            <label className="flex flex-col">
              First day
              <input type="date" className={field} value={inputs.from} max={today()} onChange={(e) => change({ from: e.target.value })} />
            </label>
            <label className="flex flex-col">
              Last day
              <input type="date" className={field} value={inputs.to} onChange={(e) => change({ to: e.target.value })} />
            </label>
            <label className="flex flex-col">
              Dates that already ran
              <select className={field} value={inputs.reprocess} onChange={(e) => change({ reprocess: e.target.value as Inputs["reprocess"] })}>
                <option value="none">skip them</option>
                <option value="failed">run failed ones again</option>
                <option value="completed">run all again</option>
              </select>
            </label>
            <label className="flex flex-col">
              Runs at a time
              <input type="number" min={1} max={16} className={`${field} w-20`} value={inputs.maxActiveRuns} onChange={(e) => change({ maxActiveRuns: Number(e.target.value) })} />
            </label>
            <button type="submit" disabled={invalid !== null || busy !== null} className="rounded border border-sky-700 px-3 py-1 font-medium text-sky-700 disabled:opacity-50">
              {busy === "preview" ? "Asking Airflow…" : "Preview"}
            </button>
          </div>
          <p role={invalid || error ? "alert" : undefined} className="text-sm text-rose-700">
            {invalid ?? error}
          </p>
          {current && (
            <div className="space-y-2">
              <p className="text-sm" data-testid="backfill-preview-summary">
                {current.willRun} of {current.dates.length} logical dates will run
                {current.willRun > current.limit ? ` — more than the ${current.limit} a backfill may run; shorten the range` : ""}.
              </p>
              <div data-testid="backfill-estimate">
                <EstimateFigures estimate={current.estimate} what={`a backfill of ${current.willRun} date${current.willRun === 1 ? "" : "s"}`} />
              </div>
              <div className="max-h-64 overflow-y-auto">
                <table className="min-w-full text-sm" aria-label="Backfill preview">
                  <TableHead columns={["Logical date", "Already ran", "Will run"]} dense />
                  <tbody>
                    {current.dates.map((d) => (
                      <tr key={d.logicalDate} className="border-t border-slate-100">
                        <td className="px-2 py-1 font-mono">{d.logicalDate.slice(0, 16).replace("T", " ")}</td>
                        <td className="px-2 py-1">
                          {d.existing ? (
                            <>
                              <StateLabel state={d.existing.state} /> <span className="font-mono text-xs text-slate-500">{d.existing.runId}</span>
                            </>
                          ) : (
                            "—"
                          )}
                        </td>
                        <td className="px-2 py-1">{d.willRun ? "yes" : "no"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <button type="button" onClick={() => act("start")} disabled={!startable || busy !== null} className="rounded bg-sky-700 px-4 py-1.5 font-medium text-white disabled:opacity-50">
                {busy === "start" ? "Starting…" : `Start backfill of ${current.willRun} date${current.willRun === 1 ? "" : "s"}`}
              </button>
            </div>
          )}
        </form>
      )}
    </section>
  );
}
