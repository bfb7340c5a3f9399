import { listAlarms } from "@/lib/api/contracts/health";
import { handle } from "@/lib/api/handler";
import { alarmsView } from "@/lib/health/load";
import { requirePort } from "@/lib/platform";
import { freshAlarms } from "@/lib/sync/fresh";

export const dynamic = "force-dynamic";

export const GET = handle(listAlarms, async () => {
  requirePort("alarms");
  const freshness = await freshAlarms();
  return { ...(await alarmsView()), freshness };
});
