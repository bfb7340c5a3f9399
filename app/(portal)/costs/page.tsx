import { PortPage } from "@/components/port-page";
import { requireRole } from "@/lib/auth/current-user";

export const metadata = { title: "Costs" };

export default async function CostsPage() {
  await requireRole("lead");
  return <PortPage port="metrics" title="Costs" description="What the platform costs, where the money goes, what the optimisations save." />;
}
