"use client";

import { toCsv } from "@/components/ui/csv";

/** Downloads a chart's figures as CSV, built in the browser from what the chart shows. */
export function CostCsvButton({ filename, header, rows, label }: { filename: string; header: string[]; rows: (string | number | null)[][]; label: string }) {
  const download = () => {
    const url = URL.createObjectURL(new Blob([toCsv(header, rows)], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    a.click();
    // Revoked a moment later: the browser reads the blob after the click returns.
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <button type="button" onClick={download} className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50" aria-label={`Export ${label} as CSV`}>
      CSV
    </button>
  );
}
