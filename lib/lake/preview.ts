import { DomainError } from "@/lib/platform/errors";
import type { LakePreview } from "@/lib/api/contracts/lake";
import type { Lake } from "@/lib/platform/lake/port";
import { PREVIEW_LIMITS, previewParquet } from "./parquet";
import { PreviewLimit, rangedFile } from "./ranged-file";
import { csvTable, headText, jsonTable, TEXT_PREVIEW_BYTES } from "./text";

type Kind = LakePreview["kind"];

const TEXT_EXTENSIONS = new Set(["txt", "log", "md", "yaml", "yml", "toml", "ini", "cfg", "conf", "py", "sql", "sh", "tf", "xml", "html", "properties"]);

export function kindOf(key: string, contentType: string | null): Kind {
  const ext = key.slice(key.lastIndexOf("/") + 1).split(".").slice(1).pop()?.toLowerCase() ?? "";
  if (ext === "parquet") return "parquet";
  if (ext === "csv" || ext === "tsv") return "csv";
  if (ext === "json" || ext === "ndjson" || ext === "jsonl") return "json";
  if (TEXT_EXTENSIONS.has(ext) || contentType?.startsWith("text/")) return "text";
  return "metadata";
}

/**
 * What the lake page shows of an object, reading as little as it can: a Parquet footer and the pages
 * of the first rows, or the first 64 KiB of text. A file that cannot be read is a message, not an error.
 */
export async function previewObject(lake: Lake, bucket: string, key: string, rows: number): Promise<LakePreview> {
  const head = await lake.head(bucket, key);
  const base: LakePreview = {
    bucket,
    key,
    kind: kindOf(key, head.contentType),
    size: head.size,
    lastModified: head.lastModified.toISOString(),
    contentType: head.contentType,
    bytesRead: 0,
    message: null,
    rowCount: null,
    columns: [],
    rows: [],
    schema: null,
    rowGroups: null,
    statistics: null,
    text: null,
    truncated: false,
  };
  if (head.size === 0) return { ...base, message: "This object is empty (0 bytes)." };
  if (base.kind === "metadata") return { ...base, message: "No preview for this kind of file: its metadata only." };

  if (base.kind === "parquet") {
    const file = rangedFile(lake, bucket, key, head.size, PREVIEW_LIMITS.readBytes);
    try {
      const p = await previewParquet(file, rows);
      return { ...base, ...p, bytesRead: file.bytesRead(), truncated: p.rows.length < p.rowCount };
    } catch (err) {
      if (err instanceof DomainError) throw err;
      if (err instanceof PreviewLimit) return { ...base, kind: "metadata", bytesRead: file.bytesRead(), message: err.message };
      const reason = err instanceof Error ? err.message : String(err);
      return { ...base, kind: "metadata", bytesRead: file.bytesRead(), message: `Cannot read this file as Parquet: ${reason}` };
    }
  }

  const length = Math.min(head.size, TEXT_PREVIEW_BYTES);
  const truncated = length < head.size;
  const text = headText(await lake.read(bucket, key, 0, length), truncated);
  const withText = { ...base, bytesRead: length, truncated, text };
  if (base.kind === "csv") {
    return { ...withText, ...csvTable(text, key.toLowerCase().endsWith(".tsv") ? "\t" : ",", rows) };
  }
  if (base.kind === "json") {
    const table = jsonTable(text, !truncated, rows);
    return table ? { ...withText, ...table } : { ...withText, kind: "text", message: "Not an array of records or NDJSON: shown as text." };
  }
  return withText;
}
