import "highlight.js/styles/github.css";
import type { DagCodeView } from "@/lib/pipelines/dag-code";

/** A DAG's source as the DAG folder holds it (server-rendered; highlight.js escaped the text). */
export function PipelineCode({ code }: { code: DagCodeView }) {
  if ("unavailable" in code) return <p className="rounded border border-slate-200 bg-white p-4 text-sm text-slate-600">{code.unavailable}</p>;
  return (
    <section aria-label="DAG source" className="space-y-2">
      <p className="text-sm text-slate-600">
        <span className="font-mono">{code.path}</span> · commit{" "}
        <span className="font-mono" data-testid="dag-commit">
          {code.commit ?? "unknown"}
        </span>
        {code.commit === null && " (CI records it when it syncs dags/; the local DAG folder has none)"}
      </p>
      <pre className="hljs max-h-[70vh] overflow-auto rounded border border-slate-200 p-3 text-xs leading-5">
        <code className="language-python" dangerouslySetInnerHTML={{ __html: code.html }} />
      </pre>
      {code.truncated && <p className="text-sm text-amber-800">The file is longer than the portal shows; the rest is cut.</p>}
    </section>
  );
}
