import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { RunDetail } from "@/components/runs/detail";
import { requireRole } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { runDetailJson } from "@/lib/pipelines/run-history";

export const metadata = { title: "Run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("viewer");
  const { id } = await params;
  if (!/^[a-z0-9]{1,64}$/.test(id)) notFound();
  const initial = await runDetailJson(prisma, id);
  if (!initial) notFound();
  // Task logs live in Airflow's UI: the local API server, or MWAA's web server when configured.
  const logsBaseUrl = env.PLATFORM_MODE === "local" ? `http://127.0.0.1:${env.AIRFLOW_PORT}` : (env.AIRFLOW_UI_URL ?? null);
  return (
    <>
      <PageHeader title={`Run of ${initial.run.dagId}`} description={initial.run.runId} />
      <RunDetail initial={initial} logsBaseUrl={logsBaseUrl} canAct={hasRole(user.role, "engineer")} />
    </>
  );
}
