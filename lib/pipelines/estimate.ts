/**
 * A run's cost and duration before it is triggered, from the DAG's successful runs: each past run
 * gives a cost and a duration per unit of work (its conf's `scale`, or 1 for a DAG without one),
 * and the asked-for conf's units times the lowest, median and highest of those rates is the range.
 * Pure: the history comes from `estimate-history.ts`.
 */

export interface Range {
  low: number;
  expected: number;
  high: number;
}

export interface Estimate {
  costEur: Range;
  durationS: Range;
  /** How many past runs the rates come from. */
  basedOnRuns: number;
}

/** One successful past run: its units of work, how long it ran and what its clusters cost. */
export interface PastRun {
  units: number;
  durationS: number;
  costEur: number;
}

/** Only the latest successful runs count, so the estimate follows changes to the DAG and the data. */
export const ESTIMATE_HISTORY_RUNS = 20;

/**
 * The scale a conf asks for. A DAG's `scale` Param left out or null runs at the estate's default
 * (dags/builditall/settings.py DEFAULT_SCALE, unless the Airflow Variable `pipeline_scale` says
 * otherwise, which the portal cannot see); a DAG without a `scale` Param does one unit per run.
 */
export function confUnits(conf: unknown, hasScale: boolean, defaultScale: number): number {
  if (!hasScale) return 1;
  const scale = typeof conf === "object" && conf !== null ? (conf as Record<string, unknown>).scale : undefined;
  return typeof scale === "number" && scale > 0 ? scale : defaultScale;
}

/** DEFAULT_SCALE of dags/builditall/settings.py: the scale a run without one gets on each estate. */
export const DEFAULT_SCALE = { local: 0.01, aws: 1.0 } as const;

function median(sorted: number[]): number {
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function range(rates: number[], units: number, round: (x: number) => number): Range {
  const sorted = [...rates].sort((a, b) => a - b);
  return { low: round(sorted[0]! * units), expected: round(median(sorted) * units), high: round(sorted.at(-1)! * units) };
}

const cents = (x: number) => Math.round(x * 10_000) / 10_000;
const seconds = (x: number) => Math.round(x);

/** The estimate for `units` of work from past runs, or null ("no history yet") without any. */
export function estimateRun(history: PastRun[], units: number): Estimate | null {
  const usable = history.filter((r) => r.units > 0 && r.durationS >= 0 && r.costEur >= 0);
  if (usable.length === 0) return null;
  return {
    costEur: range(
      usable.map((r) => r.costEur / r.units),
      units,
      cents,
    ),
    durationS: range(
      usable.map((r) => r.durationS / r.units),
      units,
      seconds,
    ),
    basedOnRuns: usable.length,
  };
}

/** `runs` runs of one estimate, e.g. a backfill's dates (Airflow runs them at the Params' defaults). */
export function timesRuns(estimate: Estimate | null, runs: number): Estimate | null {
  if (!estimate) return null;
  const times = (r: Range, round: (x: number) => number): Range => ({ low: round(r.low * runs), expected: round(r.expected * runs), high: round(r.high * runs) });
  return { costEur: times(estimate.costEur, cents), durationS: times(estimate.durationS, seconds), basedOnRuns: estimate.basedOnRuns };
}

/** How far the expected figure was from the actual one, as a share of the actual (0.25 = 25 % off); null when the actual is 0. */
export function relativeError(expected: number, actual: number): number | null {
  return actual === 0 ? null : Math.abs(expected - actual) / actual;
}

/** One finished run's estimate error, for the Costs page's chart. */
export interface EstimatePoint {
  /** The PipelineRun's id. */
  runId: string;
  dagId: string;
  endedAt: string;
  /** |expected − actual| ÷ actual; null when the actual is 0. */
  costError: number | null;
  durationError: number | null;
}
