import { downloadStepLog } from "@/lib/api/contracts/clusters";
import { handle } from "@/lib/api/handler";
import { stepLogRef } from "@/lib/clusters/step-logs";
import { textDownload } from "@/lib/api/text-download";
import { requirePort } from "@/lib/platform";

export const dynamic = "force-dynamic";

export const GET = handle(downloadStepLog, async ({ input: { params, query } }) => {
  const ref = await stepLogRef(requirePort("clusters"), params.id, params.stepId, query.stream);
  return textDownload(requirePort("logs").downloadStepLog(ref), `${params.id}_${params.stepId}_${query.stream}.log`);
});
