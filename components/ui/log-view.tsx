"use client";

import { useEffect, useMemo, useState } from "react";
import { ApiCallError, fetchJson } from "@/lib/client/fetch-json";

interface Chunk {
  text: string;
  cursor: string;
  more: boolean;
  truncated: boolean;
}

// While the source still writes, what is new is asked for this often; a read that says "more" is followed at once.
const FOLLOW_MS = 2000;
// The page keeps at most this much text; older lines give way (the download has them all).
const KEEP_CHARS = 2_000_000;

/** Reads a log through a `{ text, cursor, more, truncated }` route: its tail, then what is written while `live`, without a reload. */
function useLog(readUrl: string, live: boolean) {
  const [log, setLog] = useState<{ url: string; text: string; truncated: boolean; error: string | null; waiting: boolean } | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let cursor: string | null = null;
    let text = "";
    let truncated = false;
    async function read() {
      try {
        const chunk = await fetchJson<Chunk>(readUrl + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""));
        if (stopped) return;
        if (cursor === null) truncated = chunk.truncated;
        text += chunk.text;
        if (text.length > KEEP_CHARS) {
          text = text.slice(text.indexOf("\n", text.length - KEEP_CHARS) + 1);
          truncated = true;
        }
        cursor = chunk.cursor;
        setLog({ url: readUrl, text, truncated, error: null, waiting: false });
        if (chunk.more) timer = setTimeout(read, 0);
        else if (live) timer = setTimeout(read, FOLLOW_MS);
      } catch (e) {
        if (stopped) return;
        // A running task's or step's log may not be written yet: keep asking.
        const notYet = e instanceof ApiCallError && e.status === 404;
        setLog({ url: readUrl, text, truncated, error: notYet ? null : (e as Error).message, waiting: notYet });
        if (notYet && live) timer = setTimeout(read, FOLLOW_MS);
      }
    }
    void read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [readUrl, live]);

  return log?.url === readUrl ? log : null;
}

function Highlighted({ line, term }: { line: string; term: string }) {
  if (!term) return <>{line}</>;
  return (
    <>
      {line.split(term).map((part, i) => (
        <span key={i}>
          {i > 0 && <mark className="bg-amber-200">{term}</mark>}
          {part}
        </span>
      ))}
    </>
  );
}

/**
 * A log read in place: followed while `live`, searchable (only matching lines, the term marked),
 * downloadable whole. `picker` is what chooses the log (a task try, a step and stream).
 */
export function LogView({ readUrl, downloadUrl, live, label, picker, testId }: { readUrl: string; downloadUrl: string; live: boolean; label: string; picker: React.ReactNode; testId?: string }) {
  const [term, setTerm] = useState("");
  const log = useLog(readUrl, live);
  const text = log?.text ?? "";
  const lines = useMemo(() => (text ? text.replace(/\n$/, "").split("\n") : []), [text]);
  const shown = term ? lines.filter((l) => l.includes(term)) : lines;
  return (
    <div className="space-y-2" data-testid={testId}>
      <div className="flex flex-wrap items-end gap-3">
        {picker}
        <label className="text-sm">
          <span className="block text-slate-700">Search in the log</span>
          <input type="search" value={term} onChange={(e) => setTerm(e.target.value)} className="rounded border border-slate-300 px-2 py-1 text-sm" placeholder="text to find" />
        </label>
        <a href={downloadUrl} className="pb-1 text-sm text-sky-800 underline" download>
          Download the whole log
        </a>
        <span className="pb-1 text-xs text-slate-500" aria-live="polite">
          {term ? `${shown.length} of ${lines.length} lines match` : `${lines.length} lines`}
          {live ? " · following while it runs" : ""}
        </span>
      </div>
      {log?.error && (
        <p role="alert" className="text-sm text-rose-700">
          {log.error}
        </p>
      )}
      {log?.truncated && <p className="text-xs text-slate-500">Showing the end of a long log; download it for all of it.</p>}
      <pre className="max-h-96 overflow-auto rounded bg-slate-900 p-2 text-xs leading-5 whitespace-pre-wrap text-slate-100" aria-label={label} tabIndex={0}>
        {!log
          ? "Reading the log…"
          : log.waiting && lines.length === 0
            ? "No log written yet; it shows here as soon as there is one."
            : shown.map((line, i) => (
                <div key={i}>
                  <Highlighted line={line} term={term} />
                </div>
              ))}
      </pre>
    </div>
  );
}
