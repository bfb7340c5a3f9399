import { ClusterTable } from "@/components/clusters/table";
import { PortPage } from "@/components/ui/port-page";
import { requireRole } from "@/lib/auth/current-user";
import { maySeeCosts } from "@/lib/auth/roles";
import { clusterRows, rowFor, rowJson } from "@/lib/clusters/list";
import { freshClusters } from "@/lib/sync/fresh";
import { env } from "@/lib/env";
import { getPlatform, portAvailability } from "@/lib/platform";

export const metadata = { title: "Clusters" };
export const dynamic = "force-dynamic";

export default async function ClustersPage() {
  const user = await requireRole("viewer");
  const available = getPlatform().clusters !== null;
  const initial = available ? { freshness: await freshClusters(), items: (await clusterRows({ days: 14 })).map((r) => rowFor(rowJson(r), user.role)) } : null;
  return (
    <PortPage port={portAvailability("clusters")} title="Clusters" description="EMR and local Spark clusters: active ones and those of the last 14 days.">
      {initial && <ClusterTable initial={initial} idleAlertMinutes={env.CLUSTER_IDLE_ALERT_MINUTES} showCosts={maySeeCosts(user.role)} />}
    </PortPage>
  );
}
