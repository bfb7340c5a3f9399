import { ApiError } from "@/lib/api/errors";
import { handle } from "@/lib/api/handler";
import { uploadObject } from "@/lib/api/contracts/lake";
import { MAX_UPLOAD_BYTES, UPLOAD_PREFIX } from "@/lib/lake/entries";
import { requirePort } from "@/lib/platform";

export const POST = handle(uploadObject, async ({ input: { body } }) => {
  if (!body.key.startsWith(UPLOAD_PREFIX)) {
    throw new ApiError("forbidden", `Uploads go under ${UPLOAD_PREFIX} only; ${body.key} is outside it.`);
  }
  if (body.file.size > MAX_UPLOAD_BYTES) {
    throw new ApiError("bad_request", `The file is ${body.file.size} bytes; an upload holds at most ${MAX_UPLOAD_BYTES}.`);
  }
  const head = await requirePort("lake").upload(body.bucket, body.key, body.file.stream(), body.file.size);
  return { bucket: body.bucket, key: head.key, size: head.size, lastModified: head.lastModified.toISOString() };
});
