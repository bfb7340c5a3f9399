import { handle } from "@/lib/api/handler";
import { getObjectLineage } from "@/lib/api/contracts/lineage";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { checkBucket } from "@/lib/platform/lake/validate";
import { producersOf } from "@/lib/lineage/read";

// The bucket first, as the lake's routes check it: an unknown bucket is a 404 before the key is judged.
export const GET = handle(getObjectLineage, async ({ input: { query } }) => producersOf(prisma, checkBucket(query.bucket, env.LAKE_BUCKETS), query.key));
