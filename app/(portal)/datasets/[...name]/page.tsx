import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { DetailSection } from "@/components/ui/detail";
import { LineChart } from "@/components/ui/charts/line-chart";
import { formatBytes, formatDate } from "@/components/lake/format";
import { formatCount, lakeHref, VERDICT_STYLE } from "@/components/lineage/format";
import { Neighbours } from "@/components/lineage/neighbours";
import { requireRole } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db";
import { lakeBucket } from "@/lib/platform";
import { datasetDetail, namespaceOf } from "@/lib/lineage/read";
import { TableHead } from "@/components/ui/table-head";

export const metadata = { title: "Dataset" };

const NAME = /^[A-Za-z0-9_.=-]+(\/[A-Za-z0-9_.=-]+)*$/;

export default async function DatasetPage({ params }: { params: Promise<{ name: string[] }> }) {
  await requireRole("viewer");
  const name = (await params).name.map(decodeURIComponent).join("/");
  if (!NAME.test(name) || name.length > 1024) notFound();
  const detail = await datasetDetail(prisma, namespaceOf(lakeBucket()), name);
  if (!detail) notFound();
  const folder = lakeHref(detail.namespace, detail.name);
  // The value axis has room for about 10 characters: large counts in thousands or millions.
  const most = Math.max(0, ...detail.writes.map((w) => w.rows ?? 0));
  const [scale, unit] = most >= 1e6 ? [1e6, "M rows"] : most >= 1e4 ? [1e3, "k rows"] : [1, "rows"];
  const points = detail.writes.filter((w) => w.endedAt).map((w) => ({ x: new Date(w.endedAt!).getTime(), y: w.rows === null ? null : w.rows / scale }));
  return (
    <>
      <PageHeader title={detail.name} description={`${detail.namespace} · ${detail.writes.length} recorded write(s)`} />
      <div className="space-y-6">
        {folder && (
          <p className="text-sm">
            <Link href={folder} className="text-sky-700 hover:underline">
              Open in the lake browser
            </Link>
          </p>
        )}
        <DetailSection id="graph-heading" title="Upstream and downstream">
          <Neighbours name={detail.name} upstream={detail.upstream} downstream={detail.downstream} />
        </DetailSection>
        <DetailSection id="rows-heading" title="Rows written per run">
          {points.length ? (
            <div className="max-w-4xl">
              <LineChart title="Rows written" unit={unit} series={[{ name: detail.name, points: points.reverse() }]} />
            </div>
          ) : (
            <p className="text-sm text-slate-500">No completed write recorded yet: the chart fills as pipeline runs write this dataset.</p>
          )}
        </DetailSection>
        <DetailSection id="writes-heading" title="History of writes">
          {detail.writes.length === 0 ? (
            <p className="text-sm text-slate-500">Only read so far: no run has written it.</p>
          ) : (
            <table className="w-full max-w-5xl text-left text-sm" aria-label="Writes">
              <TableHead className="text-slate-600" dense columns={["Ended", "Run", "Job", "Partitions", "Rows", "Bytes"]} numeric={["Rows", "Bytes"]} />
              <tbody>
                {detail.writes.slice(0, 100).map((w) => (
                  <tr key={w.lineageRunId} className="border-t border-slate-100">
                    <td className="px-2 py-1">{formatDate(w.endedAt)}</td>
                    <td className="px-2 py-1 font-mono text-xs">{w.dagId ? `${w.dagId} · ${w.runId}` : w.lineageRunId}</td>
                    <td className="px-2 py-1 font-mono">{w.job}</td>
                    <td className="px-2 py-1 font-mono text-xs">{w.partitions.length > 3 ? `${w.partitions.slice(0, 3).join(", ")} and ${w.partitions.length - 3} more` : w.partitions.join(", ") || "whole dataset"}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{formatCount(w.rows)}</td>
                    <td className="px-2 py-1 text-right tabular-nums">{w.bytes === null ? "—" : formatBytes(w.bytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </DetailSection>
        <DetailSection id="quality-trend-heading" title="Quality checks over time">
          {detail.quality.length === 0 ? (
            <p className="text-sm text-slate-500">No quality run has checked this dataset yet (the pipeline&apos;s quality job checks curated data and marts).</p>
          ) : (
            <ol className="flex max-w-5xl flex-wrap gap-1" aria-label="Quality verdicts, newest first">
              {detail.quality.slice(0, 60).map((q) => (
                <li key={q.lineageRunId} className={`rounded border border-slate-200 px-2 py-1 text-xs ${q.verdict ? VERDICT_STYLE[q.verdict] : ""}`} title={`${q.dagId ?? ""} ${q.runId ?? q.lineageRunId}`}>
                  {formatDate(q.endedAt).slice(0, 10)} {q.verdict} ({q.checks - q.failed}/{q.checks})
                </li>
              ))}
            </ol>
          )}
        </DetailSection>
        <DetailSection id="schema-heading" title="Schema">
          {detail.schema ? (
            <table className="max-w-2xl text-left text-sm" aria-label="Columns">
              <TableHead className="text-slate-600" dense columns={["Column", "Type"]} />
              <tbody>
                {detail.schema.map((f) => (
                  <tr key={f.name} className="border-t border-slate-100">
                    <td className="px-2 py-1 font-mono">{f.name}</td>
                    <td className="px-2 py-1 font-mono text-slate-600">{f.type ?? "not given"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-500">
              The events carry no schema facet for it. Open a Parquet file of it{folder ? " in the lake browser" : ""} to see its columns and types.
            </p>
          )}
        </DetailSection>
      </div>
    </>
  );
}
