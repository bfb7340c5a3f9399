import { stateColour } from "./format";

/** A run or task state as a coloured square and its name (null: not made yet). */
export function StateLabel({ state, fallback = "—" }: { state: string | null | undefined; fallback?: string }) {
  return (
    <span className="inline-flex items-center gap-1">
      <span className="inline-block h-3 w-3 rounded-sm" style={{ backgroundColor: stateColour(state) }} aria-hidden />
      {state ?? fallback}
    </span>
  );
}
