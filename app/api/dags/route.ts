import { listDags } from "@/lib/api/contracts/pipelines";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { dagListJson } from "@/lib/pipelines/run-history";

export const GET = handle(listDags, async () => dagListJson(prisma));
