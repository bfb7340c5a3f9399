import { downloadTaskLog } from "@/lib/api/contracts/pipelines";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { taskLogFileName, taskLogRef } from "@/lib/pipelines/task-logs";
import { requirePort } from "@/lib/platform";

export const dynamic = "force-dynamic";

export const GET = handle(downloadTaskLog, async ({ input: { params, query } }) => {
  const ref = await taskLogRef(prisma, params.id, params.taskId, query.try, query.mapIndex);
  const pieces = requirePort("logs").downloadTaskLog(ref)[Symbol.asyncIterator]();
  // The first piece is read before answering, so a missing log is a 404, not a broken download.
  const first = await pieces.next();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await pieces.return?.();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="${taskLogFileName(ref)}"`, "cache-control": "no-store" },
  });
});
