import { listDags } from "@/lib/api/contracts/pipelines";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { hasRole } from "@/lib/auth/roles";
import { dagListJson } from "@/lib/pipelines/run-history";

export const GET = handle(listDags, async ({ user }) => dagListJson(prisma, { withTraceback: hasRole(user!.role, "engineer") }));
