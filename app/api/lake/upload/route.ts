import { ApiError } from "@/lib/api/errors";
import { handle } from "@/lib/api/handler";
import { uploadObject } from "@/lib/api/contracts/lake";
import { hasRole } from "@/lib/auth/roles";
import { REPLACE_ROLE, UPLOAD_PREFIX } from "@/lib/lake/entries";
import { requirePort } from "@/lib/platform";

export const POST = handle(uploadObject, async ({ input: { body, query }, file, user }) => {
  if (!body.key.startsWith(UPLOAD_PREFIX)) {
    throw new ApiError("forbidden", `Uploads go under ${UPLOAD_PREFIX} only; ${body.key} is outside it.`);
  }
  if (query.replace && !hasRole(user!.role, REPLACE_ROLE)) {
    throw new ApiError("forbidden", `Replacing an object needs the ${REPLACE_ROLE} role; you are ${user!.role}.`);
  }
  const lake = requirePort("lake");
  const head = await lake.upload(body.bucket, body.key, file!.stream, { replace: query.replace });
  const versioned = head.replaced ? (await lake.buckets()).find((b) => b.name === body.bucket)?.versioned === true : null;
  const message = !head.replaced
    ? `Uploaded ${head.key}.`
    : versioned
      ? `Replaced ${head.key}; the bucket is versioned, so the earlier version is kept.`
      : `Replaced ${head.key}; the bucket keeps no versions, so the earlier content is gone.`;
  return {
    bucket: body.bucket,
    key: head.key,
    size: head.size,
    lastModified: head.lastModified.toISOString(),
    replaced: head.replaced,
    previousVersionKept: versioned,
    message,
  };
});
