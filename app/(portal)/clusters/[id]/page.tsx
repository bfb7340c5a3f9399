import Link from "next/link";
import { notFound } from "next/navigation";
import { ClusterDetail } from "@/components/clusters/detail";
import { PortPage } from "@/components/ui/port-page";
import { requireRole } from "@/lib/auth/current-user";
import { mayTerminate } from "@/lib/clusters/access";
import { clusterDetail } from "@/lib/clusters/detail";
import { rowFor } from "@/lib/clusters/list";
import { getPlatform, portAvailability } from "@/lib/platform";
import { NotFound } from "@/lib/platform/errors";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: `Cluster ${(await params).id}` };
}

export default async function ClusterPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("viewer");
  const { id } = await params;
  let initial = null;
  if (getPlatform().clusters) {
    try {
      const detail = await clusterDetail(id);
      initial = {
        cluster: rowFor(detail.row, user.role),
        steps: detail.steps,
        metrics: detail.metrics,
        canTerminate: !detail.cluster.endedAt && (await mayTerminate(user, detail.cluster.dagRun)),
      };
    } catch (err) {
      // Unknown or malformed (the port checks the id before any call): 404.
      if (err instanceof NotFound) notFound();
      throw err;
    }
  }
  return (
    <PortPage port={portAvailability("clusters")} title={`Cluster ${id}`} description={initial ? `${initial.cluster.name} · ${initial.cluster.releaseLabel ?? ""}` : ""}>
      <p className="mb-4 text-sm">
        <Link href="/clusters" className="text-blue-700 hover:underline">
          ← All clusters
        </Link>
      </p>
      {initial && <ClusterDetail initial={initial} />}
    </PortPage>
  );
}
