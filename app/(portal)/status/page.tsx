import { PageHeader } from "@/components/ui/page-header";
import { StatusTable } from "@/components/status/table";
import { requireRole } from "@/lib/auth/current-user";
import { getPlatform } from "@/lib/platform";
import { platformStatus } from "@/lib/status";

export const metadata = { title: "Status" };

export default async function StatusPage() {
  await requireRole("viewer");
  const initial = { mode: getPlatform().mode, checkedAt: new Date().toISOString(), items: await platformStatus() };
  return (
    <>
      <PageHeader title="Status" description="Whether each source of the platform answers, and how fast." />
      <StatusTable initial={initial} />
    </>
  );
}
