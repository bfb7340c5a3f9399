import { formatTime } from "./format";

export interface ImportErrorView {
  filepath: string;
  summary: string;
  /** Engineers and above; null for viewers. */
  traceback: string | null;
  since: string;
}

function ImportErrorItem({ e }: { e: ImportErrorView }) {
  return (
    <li className="space-y-1">
      <p>
        <span className="font-mono break-all">{e.filepath}</span> <span className="text-xs text-rose-800">(since {formatTime(e.since)})</span>
      </p>
      <p className="font-mono text-xs break-all">{e.summary}</p>
      {e.traceback && (
        <details>
          <summary className="cursor-pointer text-xs">Traceback</summary>
          <pre className="mt-1 max-h-64 overflow-auto rounded bg-white p-2 text-xs">{e.traceback}</pre>
        </details>
      )}
    </li>
  );
}

/** The DAG files Airflow cannot import, as the sync last read them; gone once they import again. */
export function PipelineImportErrors({ errors }: { errors: ImportErrorView[] }) {
  if (!errors.length) return null;
  return (
    <section role="alert" aria-label="Broken DAG files" className="mb-4 space-y-2 rounded border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900">
      <h2 className="font-semibold">
        {errors.length === 1 ? "1 DAG file does not import" : `${errors.length} DAG files do not import`}: Airflow runs none of their DAGs until the file is fixed.
      </h2>
      <ul className="space-y-2">
        {errors.map((e) => (
          <ImportErrorItem key={e.filepath} e={e} />
        ))}
      </ul>
    </section>
  );
}

/** On a DAG's page: its file is broken, so what the page shows is what Airflow parsed before. */
export function PipelineBrokenFile({ error }: { error: ImportErrorView }) {
  return (
    <section role="alert" aria-label="Broken DAG file" className="space-y-1 rounded border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900">
      <h2 className="font-semibold">Broken: this DAG&apos;s file does not import. The page shows what Airflow parsed before it broke.</h2>
      <ul>
        <ImportErrorItem e={error} />
      </ul>
    </section>
  );
}
