import { handle } from "@/lib/api/handler";
import { summarizePrefix } from "@/lib/api/contracts/lake";
import { recentSummary } from "@/lib/lake/summary";
import { requirePort } from "@/lib/platform";

export const GET = handle(summarizePrefix, async ({ input: { query } }) => ({
  bucket: query.bucket,
  prefix: query.prefix,
  ...(await recentSummary(requirePort("lake"), query.bucket, query.prefix)),
}));
