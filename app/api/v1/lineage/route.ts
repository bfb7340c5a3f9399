import { handle } from "@/lib/api/handler";
import { postLineageEvent } from "@/lib/api/contracts/lineage";
import { prisma } from "@/lib/db";
import { recordEvent } from "@/lib/lineage/record";

export const POST = handle(postLineageEvent, async ({ input: { body } }) => ({
  runId: body.run.runId,
  stored: (await recordEvent(prisma, body)) === "stored",
}));
