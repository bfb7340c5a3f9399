import { PortPage } from "@/components/port-page";
import { requireRole } from "@/lib/auth/current-user";

export const metadata = { title: "Clusters" };

export default async function ClustersPage() {
  await requireRole("viewer");
  return <PortPage port="clusters" title="Clusters" description="EMR and local Spark clusters, their steps and metrics." />;
}
