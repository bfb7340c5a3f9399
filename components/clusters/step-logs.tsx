"use client";

import { useState } from "react";
import type { ClusterDetailBody } from "@/lib/client/queries";
import { LogView } from "@/components/ui/log-view";

type Step = ClusterDetailBody["steps"][number];
const STREAMS = ["stderr", "stdout"] as const;
// EMR's step states that end a step; until then its log may still grow.
const ENDED = new Set(["COMPLETED", "FAILED", "CANCELLED", "INTERRUPTED"]);

function logUrl(clusterId: string, step: Step, stream: string, download = false) {
  return `/api/clusters/${encodeURIComponent(clusterId)}/steps/${encodeURIComponent(step.id)}/logs${download ? "/download" : ""}?stream=${stream}`;
}

/** Each step's stdout and stderr beside the steps: Spark's own output (stderr by default, where spark-submit logs). */
export function StepLogs({ clusterId, steps }: { clusterId: string; steps: Step[] }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [stream, setStream] = useState<(typeof STREAMS)[number]>("stderr");
  const step = steps.find((s) => s.id === chosen) ?? steps.at(-1);
  if (!step) return <p className="text-sm text-slate-500">No steps submitted: a step&apos;s stdout and stderr show here once one runs.</p>;
  const picker = (
    <>
      <label className="text-sm">
        <span className="block text-slate-700">Step</span>
        <select value={step.id} onChange={(e) => setChosen(e.target.value)} className="rounded border border-slate-300 px-2 py-1 text-sm">
          {steps.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} · {s.id} · {s.state}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="text-sm">
        <legend className="text-slate-700">Stream</legend>
        <div className="flex gap-3 py-1">
          {STREAMS.map((s) => (
            <label key={s} className="flex items-center gap-1">
              <input type="radio" name="step-stream" value={s} checked={stream === s} onChange={() => setStream(s)} />
              {s}
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
  return (
    <LogView
      testId="step-log"
      readUrl={logUrl(clusterId, step, stream)}
      downloadUrl={logUrl(clusterId, step, stream, true)}
      live={!ENDED.has(step.state)}
      label={`${stream} of step ${step.name}`}
      picker={picker}
    />
  );
}
