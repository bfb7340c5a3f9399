"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { queries, type DagDetailBody } from "@/lib/client/queries";
import { formatTime } from "./format";
import { PipelineGraph } from "./graph";
import { PipelineGrid } from "./grid";
import { PipelinePauseToggle } from "./pause-toggle";
import { PipelineBrokenFile } from "./import-errors";
import { PipelineSyncBanner } from "./sync-banner";
import { PipelineTriggerForm } from "./trigger-form";

/** A DAG's page body: its graph coloured by the selected run, the runs × tasks grid, and (engineer+) its actions. */
export function PipelineDetail({ initial, canAct, initialConf }: { initial: DagDetailBody; canAct: boolean; initialConf?: Record<string, unknown> }) {
  const { data } = useQuery({ ...queries.pipelines.dag(initial.dag.dagId), initialData: initial });
  const [selected, setSelected] = useState<string | null>(null);
  const run = data.runs.find((r) => r.id === selected) ?? data.runs[0];
  const states = Object.fromEntries((run?.tasks ?? []).map((t) => [t.taskId, t.state]));
  const taskIds = data.dag.tasks.length ? data.dag.tasks.map((t) => t.taskId) : [...new Set(data.runs.flatMap((r) => r.tasks.map((t) => t.taskId)))];
  return (
    <div className="space-y-6">
      <PipelineSyncBanner sync={data.sync} />
      {data.importError && <PipelineBrokenFile error={data.importError} />}
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <dt className="text-slate-500">Schedule</dt>
        <dd className="font-mono">{data.dag.schedule ?? "manual"}</dd>
        <dt className="text-slate-500">Next run</dt>
        <dd>{data.dag.paused ? "— (paused)" : formatTime(data.dag.nextRunAt)}</dd>
        <dt className="text-slate-500">Tags</dt>
        <dd>{data.dag.tags.join(", ") || "—"}</dd>
        <dt className="text-slate-500">State</dt>
        <dd>{canAct ? <PipelinePauseToggle dagId={data.dag.dagId} paused={data.dag.paused} /> : data.dag.paused ? "paused" : "active"}</dd>
      </dl>
      <section aria-labelledby="graph-heading" className="space-y-2">
        <h2 id="graph-heading" className="font-semibold">
          Graph {run && <span className="font-normal text-slate-500">— run {run.runId} ({run.state})</span>}
        </h2>
        <PipelineGraph tasks={data.dag.tasks.length ? data.dag.tasks : taskIds.map((taskId) => ({ taskId, downstream: [] }))} edgesKnown={data.dag.edgesKnown} states={states} />
      </section>
      <section aria-labelledby="grid-heading" className="space-y-2">
        <h2 id="grid-heading" className="font-semibold">
          Recent runs
        </h2>
        {data.runs.length ? <PipelineGrid runs={data.runs} taskIds={taskIds} selected={run?.id ?? null} onSelect={setSelected} /> : <p className="text-sm text-slate-500">No runs yet.</p>}
      </section>
      {canAct && <PipelineTriggerForm dagId={data.dag.dagId} params={data.params} initialConf={initialConf} />}
    </div>
  );
}
