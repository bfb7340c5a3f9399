"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ApiCallError, fetchJson } from "@/lib/client/fetch-json";
import { RunEstimatePanel } from "./estimate";
import { allowsNull, confErrors, MAX_CONF_BYTES, paramError, paramInput, type ParamSpec } from "@/lib/pipelines/params";

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

/** What a param's input holds: text (a select holds its option as JSON), a checkbox, or a checkbox group. */
type Raw = string | boolean | string[];

function rawOf(param: ParamSpec, value: unknown): Raw {
  switch (paramInput(param.schema)) {
    case "checkbox":
      return value === true;
    case "checkboxes":
      return Array.isArray(value) ? value.map(String) : [];
    case "select":
    case "json":
      return value === null || value === undefined ? "" : JSON.stringify(value);
    default:
      return value === null || value === undefined ? "" : String(value);
  }
}

const initialRaw = (param: ParamSpec): Raw => rawOf(param, param.default);

/**
 * What the user set the param to, or null while its input is at the default or empty: then the
 * param is not sent and Airflow applies the default.
 */
function chosen(param: ParamSpec, raw: Raw): { value: unknown } | { error: string } | null {
  if (raw === "" || JSON.stringify(raw) === JSON.stringify(initialRaw(param))) return null;
  switch (paramInput(param.schema)) {
    case "number":
      return { value: Number(raw) };
    case "select":
      return { value: JSON.parse(raw as string) };
    case "json":
      try {
        return { value: JSON.parse(raw as string) };
      } catch {
        return { error: `${param.name}: not valid JSON` };
      }
    default:
      return { value: raw };
  }
}

function hint(param: ParamSpec): string {
  return [param.description, `Default: ${JSON.stringify(param.default)}`].filter(Boolean).join(" · ");
}

const inputClass = "w-full rounded border border-slate-300 p-1.5 text-sm aria-[invalid=true]:border-rose-500";

