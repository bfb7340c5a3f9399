import { pauseDag } from "@/lib/api/contracts/pipelines";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { requirePort } from "@/lib/platform";
import { setPaused } from "@/lib/pipelines/actions";

export const POST = handle(pauseDag, async ({ input: { params, body } }) => setPaused(prisma, requirePort("orchestrator"), params.dagId, body.paused));
