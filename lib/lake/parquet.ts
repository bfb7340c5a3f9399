import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type FileMetaData, type SchemaTree } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import type { ColumnStatistics, ParquetField, RowGroupInfo } from "@/lib/api/contracts/lake";
import { toCell, type Cell } from "./cells";
import { mib, PreviewLimit, type RangedFile } from "./ranged-file";

export interface ParquetPreview {
  schema: ParquetField[];
  rowCount: number;
  rowGroups: RowGroupInfo[];
  statistics: ColumnStatistics[];
  columns: string[];
  rows: Cell[][];
  message: string | null;
}

// The footer is read from the end first; small footers fit in 16 KiB, hyparquet reads more if not.
const FOOTER_GUESS = 16 * 1024;
// Without an offset index hyparquet reads whole column chunks: past this, the preview shows no rows.
const MAX_CHUNK_READ = 32 * 1024 * 1024;

/** What one preview may cost, whatever the file claims: its footer, the columns it shows, the bytes it reads. */
export interface PreviewLimits {
  footerBytes: number;
  columns: number;
  readBytes: number;
}
export const PREVIEW_LIMITS: PreviewLimits = { footerBytes: 4 * 2 ** 20, columns: 100, readBytes: 40 * 2 ** 20 };

/** The footer's length from the file's last 8 bytes (4-byte length, then "PAR1"), read with the first guess. */
async function footerLength(file: RangedFile): Promise<number> {
  const tail = await file.slice(Math.max(0, file.byteLength - Math.min(FOOTER_GUESS, file.byteLength)), file.byteLength);
  const end = new Uint8Array(tail, Math.max(0, tail.byteLength - 4));
  // Not a Parquet tail ("PAR1"), or a length past the file: hyparquet's own message says it cannot be read.
  if (tail.byteLength < 8 || new TextDecoder().decode(end) !== "PAR1") return 0;
  const length = new DataView(tail, tail.byteLength - 8, 4).getUint32(0, true);
  return length + 8 <= file.byteLength ? length : 0;
}

function logicalType(tree: SchemaTree): string | null {
  const e = tree.element;
  const l = e.logical_type;
  if (l) {
    if (l.type === "DECIMAL") return `DECIMAL(${l.precision},${l.scale})`;
    if (l.type === "TIMESTAMP" || l.type === "TIME") return `${l.type}(${l.unit}${l.isAdjustedToUTC ? ", UTC" : ""})`;
    if (l.type === "INTEGER") return `INT(${l.bitWidth}, ${l.isSigned ? "signed" : "unsigned"})`;
    return l.type;
  }
  return e.converted_type ?? null;
}

function fields(tree: SchemaTree, out: ParquetField[] = []): ParquetField[] {
  for (const child of tree.children) {
    if (child.children.length > 0) {
      out.push({ name: child.path.join("."), physicalType: "GROUP", logicalType: logicalType(child), nullable: child.element.repetition_type !== "REQUIRED" });
      fields(child, out);
    } else {
      out.push({
        name: child.path.join("."),
        physicalType: child.element.type ?? "UNKNOWN",
        logicalType: logicalType(child),
        nullable: child.element.repetition_type !== "REQUIRED",
      });
    }
  }
  return out;
}

function rowGroups(metadata: FileMetaData): RowGroupInfo[] {
  return metadata.row_groups.map((rg, index) => ({
    index,
    rows: Number(rg.num_rows),
    compressedBytes: rg.columns.reduce((sum, c) => sum + Number(c.meta_data?.total_compressed_size ?? 0), 0),
    uncompressedBytes: Number(rg.total_byte_size),
    compression: [...new Set(rg.columns.map((c) => c.meta_data?.codec ?? "UNKNOWN"))],
  }));
}

type Comparable = number | bigint | string | boolean | Date;
const comparable = (v: unknown): v is Comparable =>
  ["number", "bigint", "string", "boolean"].includes(typeof v) || v instanceof Date;

