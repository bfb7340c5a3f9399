import { PipelineList } from "@/components/pipeline-list";
import { PortPage } from "@/components/port-page";
import { requireRole } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db";
import { dagListJson } from "@/lib/sync/run-history";

export const metadata = { title: "Pipelines" };

export default async function PipelinesPage() {
  await requireRole("viewer");
  // Postgres only: the Airflow sync keeps it current, so a page view costs Airflow nothing.
  const initial = await dagListJson(prisma);
  return (
    <PortPage port="orchestrator" title="Pipelines" description="Airflow DAGs: their schedules, last runs and data quality.">
      <PipelineList initial={initial} />
    </PortPage>
  );
}