function ParamField({ param, raw, error, onChange }: { param: ParamSpec; raw: Raw; error: string | null; onChange: (raw: Raw) => void }) {
  const id = `param-${param.name}`;
  const described = `${id}-hint${error ? ` ${id}-error` : ""}`;
  const { schema } = param;
  const kind = paramInput(schema);
  const text = (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => onChange(event.target.value);
  const common = { id, "aria-invalid": error !== null, "aria-describedby": described };

  let input: React.ReactNode;
  if (kind === "checkboxes") {
    const options = (schema.items?.enum ?? []).map(String);
    const picked = raw as string[];
    input = (
      <fieldset aria-describedby={described} aria-invalid={error !== null} className="flex flex-wrap gap-x-4 gap-y-1">
        <legend className="text-sm font-medium text-slate-700">{param.name}</legend>
        {options.map((option) => (
          <label key={option} className="flex items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={picked.includes(option)}
              onChange={(e) => onChange(options.filter((o) => (o === option ? e.target.checked : picked.includes(o))))}
            />
            {option}
          </label>
        ))}
      </fieldset>
    );
  } else if (kind === "checkbox") {
    input = (
      <label className="flex items-center gap-1.5 text-sm font-medium text-slate-700">
        <input type="checkbox" {...common} checked={raw as boolean} onChange={(e) => onChange(e.target.checked)} />
        {param.name}
      </label>
    );
  } else {
    let control: React.ReactNode;
    if (kind === "select") {
      control = (
        <select {...common} value={raw as string} onChange={text} className={inputClass}>
          {allowsNull(schema) && <option value="">default</option>}
          {(schema.enum ?? []).map((option) => (
            <option key={JSON.stringify(option)} value={JSON.stringify(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      );
    } else if (kind === "number") {
      control = (
        <input
          type="number"
          {...common}
          value={raw as string}
          onChange={text}
          min={schema.minimum ?? schema.exclusiveMinimum}
          max={schema.maximum ?? schema.exclusiveMaximum}
          step={[schema.type].flat().includes("integer") ? 1 : "any"}
          className={inputClass}
        />
      );
    } else {
      const type = kind === "date" ? "date" : "text";
      control = <input type={type} {...common} value={raw as string} onChange={text} spellCheck={false} className={`${inputClass} ${kind === "json" ? "font-mono" : ""}`} />;
    }
    input = (
      <>
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {param.name}
        </label>
        {control}
      </>
    );
  }

  return (
    <div className="space-y-1">
      {input}
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        {hint(param)}
      </p>
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * Engineers trigger a run with a conf built from the DAG's declared Params (one field each) plus
 * any extra JSON; both are checked as the API checks them. The idempotency key is made once per
 * form submission, so a double click or a retried request starts one run; the user then lands on
 * the run's page. `initialConf` ("run again with the same conf") fills the fields and the extra JSON.
 */
export function PipelineTriggerForm({ dagId, params, initialConf }: { dagId: string; params: ParamSpec[]; initialConf?: Record<string, unknown> }) {
  const router = useRouter();
  const [raws, setRaws] = useState<Record<string, Raw>>(() =>
    Object.fromEntries(params.map((p) => [p.name, initialConf && Object.hasOwn(initialConf, p.name) ? rawOf(p, initialConf[p.name]) : initialRaw(p)])),
  );
  const [extra, setExtra] = useState(() => {
    const rest = Object.fromEntries(Object.entries(initialConf ?? {}).filter(([name]) => !params.some((p) => p.name === name)));
    return Object.keys(rest).length ? JSON.stringify(rest, null, 2) : "{}";
  });
  // Opened once when the prefilled conf has extra keys; the person may close it afterwards.
  const [extraPrefilled] = useState(() => extra !== "{}");
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const key = useRef<string | null>(null);

  const fields = params.map((param) => {
    const raw = raws[param.name] ?? initialRaw(param);
    const set = chosen(param, raw);
    const problem = set === null ? null : "error" in set ? set.error : paramError(param, set.value);
    return { param, raw, set, problem };
  });
  const fromFields = Object.fromEntries(fields.flatMap(({ param, set }) => (set && "value" in set ? [[param.name, set.value]] : [])));
  const extraSyntax = confError(extra);
  const extraConf: Record<string, unknown> = extraSyntax ? {} : JSON.parse(extra || "{}");
  // A declared param given in the extra JSON is checked too, unless its field overrides it.
  const extraInvalid =
    extraSyntax ??
    (confErrors(
      params.filter((p) => !Object.hasOwn(fromFields, p.name)),
      extraConf,
    ).join("; ") ||
      null);
  const invalid = extraInvalid !== null || fields.some((f) => f.problem !== null);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (invalid || sending) return;
    setSending(true);
    setError(null);
    key.current ??= crypto.randomUUID();
    try {
      const body = await fetchJson<{ id: string }>(`/api/dags/${encodeURIComponent(dagId)}/runs`, {
        method: "POST",
        body: { conf: { ...extraConf, ...fromFields }, idempotencyKey: key.current },
      });
      router.push(`/runs/${encodeURIComponent(body.id)}`);
    } catch (e) {
      if (!(e instanceof ApiCallError)) {
        setError(`The portal did not answer: ${(e as Error).message}`);
        return;
      }
      setError(e.message);
      // Refused as sent: the next attempt is a new request. A 5xx may have started it: keep the key.
      if (e.status < 500) key.current = null;
    } finally {
      setSending(false);
    }
  }

  const confBox = (
    <>
      <label htmlFor="conf" className="block text-sm text-slate-700">
        {params.length
          ? "Conf keys besides the params above (JSON object); a param set above wins"
          : "Conf (JSON object; this DAG declares no params, Airflow passes it to the tasks)"}
      </label>
      <textarea
        id="conf"
        value={extra}
        onChange={(e) => {
          setExtra(e.target.value);
          key.current = null;
        }}
        rows={5}
        spellCheck={false}
        aria-invalid={extraInvalid !== null}
        aria-describedby="conf-error"
        className="w-full rounded border border-slate-300 p-2 font-mono text-sm"
      />
    </>
  );

  return (
    // noValidate: the Params' own checks below are the one source of errors, not the browser's.
    <form id="trigger" onSubmit={submit} noValidate className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-label="Trigger a run">
      <h2 className="font-semibold">Trigger a run</h2>
      {initialConf && <p className="text-sm text-slate-600">Filled with the conf of the run you came from: check it, change it if needed, then trigger.</p>}
      {fields.map(({ param, raw, problem }) => (
        <ParamField
          key={param.name}
          param={param}
          raw={raw}
          error={problem}
          onChange={(next) => {
            setRaws((current) => ({ ...current, [param.name]: next }));
            key.current = null;
          }}
        />
      ))}
      {params.length ? (
        <details className="space-y-1" open={extraPrefilled}>
          <summary className="cursor-pointer text-sm text-slate-700">Extra conf (JSON object)</summary>
          {confBox}
        </details>
      ) : (
        confBox
      )}
      {/* Outside the <details>, so a mistake in a closed one still shows. */}
      <p id="conf-error" role={extraInvalid || error ? "alert" : undefined} className="text-sm text-rose-700">
        {extraInvalid ?? error}
      </p>
      <RunEstimatePanel dagId={dagId} conf={{ ...extraConf, ...fromFields }} invalid={invalid} />
      <button type="submit" disabled={invalid || sending} className="rounded bg-sky-700 px-4 py-1.5 font-medium text-white disabled:opacity-50">
        {sending ? "Triggering…" : "Trigger run"}
      </button>
    </form>
  );
}
