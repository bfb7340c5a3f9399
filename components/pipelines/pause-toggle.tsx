"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import { queries } from "@/lib/client/queries";

/** Engineers pause or unpause a DAG in Airflow (audited by the API). */
export function PipelinePauseToggle({ dagId, paused }: { dagId: string; paused: boolean }) {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      await fetchJson(`/api/dags/${encodeURIComponent(dagId)}/pause`, { method: "POST", body: { paused: !paused } }).catch((e: Error) => setError(e.message));
      await client.invalidateQueries({ queryKey: queries.pipelines.all });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex items-center gap-3">
      <span className={paused ? "text-amber-700" : "text-green-700"}>{paused ? "Paused" : "Active"}</span>
      <button type="button" onClick={toggle} disabled={busy} className="rounded border border-slate-300 px-3 py-1 text-sm disabled:opacity-50">
        {paused ? "Unpause" : "Pause"}
      </button>
      {error && (
        <span role="alert" className="text-sm text-rose-700">
          {error}
        </span>
      )}
    </div>
  );
}
