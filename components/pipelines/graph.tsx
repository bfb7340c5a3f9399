import { layoutDag } from "./graph-layout";
import { stateColour } from "./format";

const W = 170;
const H = 34;
const GAP_X = 60;
const GAP_Y = 18;

/** The task graph, laid out automatically, each task coloured by its state in the selected run. */
export function PipelineGraph({
  tasks,
  edgesKnown,
  states,
}: {
  tasks: { taskId: string; downstream: string[] }[];
  edgesKnown: boolean;
  states: Record<string, string | null>;
}) {
  const { nodes, edges, columns, rows } = layoutDag(tasks);
  const at = new Map(nodes.map((n) => [n.taskId, { x: n.column * (W + GAP_X) + 4, y: n.row * (H + GAP_Y) + 4 }]));
  const width = columns * (W + GAP_X) - GAP_X + 8;
  const height = rows * (H + GAP_Y) - GAP_Y + 8;
  return (
    <figure className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3">
      <svg role="img" aria-label="Task graph" width={Math.max(width, 0)} height={Math.max(height, 0)} viewBox={`0 0 ${width} ${height}`}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#94a3b8" />
          </marker>
        </defs>
        {edges.map(([from, to]) => {
          const a = at.get(from)!;
          const b = at.get(to)!;
          const x1 = a.x + W;
          const y1 = a.y + H / 2;
          const x2 = b.x;
          const y2 = b.y + H / 2;
          const mid = (x1 + x2) / 2;
          return <path key={`${from}->${to}`} data-edge={`${from}->${to}`} d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`} fill="none" stroke="#94a3b8" markerEnd="url(#arrow)" />;
        })}
        {nodes.map((n) => {
          const p = at.get(n.taskId)!;
          const state = states[n.taskId] ?? null;
          return (
            <g key={n.taskId} transform={`translate(${p.x} ${p.y})`} data-task={n.taskId} data-state={state ?? "none"}>
              <title>{`${n.taskId}: ${state ?? "no state"}`}</title>
              <rect width={W} height={H} rx={6} fill="white" stroke={stateColour(state)} strokeWidth={3} />
              <text x={10} y={H / 2 + 4} fontSize={12} fontFamily="monospace" fill="#0f172a">
                {n.taskId.length > 22 ? `${n.taskId.slice(0, 21)}…` : n.taskId}
              </text>
            </g>
          );
        })}
      </svg>
      {!edgesKnown && (
        <figcaption className="mt-2 text-xs text-slate-500">
          Dependencies unknown: Airflow&apos;s <code>dags show</code> needs the graphviz Python package where Airflow runs; tasks are shown without edges.
        </figcaption>
      )}
    </figure>
  );
}
