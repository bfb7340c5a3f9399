import { prisma } from "@/lib/db";
import { getPlatform } from "@/lib/platform";
import { alarmJson, readAlarms } from "./alarms";

/** What the local estate cannot evaluate, for the Status page to say rather than leave out. */
const LOCAL_NOT_EVALUATED =
  "The database (RDS CPU, free storage) and NAT gateway alarms watch resources the local estate does not have: they exist only on AWS.";

/** The cached alarms as the API and the Status page send them (the caller asks lib/sync for a fresh cache first). */
export async function alarmsView() {
  const mode = getPlatform().mode;
  const items = (await readAlarms(prisma)).map(alarmJson);
  return { mode, items, notEvaluated: mode === "local" ? LOCAL_NOT_EVALUATED : null };
}
