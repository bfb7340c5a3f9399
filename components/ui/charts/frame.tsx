import { formatValue, PALETTE } from "./scale";

/** Horizontal grid lines with their labels: the value axis of every chart, in `unit`. */
export function ValueAxis({ ticks, y, left, right, unit }: { ticks: number[]; y: (v: number) => number; left: number; right: number; unit: string }) {
  return ticks.map((t) => (
    <g key={t}>
      <line x1={left} x2={right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" />
      <text x={left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#475569">
        {formatValue(t, unit)}
      </text>
    </g>
  ));
}

/** The series' colours, when there is more than one. */
export function Legend({ names }: { names: string[] }) {
  if (names.length < 2) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-3 text-xs text-slate-600">
      {names.map((name, k) => (
        <li key={name} className="flex items-center gap-1">
          <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm" style={{ background: PALETTE[k % PALETTE.length] }} />
          {name}
        </li>
      ))}
    </ul>
  );
}
