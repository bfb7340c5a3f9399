"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { queries, type RunDetailBody } from "@/lib/client/queries";
import { dagHref, formatDuration, formatTime, stateColour } from "@/components/pipelines/format";
import { TableHead } from "@/components/ui/table-head";
import { DetailSection, Fact, Facts } from "@/components/ui/detail";
import { PipelineSyncBanner } from "@/components/pipelines/sync-banner";
import { isFinalTask } from "@/lib/pipelines/states";
import { RunGantt } from "./gantt";
import { EstimateVsActual } from "./estimate-vs-actual";
import { TaskLogs } from "./task-log";
import { RunActions } from "./run-actions";
import { RunLineage } from "@/components/lineage/run-lineage";

/** A run as the history knows it, refreshed every few seconds until it is final. */
export function RunDetail({ initial, logsBaseUrl, canAct }: { initial: RunDetailBody; logsBaseUrl: string | null; canAct: boolean }) {
  const { data, dataUpdatedAt } = useQuery({ ...queries.runs.detail(initial.run.id), initialData: initial });
  const { run } = data;
  const latest = new Map(run.tasks.map((t) => [t.taskId, t]));
  const taskCount = Math.max(data.dag?.tasks.length ?? 0, latest.size);
  const done = [...latest.values()].filter((t) => isFinalTask(t.state)).length;
  const progress = taskCount ? Math.round((done / taskCount) * 100) : 0;
  const logHref = (taskId: string, tryNumber: number) =>
    logsBaseUrl ? `${logsBaseUrl}/dags/${encodeURIComponent(run.dagId)}/runs/${encodeURIComponent(run.runId)}/tasks/${encodeURIComponent(taskId)}?try_number=${tryNumber}` : null;
  return (
    <div className="space-y-6">
      <PipelineSyncBanner sync={data.sync} />
      <Facts>
        <Fact label="DAG">
          <Link href={dagHref(run.dagId)} className="font-mono text-sky-800 underline">
            {run.dagId}
          </Link>
        </Fact>
        <Fact label="State" data-testid="run-state" className="font-medium" style={{ color: stateColour(run.state) }}>
          {run.state}
        </Fact>
        <Fact label="Triggered by" data-testid="run-triggered-by">
          {run.triggeredBy}
        </Fact>
        <Fact label="Run id" className="font-mono text-xs">
          {run.runId}
        </Fact>
        <Fact label="Queued">{formatTime(run.queuedAt)}</Fact>
        <Fact label="Started">{formatTime(run.startedAt)}</Fact>
        <Fact label="Ended">{formatTime(run.endedAt)}</Fact>
        <Fact label="Cluster">
          {data.cluster ? (
            <Link href={`/clusters/${encodeURIComponent(data.cluster.clusterId)}`} className="font-mono text-sky-800 underline">
              {data.cluster.clusterId}
            </Link>
          ) : (
            "—"
          )}
        </Fact>
      </Facts>
      {run.stateReason && (
        <p role="note" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {run.stateReason}
        </p>
      )}
      {canAct && <RunActions run={run} canAct={canAct} />}
      <div>
        <div className="mb-1 flex justify-between text-sm">
          <span>
            {done} of {taskCount} tasks finished
          </span>
          <span className="text-xs text-slate-500">updated {new Date(dataUpdatedAt).toISOString().slice(11, 19)} UTC</span>
        </div>
        <div role="progressbar" aria-label="Run progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress} className="h-2 rounded bg-slate-200">
          <div className="h-2 rounded" style={{ width: `${progress}%`, backgroundColor: stateColour(run.state) }} />
        </div>
      </div>
      <DetailSection id="conf-heading" title="Conf">
        <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs" data-testid="run-conf">
          {JSON.stringify(run.conf, null, 2)}
        </pre>
      </DetailSection>
      <DetailSection id="estimate-heading" title="Estimate and actual">
        <EstimateVsActual estimate={data.estimate} />
      </DetailSection>
      <DetailSection id="timeline-heading" title="Timeline">
        <RunGantt tasks={run.tasks} now={dataUpdatedAt} />
      </DetailSection>
      <DetailSection id="tasks-heading" title="Tasks">
        <table className="w-full text-left text-sm">
          <TableHead columns={["Task", "Try", "State", "Queued", "Started", "Ended", "Duration", "Log"]} className="text-slate-600" dense />
          <tbody>
            {run.tasks.map((t) => {
              const href = logHref(t.taskId, t.tryNumber);
              return (
                <tr key={`${t.taskId}-${t.mapIndex}-${t.tryNumber}`} className="border-t border-slate-100">
                  <td className="px-2 py-1 font-mono">{t.taskId}</td>
                  <td className="px-2 py-1">{t.tryNumber}</td>
                  <td className="px-2 py-1">{t.state ?? "—"}</td>
                  <td className="px-2 py-1 text-xs">{formatTime(t.queuedAt)}</td>
                  <td className="px-2 py-1 text-xs">{formatTime(t.startedAt)}</td>
                  <td className="px-2 py-1 text-xs">{formatTime(t.endedAt)}</td>
                  <td className="px-2 py-1">{formatDuration(t.durationMs)}</td>
                  <td className="px-2 py-1">
                    {href ? (
                      <a href={href} target="_blank" rel="noreferrer" className="text-sky-800 underline">
                        log
                      </a>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </DetailSection>
      <DetailSection id="task-log-heading" title="Task logs">
        <TaskLogs runId={run.id} tasks={run.tasks} />
      </DetailSection>
      <DetailSection id="lineage-heading" title="What each job read and wrote">
        <RunLineage jobs={data.lineage} />
      </DetailSection>
      <DetailSection id="quality-heading" title="Quality report">
        {data.quality.length ? (
          <table className="w-full text-left text-sm" aria-label="Quality checks">
            <TableHead columns={["Dataset", "Check", "Severity", "Status", "Observed", "Expected"]} className="text-slate-600" dense />
            <tbody>
              {data.quality.map((q) => (
                <tr key={`${q.dataset}/${q.check}`} className="border-t border-slate-100">
                  <td className="px-2 py-1 font-mono">{q.dataset}</td>
                  <td className="px-2 py-1">{q.check}</td>
                  <td className="px-2 py-1">{q.severity}</td>
                  <td className={`px-2 py-1 ${q.status === "pass" ? "text-green-700" : "text-rose-700"}`}>{q.status}</td>
                  {/* A schema contract's value is one long JSON word: break it anywhere rather than widen the page. */}
                  <td className="px-2 py-1 font-mono text-xs wrap-anywhere">{JSON.stringify(q.observed)}</td>
                  <td className="px-2 py-1 font-mono text-xs wrap-anywhere">{JSON.stringify(q.expected)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-500">No quality report for this run.</p>
        )}
      </DetailSection>
    </div>
  );
}
