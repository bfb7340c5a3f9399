import { notFound } from "next/navigation";
import { PipelineBackfills } from "@/components/pipelines/backfills";
import { PipelineDetail } from "@/components/pipelines/detail";
import { PortPage } from "@/components/ui/port-page";
import { portAvailability } from "@/lib/platform";
import { requireRole } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { dagParams } from "@/lib/pipelines/params";
import { dagDetailJson } from "@/lib/pipelines/run-history";

export default async function DagPage({ params }: { params: Promise<{ dagId: string }> }) {
  const user = await requireRole("viewer");
  const { dagId } = await params;
  // A malformed id is simply not in the history: 404 like an unknown one.
  const initial = await dagDetailJson(prisma, dagId);
  if (!initial) notFound();
  return (
    <PortPage port={portAvailability("orchestrator")} title={dagId} description={initial.dag.description ?? "An Airflow DAG."}>
      <div className="space-y-6">
        <PipelineDetail initial={{ ...initial, params: dagParams(dagId) }} canAct={hasRole(user.role, "engineer")} />
        <PipelineBackfills dagId={dagId} canAct={hasRole(user.role, "engineer")} />
      </div>
    </PortPage>
  );
}
