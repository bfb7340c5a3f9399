import { formatBytes } from "./format";

export interface PartitionBar {
  name: string;
  bytes: number;
  objects: number;
}

const ROW = 18;
const LABEL = 190;
const WIDTH = 640;
const MAX_BARS = 60;

/** Horizontal bars of bytes per partition: skew (a day twice the others, an empty day) shows at a glance. */
export function PartitionChart({ partitions }: { partitions: PartitionBar[] }) {
  const shown = partitions.slice(0, MAX_BARS);
  const max = Math.max(1, ...shown.map((p) => p.bytes));
  const height = shown.length * ROW + 4;
  const barSpace = WIDTH - LABEL - 80;
  return (
    <figure>
      <svg role="img" aria-label={`Bytes per partition, ${shown.length} partitions`} viewBox={`0 0 ${WIDTH} ${height}`} className="w-full max-w-3xl">
        {shown.map((p, i) => {
          const y = i * ROW + 2;
          const w = Math.max(1, (p.bytes / max) * barSpace);
          return (
            <g key={p.name}>
              <title>{`${p.name}: ${formatBytes(p.bytes)} in ${p.objects} object${p.objects === 1 ? "" : "s"}`}</title>
              <text x={LABEL - 6} y={y + 12} textAnchor="end" className="fill-slate-600 text-[10px]">
                {p.name.length > 30 ? `${p.name.slice(0, 29)}…` : p.name}
              </text>
              <rect x={LABEL} y={y + 2} width={w} height={ROW - 5} rx={2} className="fill-sky-500" />
              <text x={LABEL + w + 4} y={y + 12} className="fill-slate-500 text-[10px]">
                {formatBytes(p.bytes)}
              </text>
            </g>
          );
        })}
      </svg>
      {partitions.length > MAX_BARS && (
        <figcaption className="text-xs text-slate-500">First {MAX_BARS} of {partitions.length} partitions shown.</figcaption>
      )}
    </figure>
  );
}
