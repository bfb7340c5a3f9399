import type { PrismaClient } from "@/lib/generated/prisma/client";
import { NotFound } from "@/lib/platform/errors";
import type { TaskLogRef } from "@/lib/platform/logs/port";

/**
 * The log of a try the run history knows: the run by the portal's id, the try by its task, map
 * index and number. Anything else is NotFound before the logs port is asked.
 */
export async function taskLogRef(db: PrismaClient, id: string, taskId: string, tryNumber: number, mapIndex: number): Promise<TaskLogRef> {
  const run = await db.pipelineRun.findUnique({ where: { id }, select: { dagId: true, runId: true } });
  if (!run) throw new NotFound("No such run in the history.");
  const task = await db.taskInstance.findUnique({
    where: { pipelineRunId_taskId_mapIndex_tryNumber: { pipelineRunId: id, taskId, mapIndex, tryNumber } },
    select: { id: true },
  });
  if (!task) throw new NotFound(`The run has no try ${tryNumber} of task ${taskId}.`);
  return { dagId: run.dagId, runId: run.runId, taskId, mapIndex, tryNumber };
}

/** The download's file name, from the checked ids. */
export const taskLogFileName = (ref: TaskLogRef) => `${ref.dagId}_${ref.runId}_${ref.taskId}${ref.mapIndex >= 0 ? `_${ref.mapIndex}` : ""}_try${ref.tryNumber}.log`;
