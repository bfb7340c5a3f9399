import { listPeopleRoute } from "@/lib/api/contracts/people";
import { handle } from "@/lib/api/handler";
import { prisma } from "@/lib/db";
import { listPeople, personJson } from "@/lib/people/people";

export const GET = handle(listPeopleRoute, async () => ({ items: (await listPeople(prisma)).map(personJson) }));
