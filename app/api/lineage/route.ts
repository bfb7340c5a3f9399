import { handle } from "@/lib/api/handler";
import { getObjectLineage } from "@/lib/api/contracts/lineage";
import { prisma } from "@/lib/db";
import { producersOf } from "@/lib/lineage/read";

export const GET = handle(getObjectLineage, async ({ input: { query } }) => producersOf(prisma, query.bucket, query.key));
