import { formatDuration, stateColour } from "@/components/pipelines/format";

export interface GanttTask {
  taskId: string;
  tryNumber: number;
  state: string | null;
  queuedAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
}

const ROW = 22;
const LABEL = 190;
const WIDTH = 760;

/**
 * Each task try as a bar on one time axis: queued time (light, where Airflow reported it) apart
 * from running time (solid); a try still running extends to now.
 */
export function RunGantt({ tasks, now }: { tasks: GanttTask[]; now: number }) {
  const t = (iso: string | null) => (iso ? new Date(iso).getTime() : null);
  const spans = tasks.map((task) => ({ task, queued: t(task.queuedAt), start: t(task.startedAt), end: t(task.endedAt) ?? (task.startedAt ? now : null) }));
  const times = spans.flatMap((s) => [s.queued, s.start, s.end]).filter((x): x is number => x !== null);
  if (times.length === 0) return <p className="text-sm text-slate-500">No task has started yet.</p>;
  const min = Math.min(...times);
  const range = Math.max(Math.max(...times) - min, 1000);
  const x = (ms: number) => LABEL + ((ms - min) / range) * (WIDTH - LABEL - 10);
  return (
    <figure className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3">
      <svg role="img" aria-label="Task timeline" width={WIDTH} height={spans.length * ROW + 24} viewBox={`0 0 ${WIDTH} ${spans.length * ROW + 24}`}>
        {spans.map(({ task, queued, start, end }, i) => {
          const y = i * ROW;
          const label = task.tryNumber > 1 ? `${task.taskId} (try ${task.tryNumber})` : task.taskId;
          return (
            <g key={`${task.taskId}-${task.tryNumber}`} data-task={task.taskId} data-state={task.state ?? "none"}>
              <text x={0} y={y + 15} fontSize={11} fontFamily="monospace" fill="#0f172a">
                {label.length > 26 ? `${label.slice(0, 25)}…` : label}
              </text>
              {queued !== null && start !== null && start > queued && (
                <rect x={x(queued)} y={y + 5} width={Math.max(x(start) - x(queued), 1)} height={12} fill="#cbd5e1">
                  <title>{`${task.taskId} queued ${formatDuration(start - queued)}`}</title>
                </rect>
              )}
              {start !== null && end !== null && (
                <rect x={x(start)} y={y + 3} width={Math.max(x(end) - x(start), 2)} height={16} rx={2} fill={stateColour(task.state)}>
                  <title>{`${task.taskId}: ${task.state ?? "no state"}, ran ${formatDuration(end - start)}`}</title>
                </rect>
              )}
            </g>
          );
        })}
        <text x={LABEL} y={spans.length * ROW + 18} fontSize={10} fill="#64748b">
          {new Date(min).toISOString().slice(11, 19)} UTC
        </text>
        <text x={WIDTH - 10} y={spans.length * ROW + 18} fontSize={10} fill="#64748b" textAnchor="end">
          +{formatDuration(range)}
        </text>
      </svg>
      <figcaption className="mt-1 text-xs text-slate-500">Light: queued (when Airflow reports it). Solid: running, coloured by state.</figcaption>
    </figure>
  );
}
