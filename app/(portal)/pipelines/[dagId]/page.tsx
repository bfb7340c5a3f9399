import Link from "next/link";
import { notFound } from "next/navigation";
import { PipelineBackfills } from "@/components/pipelines/backfills";
import { PipelineCode } from "@/components/pipelines/code";
import { PipelineDetail } from "@/components/pipelines/detail";
import { dagHref } from "@/components/pipelines/format";
import { PortPage } from "@/components/ui/port-page";
import { portAvailability } from "@/lib/platform";
import { requireRole } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { dagCodeView } from "@/lib/pipelines/dag-code";
import { confFromQuery, dagParams } from "@/lib/pipelines/params";
import { dagDetailJson } from "@/lib/pipelines/run-history";

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "code", label: "Code" },
] as const;

export default async function DagPage({ params, searchParams }: { params: Promise<{ dagId: string }>; searchParams: Promise<{ tab?: string; conf?: string }> }) {
  const user = await requireRole("viewer");
  const { dagId } = await params;
  const query = await searchParams;
  const tab = query.tab === "code" ? "code" : "overview";
  // A malformed id is simply not in the history: 404 like an unknown one.
  const canAct = hasRole(user.role, "engineer");
  const initial = await dagDetailJson(prisma, dagId, { withTraceback: canAct });
  if (!initial) notFound();
  return (
    <PortPage port={portAvailability("orchestrator")} title={dagId} description={initial.dag.description ?? "An Airflow DAG."}>
      <nav aria-label="DAG sections" className="mb-4 flex gap-1 border-b border-slate-200 text-sm">
        {TABS.map((t) => (
          <Link
            key={t.id}
            href={t.id === "overview" ? dagHref(dagId) : `${dagHref(dagId)}?tab=${t.id}`}
            aria-current={tab === t.id ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-1.5 ${tab === t.id ? "border-sky-700 font-medium text-sky-800" : "border-transparent text-slate-600"}`}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {tab === "code" ? (
        <PipelineCode code={await dagCodeView(await prisma.dag.findUniqueOrThrow({ where: { dagId } }))} />
      ) : (
        <div className="space-y-6">
          <PipelineDetail initial={{ ...initial, params: dagParams(dagId) }} canAct={canAct} initialConf={confFromQuery(query.conf)} />
          <PipelineBackfills dagId={dagId} canAct={canAct} />
        </div>
      )}
    </PortPage>
  );
}
