import { Legend, ValueAxis } from "./frame";
import { formatValue, niceTicks, PALETTE } from "./scale";

export interface BarSeries {
  name: string;
  values: number[];
}

const W = 720;
const H = 240;
const PAD = { left: 64, right: 12, top: 12, bottom: 36 };

/**
 * Stacked bars, one per category (a day), drawn in SVG on the server. Each segment carries a
 * <title>, so hovering shows the figure; the value axis names its unit.
 */
export function BarChart({ title, categories, series, unit, per = "day" }: { title: string; categories: string[]; series: BarSeries[]; unit: string; per?: "day" | "DAG" }) {
  const totals = categories.map((_, i) => series.reduce((a, s) => a + (s.values[i] ?? 0), 0));
  const ticks = niceTicks(Math.max(0, ...totals));
  const top = ticks.at(-1)!;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, categories.length);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const labelEvery = Math.ceil(categories.length / 8);
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-3">
      <figcaption className="mb-1 text-sm font-medium text-slate-700">{title}</figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="w-full" role="img" aria-label={`${title} (${unit} per ${per})`}>
        <ValueAxis ticks={ticks} y={y} left={PAD.left} right={W - PAD.right} unit={unit} />
        {categories.map((c, i) => {
          let base = 0;
          return (
            <g key={c}>
              {series.map((s, k) => {
                const v = s.values[i] ?? 0;
                if (v <= 0) return null;
                const rect = (
                  <rect key={s.name} x={PAD.left + i * slot + slot * 0.15} width={slot * 0.7} y={y(base + v)} height={y(base) - y(base + v)} fill={PALETTE[k % PALETTE.length]}>
                    <title>{`${c} · ${s.name}: ${formatValue(v, unit)}`}</title>
                  </rect>
                );
                base += v;
                return rect;
              })}
              {i % labelEvery === 0 && (
                <text x={PAD.left + i * slot + slot / 2} y={H - PAD.bottom + 16} textAnchor="middle" fontSize="11" fill="#475569">
                  {per === "day" ? c.slice(5) : c}
                </text>
              )}
            </g>
          );
        })}
        <text x={PAD.left} y={H - 4} fontSize="11" fill="#64748b">
          {per === "day" ? "day (UTC)" : per} · {unit}
        </text>
      </svg>
      <Legend names={series.map((s) => s.name)} />
    </figure>
  );
}
