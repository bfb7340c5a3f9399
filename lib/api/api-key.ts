import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { ApiError } from "./errors";

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/**
 * A machine client's key: `Authorization: Bearer <LINEAGE_API_KEY>` (OpenLineage's HTTP transport
 * sends it so with `auth.type: api_key`). Compared in constant time, as digests of equal length.
 */
export function checkApiKey(headers: Headers): void {
  const configured = env.LINEAGE_API_KEY;
  if (!configured) throw new ApiError("unavailable", "This route is off: the portal has no LINEAGE_API_KEY configured.");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  if (!match) throw new ApiError("unauthorized", "Send the API key as 'Authorization: Bearer <key>' (a browser session is not accepted here).");
  if (!timingSafeEqual(digest(match[1]!), digest(configured))) throw new ApiError("unauthorized", "The API key is not valid.");
}
