import { Legend, ValueAxis } from "./frame";
import { formatValue, niceTicks, PALETTE } from "./scale";

export interface LineSeries {
  name: string;
  /** x as epoch milliseconds; null values leave a gap. */
  points: { x: number; y: number | null }[];
}

const W = 720;
const H = 200;
const PAD = { left: 64, right: 12, top: 12, bottom: 32 };

/** Lines over time, in SVG; every point has a <title> tooltip, the value axis names its unit. */
export function LineChart({ title, series, unit, xLabel = "time (UTC)" }: { title: string; series: LineSeries[]; unit: string; xLabel?: string }) {
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series.flatMap((s) => s.points.map((p) => p.y ?? 0));
  const ticks = niceTicks(Math.max(0, ...ys));
  const top = ticks.at(-1)!;
  const [minX, maxX] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (v: number) => PAD.left + (maxX === minX ? plotW / 2 : ((v - minX) / (maxX - minX)) * plotW);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const when = (v: number) => new Date(v).toISOString().slice(0, 16).replace("T", " ");
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3">
      <figcaption className="mb-1 text-sm font-medium text-slate-700">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-label={`${title} (${unit})`}>
        <ValueAxis ticks={ticks} y={y} left={PAD.left} right={W - PAD.right} unit={unit} />
        {xs.length > 0 && (
          <>
            <text x={PAD.left} y={H - PAD.bottom + 16} fontSize="11" fill="#475569">
              {when(minX)}
            </text>
            <text x={W - PAD.right} y={H - PAD.bottom + 16} textAnchor="end" fontSize="11" fill="#475569">
              {when(maxX)}
            </text>
          </>
        )}
        {series.map((s, k) => {
          const color = PALETTE[k % PALETTE.length];
          const segments: string[] = [];
          let current = "";
          for (const p of s.points) {
            if (p.y === null) {
              if (current) segments.push(current);
              current = "";
              continue;
            }
            current += `${current ? "L" : "M"}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`;
          }
          if (current) segments.push(current);
          return (
            <g key={s.name}>
              {segments.map((d, i) => (
                <path key={i} d={d} fill="none" stroke={color} strokeWidth="2" />
              ))}
              {s.points.map((p) =>
                p.y === null ? null : (
                  <circle key={p.x} cx={x(p.x)} cy={y(p.y)} r="3" fill={color}>
                    <title>{`${when(p.x)} · ${s.name}: ${formatValue(p.y, unit)}`}</title>
                  </circle>
                ),
              )}
            </g>
          );
        })}
        <text x={PAD.left} y={H - 4} fontSize="11" fill="#64748b">
          {xLabel} · {unit}
        </text>
      </svg>
      <Legend names={series.map((s) => s.name)} />
    </figure>
  );
}
