import { PageHeader } from "@/components/page-header";
import { requireRole } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db";

export const metadata = { title: "Runs" };

export default async function RunsPage() {
  await requireRole("viewer");
  const runs = await prisma.pipelineRun.findMany({ orderBy: { createdAt: "desc" }, take: 50 });
  return (
    <>
      <PageHeader title="Runs" description="The run history kept in Postgres: who triggered what, and how it ended." />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-600">
            <tr>
              {["DAG", "Run", "State", "Triggered by", "Started (UTC)", "Ended (UTC)"].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="px-3 py-2 font-mono">{r.dagId}</td>
                <td className="px-3 py-2 font-mono text-xs">{r.runId}</td>
                <td className="px-3 py-2">{r.state}</td>
                <td className="px-3 py-2">{r.triggeredBy}</td>
                <td className="px-3 py-2 font-mono">{r.startedAt?.toISOString().slice(0, 19).replace("T", " ") ?? "—"}</td>
                <td className="px-3 py-2 font-mono">{r.endedAt?.toISOString().slice(0, 19).replace("T", " ") ?? "—"}</td>
              </tr>
            ))}
            {runs.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  No runs recorded yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
