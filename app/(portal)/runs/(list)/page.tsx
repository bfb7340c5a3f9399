import { PageHeader } from "@/components/ui/page-header";
import { RunHistory } from "@/components/runs/history";
import { requireRole } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db";

export const metadata = { title: "Runs" };

export default async function RunsPage() {
  await requireRole("viewer");
  const dags = await prisma.dag.findMany({ select: { dagId: true }, orderBy: { dagId: "asc" } });
  return (
    <>
      <PageHeader title="Runs" description="The run history kept in Postgres: who triggered what, and how it ended." />
      <RunHistory dagIds={dags.map((d) => d.dagId)} />
    </>
  );
}
