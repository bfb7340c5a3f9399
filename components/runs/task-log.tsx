"use client";

import { useEffect, useMemo, useState } from "react";
import { ApiCallError, fetchJson } from "@/lib/client/fetch-json";
import type { RunDetailBody } from "@/lib/client/queries";
import { isFinalTask } from "@/lib/pipelines/states";

type Task = RunDetailBody["run"]["tasks"][number];
interface Chunk {
  text: string;
  cursor: string;
  more: boolean;
  truncated: boolean;
}

// While the task runs the log is asked for what is new this often; a read that says "more" is followed at once.
const FOLLOW_MS = 2000;
// The page keeps at most this much text; older lines give way (the download has them all).
const KEEP_CHARS = 2_000_000;

const tryKey = (t: Pick<Task, "taskId" | "mapIndex" | "tryNumber">) => `${t.taskId}|${t.mapIndex}|${t.tryNumber}`;
const tryLabel = (t: Task) => `${t.taskId}${t.mapIndex >= 0 ? ` [${t.mapIndex}]` : ""} · try ${t.tryNumber}${t.state ? ` · ${t.state}` : ""}`;

function logUrl(runId: string, t: Task, download = false) {
  const query = new URLSearchParams({ try: String(t.tryNumber), mapIndex: String(t.mapIndex) });
  return `/api/runs/${encodeURIComponent(runId)}/tasks/${encodeURIComponent(t.taskId)}/logs${download ? "/download" : ""}?${query}`;
}

/** Reads one try's log: its tail, then what is written while the task runs, without a reload. */
function useTaskLog(runId: string, task: Task | undefined) {
  const [log, setLog] = useState<{ key: string; text: string; truncated: boolean; error: string | null; waiting: boolean } | null>(null);
  const key = task ? tryKey(task) : "";
  const final = task ? isFinalTask(task.state) : true;

  useEffect(() => {
    if (!task) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cursor: string | null = null;
    let text = "";
    let truncated = false;
    async function read() {
      try {
        const url: string = logUrl(runId, task!) + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : "");
        const chunk = await fetchJson<Chunk>(url);
        if (stopped) return;
        if (cursor === null) truncated = chunk.truncated;
        text += chunk.text;
        if (text.length > KEEP_CHARS) {
          text = text.slice(text.indexOf("\n", text.length - KEEP_CHARS) + 1);
          truncated = true;
        }
        cursor = chunk.cursor;
        setLog({ key, text, truncated, error: null, waiting: false });
        if (chunk.more) timer = setTimeout(read, 0);
        else if (!final) timer = setTimeout(read, FOLLOW_MS);
      } catch (e) {
        if (stopped) return;
        // A running task's log may not be written yet: keep asking.
        const notYet = e instanceof ApiCallError && e.status === 404;
        setLog({ key, text, truncated, error: notYet ? null : (e as Error).message, waiting: notYet });
        if (notYet && !final) timer = setTimeout(read, FOLLOW_MS);
      }
    }
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // `task` is read through `key` and `final`: a new poll of the run must not restart the log.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runId, key, final]);

  return log?.key === key ? log : null;
}

function Highlighted({ line, term }: { line: string; term: string }) {
  if (!term) return <>{line}</>;
  const parts = line.split(term);
  return (
    <>
      {parts.map((part, i) => (
        <span key={i}>
          {i > 0 && <mark className="bg-amber-200">{term}</mark>}
          {part}
        </span>
      ))}
    </>
  );
}

/** Each task try's log in place: pick a try, read it as it grows, search it, download it whole. */
export function TaskLogs({ runId, tasks }: { runId: string; tasks: Task[] }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const [term, setTerm] = useState("");
  // The latest started try by default: what someone opening a run wants to read.
  const fallback = [...tasks].reverse().find((t) => t.startedAt) ?? tasks[0];
  const task = tasks.find((t) => tryKey(t) === chosen) ?? fallback;
  const log = useTaskLog(runId, task);
  const text = log?.text ?? "";
  const lines = useMemo(() => (text ? text.replace(/\n$/, "").split("\n") : []), [text]);
  const shown = term ? lines.filter((l) => l.includes(term)) : lines;

  if (!task) return <p className="text-sm text-slate-500">No task has been scheduled yet; its log shows here once it starts.</p>;
  return (
    <div className="space-y-2" data-testid="task-log">
      <div className="flex flex-wrap items-end gap-3">
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
        <label className="text-sm">
          <span className="block text-slate-700">Search in the log</span>
          <input type="search" value={term} onChange={(e) => setTerm(e.target.value)} className="rounded border border-slate-300 px-2 py-1 text-sm" placeholder="text to find" />
        </label>
        <a href={logUrl(runId, task, true)} className="pb-1 text-sm text-sky-800 underline" download>
          Download the whole log
        </a>
        <span className="pb-1 text-xs text-slate-500" aria-live="polite">
          {term ? `${shown.length} of ${lines.length} lines match` : `${lines.length} lines`}
          {!isFinalTask(task.state) ? " · following while the task runs" : ""}
        </span>
      </div>
      {log?.error && (
        <p role="alert" className="text-sm text-rose-700">
          {log.error}
        </p>
      )}
      {log?.truncated && <p className="text-xs text-slate-500">Showing the end of a long log; download it for all of it.</p>}
      <pre className="max-h-96 overflow-auto rounded bg-slate-900 p-2 text-xs leading-5 text-slate-100" aria-label={`Log of ${tryLabel(task)}`} tabIndex={0}>
        {!log
          ? "Reading the log…"
          : log.waiting && lines.length === 0
            ? "No log written yet; it shows here as soon as the task writes one."
            : shown.map((line, i) => (
                <div key={i}>
                  <Highlighted line={line} term={term} />
                </div>
              ))}
      </pre>
    </div>
  );
}
