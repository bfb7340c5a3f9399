import { downloadTaskLog } from "@/lib/api/contracts/pipelines";
import { handle } from "@/lib/api/handler";
import { textDownload } from "@/lib/api/text-download";
import { prisma } from "@/lib/db";
import { taskLogFileName, taskLogRef } from "@/lib/pipelines/task-logs";
import { requirePort } from "@/lib/platform";

export const dynamic = "force-dynamic";

export const GET = handle(downloadTaskLog, async ({ input: { params, query } }) => {
  const ref = await taskLogRef(prisma, params.id, params.taskId, query.try, query.mapIndex);
  return textDownload(requirePort("logs").downloadTaskLog(ref), taskLogFileName(ref));
});
