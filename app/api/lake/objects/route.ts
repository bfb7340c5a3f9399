import { handle } from "@/lib/api/handler";
import { deleteObject, listObjects } from "@/lib/api/contracts/lake";
import { toApiEntry } from "@/lib/lake/entries";
import { requirePort } from "@/lib/platform";

export const GET = handle(listObjects, async ({ input: { query } }) => {
  const page = await requirePort("lake").list(query.bucket, query.prefix, query.cursor ?? null, query.limit);
  return { items: page.items.map(toApiEntry), nextCursor: page.nextCursor };
});

export const DELETE = handle(deleteObject, async ({ input: { body } }) => {
  const { deleteMarker } = await requirePort("lake").delete(body.bucket, body.key);
  return { bucket: body.bucket, key: body.key, deleteMarker };
});
