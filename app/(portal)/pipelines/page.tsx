import { PortPage } from "@/components/port-page";
import { requireRole } from "@/lib/auth/current-user";

export const metadata = { title: "Pipelines" };

export default async function PipelinesPage() {
  await requireRole("viewer");
  return <PortPage port="orchestrator" title="Pipelines" description="Airflow DAGs: trigger, pause, watch runs." />;
}
