import { handle } from "@/lib/api/handler";
import { status } from "@/lib/api/contracts/system";
import { getPlatform } from "@/lib/platform";
import { platformStatus } from "@/lib/status";

export const dynamic = "force-dynamic";

export const GET = handle(status, async () => ({
  mode: getPlatform().mode,
  checkedAt: new Date().toISOString(),
  items: await platformStatus(),
}));
