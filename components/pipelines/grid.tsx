import Link from "next/link";
import type { DagDetailBody } from "@/lib/client/queries";
import { runHref, stateColour } from "./format";

type Run = DagDetailBody["runs"][number];

/** Recent runs (columns, oldest left) × tasks (rows), like Airflow's grid view; the latest try of each task. */
export function PipelineGrid({ runs, taskIds, selected, onSelect }: { runs: Run[]; taskIds: string[]; selected: string | null; onSelect: (id: string) => void }) {
  const ordered = [...runs].reverse();
  const latest = (run: Run, taskId: string) => run.tasks.filter((t) => t.taskId === taskId).at(-1);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3">
      <table className="text-xs" aria-label="Runs by task">
        <thead>
          <tr>
            <th scope="col" className="pr-3 text-left font-medium text-slate-600">
              Task
            </th>
            {ordered.map((r) => (
              <th key={r.id} scope="col" className="px-0.5">
                <button
                  type="button"
                  onClick={() => onSelect(r.id)}
                  aria-pressed={selected === r.id}
                  aria-label={`Select run ${r.runId} (${r.state})`}
                  title={`${r.runId}: ${r.state}`}
                  className={`block h-6 w-4 rounded-sm ${selected === r.id ? "ring-2 ring-sky-600" : ""}`}
                  style={{ backgroundColor: stateColour(r.state) }}
                />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {taskIds.map((taskId) => (
            <tr key={taskId}>
              <th scope="row" className="pr-3 text-left font-mono font-normal">
                {taskId}
              </th>
              {ordered.map((r) => {
                const t = latest(r, taskId);
                return (
                  <td key={r.id} className="px-0.5 py-0.5">
                    <Link
                      href={runHref(r.id)}
                      title={`${taskId} in ${r.runId}: ${t?.state ?? "no state"}${t && t.tryNumber > 1 ? ` (try ${t.tryNumber})` : ""}`}
                      className="block h-4 w-4 rounded-sm"
                      style={{ backgroundColor: stateColour(t?.state) }}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
