import { setPersonRole } from "@/lib/api/contracts/people";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { personJson, setRoleOverride } from "@/lib/people/people";

export const POST = handle(setPersonRole, async ({ input: { params, body } }) => personJson(await setRoleOverride(prisma, params.id, body.role, body.reason)));
