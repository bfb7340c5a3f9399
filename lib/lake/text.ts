import { toCell, type Cell } from "./cells";

/** Text previews read this much from the start of an object, never more. */
export const TEXT_PREVIEW_BYTES = 64 * 1024;

export interface TablePreview {
  columns: string[];
  rows: Cell[][];
}

/** Decodes the head of an object; when it was cut, the last (partial) line is dropped. */
export function headText(bytes: Uint8Array, truncated: boolean): string {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  if (!truncated) return text;
  const end = text.lastIndexOf("\n");
  return end === -1 ? text : text.slice(0, end + 1);
}

/** RFC 4180 records: quoted fields may hold the delimiter, quotes ("") and newlines. */
export function parseDelimited(text: string, delimiter: string, maxRecords: number): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  const endRecord = () => {
    record.push(field);
    if (!(record.length === 1 && record[0] === "")) records.push(record);
    record = [];
    field = "";
  };
  for (let i = 0; i < text.length && records.length < maxRecords; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"' && field === "") {
      quoted = true;
    } else if (ch === delimiter) {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRecord();
    } else {
      field += ch;
    }
  }
  if ((field !== "" || record.length > 0) && records.length < maxRecords) endRecord();
  return records;
}

export function csvTable(text: string, delimiter: string, rows: number): TablePreview {
  const [header = [], ...body] = parseDelimited(text, delimiter, rows + 1);
  return { columns: header, rows: body.map((r) => header.map((_, i) => r[i] ?? null)) };
}

function objectsTable(objects: unknown[], rows: number): TablePreview {
  const shown = objects.slice(0, rows);
  const columns = [...new Set(shown.flatMap((o) => (o && typeof o === "object" && !Array.isArray(o) ? Object.keys(o) : ["value"])))];
  return {
    columns,
    rows: shown.map((o) =>
      o && typeof o === "object" && !Array.isArray(o)
        ? columns.map((c) => toCell((o as Record<string, unknown>)[c]))
        : columns.map((c) => (c === "value" ? toCell(o) : null)),
    ),
  };
}

/**
 * JSON as a table when it is an array of records (a whole document) or one record per line (NDJSON);
 * null when it is neither, and the caller shows it as text.
 */
export function jsonTable(text: string, complete: boolean, rows: number): TablePreview | null {
  if (complete) {
    try {
      const doc: unknown = JSON.parse(text);
      return Array.isArray(doc) ? objectsTable(doc, rows) : null;
    } catch {
      // not one document: try one per line
    }
  }
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const objects: unknown[] = [];
  for (const line of lines.slice(0, rows)) {
    try {
      objects.push(JSON.parse(line));
    } catch {
      return null;
    }
  }
  return objects.length ? objectsTable(objects, rows) : null;
}
