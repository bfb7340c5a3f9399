import { PipelineList } from "@/components/pipelines/list";
import { PortPage } from "@/components/ui/port-page";
import { portAvailability } from "@/lib/platform";
import { requireRole } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { dagListJson } from "@/lib/pipelines/run-history";

export const metadata = { title: "Pipelines" };

export default async function PipelinesPage() {
  const user = await requireRole("viewer");
  // Postgres only: the Airflow sync keeps it current, so a page view costs Airflow nothing.
  const initial = await dagListJson(prisma, { withTraceback: hasRole(user.role, "engineer") });
  return (
    <PortPage port={portAvailability("orchestrator")} title="Pipelines" description="Airflow DAGs: their schedules, last runs and data quality.">
      <PipelineList initial={initial} />
    </PortPage>
  );
}
