import { PageHeader } from "@/components/ui/page-header";
import { AlarmsTable } from "@/components/status/alarms";
import { StatusTable } from "@/components/status/table";
import { AdapterMissing } from "@/components/ui/adapter-missing";
import { requireRole } from "@/lib/auth/current-user";
import { alarmsView } from "@/lib/health/load";
import { freshAlarms } from "@/lib/sync/fresh";
import { getPlatform, portAvailability } from "@/lib/platform";
import { platformStatus } from "@/lib/status";

export const metadata = { title: "Status" };
export const dynamic = "force-dynamic";

export default async function StatusPage() {
  await requireRole("viewer");
  const alarmsPort = portAvailability("alarms");
  const [items, alarms] = await Promise.all([
    platformStatus(),
    alarmsPort.available ? freshAlarms().then(async (freshness) => ({ ...(await alarmsView()), freshness })) : null,
  ]);
  const initial = { mode: getPlatform().mode, checkedAt: new Date().toISOString(), items };
  return (
    <>
      <PageHeader title="Status" description="Whether each source of the platform answers, and how fast; the estate's alarms." />
      <StatusTable initial={initial} />
      {alarms ? <AlarmsTable initial={alarms} /> : <AdapterMissing label={alarmsPort.label} mode={alarmsPort.mode} />}
    </>
  );
}
