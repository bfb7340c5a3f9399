import { handle } from "@/lib/api/handler";
import { downloadObject } from "@/lib/api/contracts/lake";
import { attachmentName } from "@/lib/lake/entries";
import { requirePort } from "@/lib/platform";

export const GET = handle(downloadObject, async ({ input: { query } }) => {
  const download = await requirePort("lake").download(query.bucket, query.key);
  if (download.kind === "url") {
    return new Response(null, { status: 302, headers: { location: download.url, "cache-control": "no-store" } });
  }
  return new Response(download.body, {
    headers: {
      "content-type": download.contentType ?? "application/octet-stream",
      "content-length": String(download.size),
      "content-disposition": attachmentName(query.key),
      "cache-control": "no-store",
    },
  });
});
