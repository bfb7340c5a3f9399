import { setPersonAccess } from "@/lib/api/contracts/people";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { personJson, setDisabled } from "@/lib/people/people";

export const POST = handle(setPersonAccess, async ({ input: { params, body }, user }) => personJson(await setDisabled(prisma, user!.id, params.id, body.disabled)));
