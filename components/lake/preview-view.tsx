import type { ReactNode } from "react";
import type { LakePreview } from "@/lib/api/contracts/lake";
import { formatBytes, formatDate } from "./format";

function Table({ label, head, rows }: { label: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-label={label} className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            {head.map((h, i) => (
              <th key={`${h}-${i}`} scope="col" className="whitespace-nowrap px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="border-t border-slate-100">
              {r.map((cell, j) => (
                <td key={j} className="whitespace-nowrap px-3 py-1.5 font-mono">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const show = (v: string | number | boolean | null) => (v === null ? <span className="text-slate-400">null</span> : String(v));

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-2" aria-label={title}>
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

/** A titled table of the preview; the table is named after its section unless told otherwise. */
function TableSection({ title, label = title, head, rows }: { title: string; label?: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <Section title={title}>
      <Table label={label} head={head} rows={rows} />
    </Section>
  );
}

/** Everything the preview API returns for one object, laid out as a data engineer reads it. */
export function PreviewView({ preview: p }: { preview: LakePreview }) {
  const facts: [string, string][] = [
    ["Size", `${formatBytes(p.size)} (${p.size.toLocaleString("en")} bytes)`],
    ["Last modified", formatDate(p.lastModified)],
    ["Content type", p.contentType ?? "—"],
    ["Read for this preview", `${formatBytes(p.bytesRead)}${p.size ? ` (${((p.bytesRead / p.size) * 100).toFixed(2)} % of the object)` : ""}`],
  ];
  if (p.rowCount !== null) facts.splice(1, 0, ["Rows", p.rowCount.toLocaleString("en")]);
  return (
    <div className="space-y-6">
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        {facts.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="font-mono">{v}</dd>
          </div>
        ))}
      </dl>
      {p.message && (
        <p role="note" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900">
          {p.message}
        </p>
      )}
      {p.schema && (
        <TableSection title="Schema" head={["Column", "Physical type", "Logical type", "Nullable"]} rows={p.schema.map((f) => [f.name, f.physicalType, f.logicalType ?? "—", f.nullable ? "yes" : "no"])} />
      )}
      {p.rowGroups && (
        <TableSection title="Row groups" head={["#", "Rows", "Compressed", "Uncompressed", "Compression"]} rows={p.rowGroups.map((g) => [g.index, g.rows.toLocaleString("en"), formatBytes(g.compressedBytes), formatBytes(g.uncompressedBytes), g.compression.join(", ")])} />
      )}
      {p.statistics && (
        <TableSection title="Column statistics" head={["Column", "Min", "Max", "Nulls", "Distinct"]} rows={p.statistics.map((s) => [s.column, show(s.min), show(s.max), s.nullCount ?? "—", s.distinctCount ?? "—"])} />
      )}
      {p.columns.length > 0 && (
        <TableSection title={`First ${p.rows.length} rows`} label="Rows" head={p.columns} rows={p.rows.map((r) => r.map(show))} />
      )}
      {p.text !== null && p.columns.length === 0 && (
        <Section title={p.truncated ? "First 64 KiB" : "Content"}>
          <pre className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-white p-3 text-xs">{p.text}</pre>
        </Section>
      )}
    </div>
  );
}
