"use client";

import { useState } from "react";
import type { RunDetailBody } from "@/lib/client/queries";
import { isFinalTask } from "@/lib/pipelines/states";
import { LogView } from "@/components/ui/log-view";

type Task = RunDetailBody["run"]["tasks"][number];

const tryKey = (t: Pick<Task, "taskId" | "mapIndex" | "tryNumber">) => `${t.taskId}|${t.mapIndex}|${t.tryNumber}`;
const tryLabel = (t: Task) => `${t.taskId}${t.mapIndex >= 0 ? ` [${t.mapIndex}]` : ""} · try ${t.tryNumber}${t.state ? ` · ${t.state}` : ""}`;

function logUrl(runId: string, t: Task, download = false) {
  const query = new URLSearchParams({ try: String(t.tryNumber), mapIndex: String(t.mapIndex) });
  return `/api/runs/${encodeURIComponent(runId)}/tasks/${encodeURIComponent(t.taskId)}/logs${download ? "/download" : ""}?${query}`;
}

/** Each task try's log in place: pick a try (the latest started by default), read it as it grows. */
export function TaskLogs({ runId, tasks }: { runId: string; tasks: Task[] }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const task = tasks.find((t) => tryKey(t) === chosen) ?? [...tasks].reverse().find((t) => t.startedAt) ?? tasks[0];
  if (!task) return <p className="text-sm text-slate-500">No task has been scheduled yet; its log shows here once it starts.</p>;
  const picker = (
    <label className="text-sm">
      <span className="block text-slate-700">Task try</span>
      <select value={tryKey(task)} onChange={(e) => setChosen(e.target.value)} className="rounded border border-slate-300 px-2 py-1 text-sm">
        {tasks.map((t) => (
          <option key={tryKey(t)} value={tryKey(t)}>
            {tryLabel(t)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <LogView
      testId="task-log"
      readUrl={logUrl(runId, task)}
      downloadUrl={logUrl(runId, task, true)}
      live={!isFinalTask(task.state)}
      label={`Log of ${tryLabel(task)}`}
      picker={picker}
    />
  );
}
