"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiCallError } from "@/lib/client/fetch-json";
import { queries } from "@/lib/client/queries";

type State =
  | { phase: "idle" }
  | { phase: "sending"; sent: number; total: number }
  | { phase: "done"; key: string; message: string }
  | { phase: "failed"; message: string; exists: boolean };

/**
 * Upload into the current raw/ folder. XMLHttpRequest, because fetch reports no upload progress.
 * Uploads never replace silently: a taken name is refused, and an admin may then replace it explicitly.
 */
export function UploadPanel({ bucket, prefix, canReplace }: { bucket: string; prefix: string; canReplace: boolean }) {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ phase: "idle" });

  function send(replace = false) {
    if (!file) return;
    const key = prefix + file.name;
    const form = new FormData();
    form.set("bucket", bucket);
    form.set("key", key);
    form.set("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", replace ? "/api/lake/upload?replace=true" : "/api/lake/upload");
    xhr.upload.onprogress = (e) => setState({ phase: "sending", sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      if (xhr.status === 201) {
        const answer = JSON.parse(xhr.responseText) as { replaced?: boolean; message?: string };
        setState({ phase: "done", key, message: answer.replaced && answer.message ? answer.message : `Uploaded ${key}` });
        void client.invalidateQueries({ queryKey: queries.lake.prefix(bucket, prefix) });
      } else {
        setState({ phase: "failed", message: apiCallError(xhr.status, xhr.responseText, "The upload").message, exists: xhr.status === 409 });
      }
    };
    xhr.onerror = () => setState({ phase: "failed", message: "The upload was interrupted.", exists: false });
    setState({ phase: "sending", sent: 0, total: file.size });
    xhr.send(form);
  }

  const percent = state.phase === "sending" && state.total > 0 ? Math.round((state.sent / state.total) * 100) : state.phase === "done" ? 100 : 0;
  return (
    <section aria-labelledby="lake-upload" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="lake-upload" className="text-lg font-semibold">
        Upload to {prefix}
      </h2>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <label className="text-sm">
          <span className="sr-only">File to upload</span>
          <input type="file" aria-label="File to upload" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <button
          type="button"
          onClick={() => send()}
          disabled={!file || state.phase === "sending"}
          className="rounded bg-sky-700 px-3 py-1 text-sm font-medium text-white disabled:opacity-40"
        >
          Upload
        </button>
      </div>
      {state.phase !== "idle" && (
        <div className="mt-3 space-y-1">
          <div role="progressbar" aria-label="Upload progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 w-full max-w-md rounded bg-slate-200">
            <div className="h-2 rounded bg-sky-600 transition-all" style={{ width: `${percent}%` }} />
          </div>
          <p role="status" className="text-sm text-slate-700">
            {state.phase === "sending" && `Uploading… ${percent}%`}
            {state.phase === "done" && state.message}
            {state.phase === "failed" && state.message}
          </p>
          {state.phase === "failed" && state.exists && canReplace && (
            <button type="button" onClick={() => send(true)} className="rounded border border-rose-700 px-3 py-1 text-sm font-medium text-rose-800">
              Replace the existing file
            </button>
          )}
        </div>
      )}
    </section>
  );
}
