/** A table cell as JSON can carry it: what a preview table shows, never a BigInt or a byte array. */
export type Cell = string | number | boolean | null;

const MAX_CELL_CHARS = 500;

const clip = (s: string) => (s.length > MAX_CELL_CHARS ? `${s.slice(0, MAX_CELL_CHARS)}…` : s);

/** Parquet INT64 arrives as BigInt, timestamps as Date, binary as bytes: each becomes a JSON-safe cell. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return clip(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) {
    const hex = Buffer.from(value.subarray(0, 32)).toString("hex");
    return `0x${hex}${value.length > 32 ? "…" : ""}`;
  }
  return clip(JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) ?? "");
}
