"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";

const MAX_CONF_BYTES = 16 * 1024;

/** Checks the conf as the API will, so a mistake is shown before anything is sent. */
export function confError(text: string): string | null {
  if (new TextEncoder().encode(text).length > MAX_CONF_BYTES) return `The conf is larger than ${MAX_CONF_BYTES} bytes.`;
  let value: unknown;
  try {
    value = JSON.parse(text || "{}");
  } catch (error) {
    return `Not valid JSON: ${(error as Error).message}`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "The conf must be a JSON object, e.g. {\"scale\": 0.01}.";
  return null;
}

/**
 * Engineers trigger a run with a conf. The idempotency key is made once per form submission, so
 * a double click or a retried request starts one run; the user then lands on the run's page.
 */
export function PipelineTriggerForm({ dagId }: { dagId: string }) {
  const router = useRouter();
  const [conf, setConf] = useState("{}");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const key = useRef<string | null>(null);
  const invalid = confError(conf);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (invalid || sending) return;
    setSending(true);
    setError(null);
    key.current ??= crypto.randomUUID();
    try {
      const res = await fetch(`/api/dags/${encodeURIComponent(dagId)}/runs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ conf: JSON.parse(conf || "{}"), idempotencyKey: key.current }),
      });
      const body = await res.json();
      if (!res.ok) {
        setError(body?.error?.message ?? `Trigger failed (${res.status}).`);
        if (res.status < 500) key.current = null;
        return;
      }
      router.push(`/runs/${encodeURIComponent(body.id)}`);
    } catch (e) {
      setError(`The portal did not answer: ${(e as Error).message}`);
    } finally {
      setSending(false);
    }
  }

  return (
    <form onSubmit={submit} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" aria-label="Trigger a run">
      <h2 className="font-semibold">Trigger a run</h2>
      <label htmlFor="conf" className="block text-sm text-slate-700">
        Conf (JSON object; Airflow checks it against the DAG&apos;s params)
      </label>
      <textarea
        id="conf"
        value={conf}
        onChange={(e) => {
          setConf(e.target.value);
          key.current = null;
        }}
        rows={5}
        spellCheck={false}
        aria-invalid={invalid !== null}
        aria-describedby="conf-error"
        className="w-full rounded border border-slate-300 p-2 font-mono text-sm"
      />
      <p id="conf-error" role={invalid || error ? "alert" : undefined} className="text-sm text-rose-700">
        {invalid ?? error}
      </p>
      <button type="submit" disabled={invalid !== null || sending} className="rounded bg-sky-700 px-4 py-1.5 font-medium text-white disabled:opacity-50">
        {sending ? "Triggering…" : "Trigger run"}
      </button>
    </form>
  );
}
