import Link from "next/link";
import { formatBytes } from "@/components/lake/format";
import type { RunDetailBody } from "@/lib/client/queries";
import { datasetHref, formatCount, lakeHref, VERDICT_STYLE } from "./format";
import { TableHead } from "@/components/ui/table-head";

type Job = RunDetailBody["lineage"][number];

/** What each Spark job of the run read and wrote, from its OpenLineage events. */
export function RunLineage({ jobs }: { jobs: Job[] }) {
  if (jobs.length === 0) {
    return (
      <p className="text-sm text-slate-500">
        No lineage yet: the jobs write OpenLineage events into the lake (logs/lineage/) and the lineage sync reads them within a poll of the run
        ending. A run whose jobs did not start has none.
      </p>
    );
  }
  return (
    <div className="space-y-4">
      {jobs.map((job) => (
        <div key={job.runId}>
          <h3 className="text-sm font-semibold">
            {job.job} <span className="font-normal text-slate-500">· {job.state.toLowerCase()}</span>
          </h3>
          {job.errorMessage && <p className="text-sm text-rose-700">{job.errorMessage}</p>}
          <table className="mt-1 w-full text-left text-sm" aria-label={`Datasets of ${job.job}`}>
            <TableHead className="text-slate-600" dense columns={["Dataset", "Read / wrote", "Partitions", "Rows", "Bytes", "Quality"]} numeric={["Rows", "Bytes"]} />
            <tbody>
              {job.datasets.map((d) => {
                const folder = lakeHref(d.namespace, d.name);
                return (
                  <tr key={`${d.direction}/${d.namespace}/${d.name}`} className="border-t border-slate-100">
                    <td className="px-2 py-1 font-mono">
                      <Link href={datasetHref(d.name)} className="text-sky-800 underline">
                        {d.name}
                      </Link>
                      {folder && (
                        <Link href={folder} className="ml-2 text-xs text-sky-700 hover:underline">
                          in the lake
                        </Link>
                      )}
                    </td>
                    <td className="px-2 py-1">{d.direction === "output" ? "wrote" : "read"}</td>
                    <td className="px-2 py-1 font-mono text-xs">
                      {d.partitions.slice(0, 4).map((p) => {
                        const href = lakeHref(d.namespace, d.name, p);
                        return href ? (
                          <Link key={p} href={href} className="mr-2 text-sky-700 hover:underline">
                            {p}
                          </Link>
                        ) : (
                          <span key={p}>{p} </span>
                        );
                      })}
                      {d.partitions.length > 4 && <span className="text-slate-500">and {d.partitions.length - 4} more</span>}
                    </td>
                    <td className="px-2 py-1 text-right tabular-nums">{formatCount(d.rows)}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{d.bytes === null ? "—" : formatBytes(d.bytes)}</td>
                    <td className={`px-2 py-1 ${d.quality ? VERDICT_STYLE[d.quality] : "text-slate-400"}`}>{d.quality ?? "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
