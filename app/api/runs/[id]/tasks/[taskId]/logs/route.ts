import { getTaskLog } from "@/lib/api/contracts/pipelines";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { taskLogRef } from "@/lib/pipelines/task-logs";
import { requirePort } from "@/lib/platform";

export const dynamic = "force-dynamic";

export const GET = handle(getTaskLog, async ({ input: { params, query } }) => {
  const ref = await taskLogRef(prisma, params.id, params.taskId, query.try, query.mapIndex);
  return requirePort("logs").readTaskLog(ref, query.cursor ?? null);
});
