"use client";

import { useEffect, useState } from "react";
import type { z } from "zod";
import type { RunEstimate } from "@/lib/api/contracts/pipelines";
import { ApiCallError, fetchJson } from "@/lib/client/fetch-json";
import { euros } from "@/components/clusters/format";
import { formatDuration } from "./format";

export type EstimateBody = z.infer<typeof RunEstimate>;

// The form asks once the conf has stopped changing for this long.
const DEBOUNCE_MS = 400;

const span = (low: string, high: string) => (low === high ? "" : ` (${low} – ${high})`);

/** An estimate as a range in words: expected cost and duration, low to high, and the runs behind it. */
export function EstimateFigures({ estimate, what = "this run" }: { estimate: EstimateBody; what?: string }) {
  if (!estimate) {
    return <p className="text-sm text-slate-600">No history yet: {what} is estimated once the DAG has a successful run.</p>;
  }
  const { costEur: c, durationS: d } = estimate;
  const time = (s: number) => formatDuration(s * 1000);
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm" aria-label="Estimate">
      <dt className="text-slate-600">Cost</dt>
      <dd data-testid="estimate-cost">
        <strong>{euros(c.expected)}</strong>
        {span(euros(c.low), euros(c.high))}
      </dd>
      <dt className="text-slate-600">Duration</dt>
      <dd data-testid="estimate-duration">
        <strong>{time(d.expected)}</strong>
        {span(time(d.low), time(d.high))}
      </dd>
      <dd className="col-span-2 text-xs text-slate-500">
        From the last {estimate.basedOnRuns} successful run{estimate.basedOnRuns === 1 ? "" : "s"} of the DAG.
      </dd>
    </dl>
  );
}

/** What the conf is expected to cost and take, asked of the API as the conf settles; nothing while it is invalid. */
export function RunEstimatePanel({ dagId, conf, invalid }: { dagId: string; conf: Record<string, unknown>; invalid: boolean }) {
  const key = JSON.stringify(conf);
  const [answer, setAnswer] = useState<{ for: string; estimate: EstimateBody } | { for: string; error: string } | null>(null);

  useEffect(() => {
    if (invalid) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      fetchJson<{ estimate: EstimateBody }>(`/api/dags/${encodeURIComponent(dagId)}/estimate`, { method: "POST", body: { conf: JSON.parse(key) } })
        .then((body) => !abort.signal.aborted && setAnswer({ for: key, estimate: body.estimate }))
        .catch((e: unknown) => !abort.signal.aborted && setAnswer({ for: key, error: e instanceof ApiCallError ? e.message : "The portal did not answer." }));
    }, DEBOUNCE_MS);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [dagId, key, invalid]);

  const current = answer?.for === key ? answer : null;
  return (
    <section aria-label="Estimate before triggering" aria-live="polite" className="rounded border border-slate-200 bg-slate-50 p-2">
      <h3 className="mb-1 text-sm font-medium text-slate-700">Estimate</h3>
      {invalid ? (
        <p className="text-sm text-slate-600">Fix the conf to see an estimate.</p>
      ) : !current ? (
        <p className="text-sm text-slate-500">Estimating…</p>
      ) : "error" in current ? (
        <p className="text-sm text-rose-700">{current.error}</p>
      ) : (
        <EstimateFigures estimate={current.estimate} />
      )}
    </section>
  );
}
