import { handle } from "@/lib/api/handler";
import { previewObject as previewRoute } from "@/lib/api/contracts/lake";
import { previewObject } from "@/lib/lake/preview";
import { requirePort } from "@/lib/platform";

export const GET = handle(previewRoute, async ({ input: { query } }) =>
  previewObject(requirePort("lake"), query.bucket, query.key, query.rows),
);