/** Footer statistics per column, combined over row groups; distinct counts only where one group wrote them. */
function statistics(metadata: FileMetaData): ColumnStatistics[] {
  const byColumn = new Map<string, { min?: Comparable; max?: Comparable; nulls: number | null; distinct: number | null; groups: number }>();
  for (const rg of metadata.row_groups) {
    for (const chunk of rg.columns) {
      const meta = chunk.meta_data;
      if (!meta) continue;
      const name = meta.path_in_schema.join(".");
      const s = meta.statistics;
      const acc = byColumn.get(name) ?? { nulls: 0, distinct: null, groups: 0 };
      acc.groups++;
      const min = s?.min_value ?? s?.min;
      const max = s?.max_value ?? s?.max;
      if (comparable(min) && (acc.min === undefined || min < acc.min)) acc.min = min;
      if (comparable(max) && (acc.max === undefined || max > acc.max)) acc.max = max;
      acc.nulls = acc.nulls === null || s?.null_count === undefined ? null : acc.nulls + Number(s.null_count);
      acc.distinct = acc.groups === 1 && s?.distinct_count !== undefined ? Number(s.distinct_count) : null;
      byColumn.set(name, acc);
    }
  }
  return [...byColumn].map(([column, a]) => ({
    column,
    min: a.min === undefined ? null : toCell(a.min),
    max: a.max === undefined ? null : toCell(a.max),
    nullCount: a.nulls,
    distinctCount: a.distinct,
  }));
}

/** Footer and the first rows of a Parquet object, through ranged reads (offset indexes narrow them to pages). */
export async function previewParquet(file: RangedFile, rows: number, limits: PreviewLimits = PREVIEW_LIMITS): Promise<ParquetPreview> {
  const footer = await footerLength(file);
  if (footer > limits.footerBytes) {
    throw new PreviewLimit(`The footer is ${mib(footer)} MiB; a preview reads at most ${mib(limits.footerBytes)} MiB of it, so nothing is shown.`);
  }
  const metadata = await parquetMetadataAsync(file, { initialFetchSize: Math.min(FOOTER_GUESS, file.byteLength) });
  const tree = parquetSchema(metadata);
  const allColumns = tree.children.map((c) => c.element.name);
  const columns = allColumns.slice(0, limits.columns);
  const shown = new Set(columns);
  const notes: string[] = [];
  if (allColumns.length > columns.length) notes.push(`Showing the first ${columns.length} of ${allColumns.length} columns.`);
  const groups = rowGroups(metadata);
  const first = metadata.row_groups[0];
  const indexed = first?.columns.every((c) => c.offset_index_offset !== undefined) ?? false;
  const firstGroupBytes = groups[0]?.compressedBytes ?? 0;
  let data: Cell[][] = [];
  if (rows > 0 && first) {
    if (!indexed && firstGroupBytes > MAX_CHUNK_READ) {
      notes.push(`Rows not shown: the first row group is ${(firstGroupBytes / 2 ** 20).toFixed(0)} MiB and has no offset index to read a few pages of it.`);
    } else {
      try {
        const objects = await parquetReadObjects({ file, metadata, columns, rowStart: 0, rowEnd: rows, compressors, useOffsetIndex: true });
        data = objects.map((row) => columns.map((c) => toCell(row[c])));
      } catch (err) {
        if (!(err instanceof PreviewLimit)) throw err;
        notes.push(`Rows not shown: ${err.message}`);
      }
    }
  }
  return {
    schema: fields(tree).filter((f) => shown.has(f.name.split(".")[0]!)),
    rowCount: Number(metadata.num_rows),
    rowGroups: groups,
    statistics: statistics(metadata).filter((s) => shown.has(s.column.split(".")[0]!)),
    columns,
    rows: data,
    message: notes.length > 0 ? notes.join(" ") : null,
  };
}
