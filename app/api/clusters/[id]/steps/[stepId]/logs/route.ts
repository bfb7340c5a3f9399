import { getStepLog } from "@/lib/api/contracts/clusters";
import { handle } from "@/lib/api/handler";
import { stepLogRef } from "@/lib/clusters/step-logs";
import { requirePort } from "@/lib/platform";

export const dynamic = "force-dynamic";

export const GET = handle(getStepLog, async ({ input: { params, query } }) => {
  const ref = await stepLogRef(requirePort("clusters"), params.id, params.stepId, query.stream);
  return requirePort("logs").readStepLog(ref, query.cursor ?? null);
});
