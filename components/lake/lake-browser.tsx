"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { LakeEntry } from "@/lib/api/contracts/lake";
import { queries } from "@/lib/client/queries";
import { browseHref, formatBytes, formatDate, objectHref } from "./format";

type SortKey = "name" | "size" | "lastModified";
const COLUMNS: { key: SortKey | null; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "size", label: "Size" },
  { key: "lastModified", label: "Last modified" },
  { key: null, label: "Storage class" },
  { key: null, label: "Versions" },
];

function compare(a: LakeEntry, b: LakeEntry, key: SortKey): number {
  if (a.isFolder !== b.isFolder) return a.isFolder ? -1 : 1;
  if (key === "size") return a.size - b.size;
  if (key === "lastModified") return (a.lastModified ?? "").localeCompare(b.lastModified ?? "");
  return a.name.localeCompare(b.name);
}

/**
 * One page (up to 1,000 entries, as S3 lists them) at a time, whatever the prefix holds: the cursors of
 * the pages seen are kept so Previous works. Sort and filter apply to the page on screen.
 */
export function LakeBrowser({ bucket, prefix }: { bucket: string; prefix: string }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "name", desc: false });
  const [filter, setFilter] = useState("");
  const cursor = cursors[cursors.length - 1] ?? null;
  const { data, error, isFetching } = useQuery({ ...queries.lake.objects(bucket, prefix, cursor), placeholderData: keepPreviousData });

  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const items = (data?.items ?? []).filter((e) => !needle || e.name.toLowerCase().includes(needle));
    const sorted = [...items].sort((a, b) => compare(a, b, sort.key));
    return sort.desc ? sorted.reverse() : sorted;
  }, [data, filter, sort]);

  const sortBy = (key: SortKey) => setSort((s) => ({ key, desc: s.key === key ? !s.desc : false }));
  const page = cursors.length;

  return (
    <section aria-labelledby="lake-listing" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="lake-listing" className="text-lg font-semibold">
          Contents
        </h2>
        <label className="text-sm">
          <span className="mr-2 text-slate-600">Filter by name</span>
          <input
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1"
            placeholder="part-, .parquet…"
          />
        </label>
      </div>
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error.message}
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.label}
                  scope="col"
                  className="px-3 py-2 font-medium"
                  aria-sort={c.key && sort.key === c.key ? (sort.desc ? "descending" : "ascending") : undefined}
                >
                  {c.key ? (
                    <button type="button" onClick={() => sortBy(c.key!)} className="hover:underline">
                      {c.label}
                      {sort.key === c.key ? (sort.desc ? " ▼" : " ▲") : ""}
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((e) => (
              <tr key={e.key} className="border-t border-slate-100">
                <td className="px-3 py-1.5 font-mono">
                  <Link href={e.isFolder ? browseHref(bucket, e.key) : objectHref(bucket, e.key)} className="text-sky-700 hover:underline">
                    {e.name}
                  </Link>
                </td>
                <td className="px-3 py-1.5 font-mono">{e.isFolder ? "—" : formatBytes(e.size)}</td>
                <td className="px-3 py-1.5">{formatDate(e.lastModified)}</td>
                <td className="px-3 py-1.5">{e.storageClass ?? "—"}</td>
                <td className="px-3 py-1.5">{e.versionCount ?? "—"}</td>
              </tr>
            ))}
            {data && rows.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="px-3 py-4 text-center text-slate-500">
                  {filter ? "Nothing on this page matches the filter." : "This folder is empty."}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
        <button
          type="button"
          disabled={page === 1}
          onClick={() => setCursors((c) => c.slice(0, -1))}
          className="rounded border border-slate-300 px-3 py-1 disabled:opacity-40"
        >
          Previous page
        </button>
        <span className="text-slate-600">
          Page {page} · {data?.items.length ?? 0} entries{isFetching ? " · loading…" : ""}
        </span>
        <button
          type="button"
          disabled={!data?.nextCursor}
          onClick={() => data?.nextCursor && setCursors((c) => [...c, data.nextCursor])}
          className="rounded border border-slate-300 px-3 py-1 disabled:opacity-40"
        >
          Next page
        </button>
      </nav>
    </section>
  );
}
