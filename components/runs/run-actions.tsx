"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import { ApiCallError, fetchJson } from "@/lib/client/fetch-json";
import { queries } from "@/lib/client/queries";
import { dagHref } from "@/components/pipelines/format";

/** The trigger form of the run's DAG, filled with this run's conf (the person reviews it before sending). */
export function runAgainHref(dagId: string, conf: unknown): string {
  return `${dagHref(dagId)}?${new URLSearchParams({ conf: JSON.stringify(conf ?? {}) })}#trigger`;
}

/**
 * An engineer's actions on a run: open the trigger form with its conf, or re-run a failed run from failure.
 * One idempotency key per click of the button: a retried request never clears twice.
 */
export function RunActions({ run, canAct }: { run: { id: string; dagId: string; state: string; conf: unknown; logicalDate: string | null }; canAct: boolean }) {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const key = useRef<string | null>(null);

  async function rerun() {
    setBusy(true);
    setMessage(null);
    key.current ??= crypto.randomUUID();
    try {
      await fetchJson(`/api/runs/${encodeURIComponent(run.id)}/rerun`, { method: "POST", body: { idempotencyKey: key.current } });
      key.current = null;
      await client.invalidateQueries({ queryKey: queries.runs.all });
    } catch (e) {
      setMessage(e instanceof ApiCallError ? e.message : `The portal did not answer: ${(e as Error).message}`);
      if (e instanceof ApiCallError && e.status < 500) key.current = null;
    } finally {
      setBusy(false);
    }
  }

  const canRerun = canAct && run.state === "failed";
  return (
    <div className="flex flex-wrap items-center gap-3">
      {canRerun &&
        (run.logicalDate ? (
          <button type="button" onClick={rerun} disabled={busy} className="rounded bg-sky-700 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
            {busy ? "Re-running…" : "Re-run from failure"}
          </button>
        ) : (
          <span className="text-sm text-slate-600">No re-run from failure: this run has no logical date, so Airflow&apos;s CLI cannot target it alone.</span>
        ))}
      {canAct && (
        <Link href={runAgainHref(run.dagId, run.conf)} className="rounded border border-slate-300 px-3 py-1.5 text-sm text-sky-800">
          Run again with the same conf
        </Link>
      )}
      {message && (
        <span role="alert" className="text-sm text-rose-700">
          {message}
        </span>
      )}
    </div>
  );
}
