"use client";

import { useQuery } from "@tanstack/react-query";
import { queries } from "@/lib/client/queries";
import { formatBytes } from "./format";
import { PartitionChart } from "./partition-chart";

/** The dataset under a prefix: objects, bytes and key=value partitions, drawn. */
export function LakeSummary({ bucket, prefix }: { bucket: string; prefix: string }) {
  const { data, error, isPending } = useQuery(queries.lake.summary(bucket, prefix));
  return (
    <section aria-labelledby="lake-summary" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="lake-summary" className="text-lg font-semibold">
        Dataset summary
      </h2>
      {isPending && <p className="text-sm text-slate-500">Counting objects…</p>}
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          {error.message}
        </p>
      )}
      {data && (
        <>
          <dl className="mt-2 flex flex-wrap gap-6 text-sm">
            <div>
              <dt className="text-slate-500">Objects</dt>
              <dd className="font-mono text-base">{data.objects.toLocaleString("en")}{data.truncated ? "+" : ""}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Total size</dt>
              <dd className="font-mono text-base">{formatBytes(data.bytes)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Partitions</dt>
              <dd className="font-mono text-base">{data.partitions.length}</dd>
            </div>
          </dl>
          {data.truncated && <p className="mt-1 text-xs text-slate-500">Counted over the first {data.objects.toLocaleString("en")} objects.</p>}
          {data.partitions.length > 0 && (
            <div className="mt-3">
              <PartitionChart partitions={data.partitions} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
