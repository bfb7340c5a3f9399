import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate } from "@/components/lake/format";
import { datasetHref } from "@/components/lineage/format";
import { requireRole } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db";
import { listDatasets } from "@/lib/lineage/read";
import { TableHead } from "@/components/ui/table-head";

export const metadata = { title: "Datasets" };

export default async function DatasetsPage() {
  await requireRole("viewer");
  const datasets = await listDatasets(prisma);
  return (
    <>
      <PageHeader title="Datasets" description="Every dataset a pipeline run read or wrote, from the jobs' OpenLineage events." />
      {datasets.length === 0 ? (
        <p className="text-sm text-slate-500">
          No dataset known yet. Run big_data_pipeline (Pipelines → big_data_pipeline → Trigger): its jobs record what they read and write, and the
          datasets appear here a few seconds after each job ends.
        </p>
      ) : (
        <table className="w-full max-w-4xl text-left text-sm" aria-label="Datasets">
          <TableHead className="text-slate-600" dense columns={["Dataset", "Namespace", "Last written"]} />
          <tbody>
            {datasets.map((d) => (
              <tr key={`${d.namespace}/${d.name}`} className="border-t border-slate-100">
                <td className="px-2 py-1 font-mono">
                  <Link href={datasetHref(d.name)} className="text-sky-800 underline">
                    {d.name}
                  </Link>
                </td>
                <td className="px-2 py-1 font-mono text-xs">{d.namespace}</td>
                <td className="px-2 py-1">{d.lastWrittenAt ? formatDate(d.lastWrittenAt) : "never (only read)"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
