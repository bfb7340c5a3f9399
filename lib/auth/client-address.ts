/**
 * The address the sign-in limit counts: the one the outermost trusted proxy saw. Each proxy appends
 * the address it received the request from to X-Forwarded-For, so with `hops` trusted proxies in
 * front of the portal that is the `hops`-th entry from the right; everything left of it is the
 * client's own to write. With no trusted proxy the header proves nothing: every sign-in then counts
 * under one address (the per-email limit still holds).
 */
export function clientAddress(forwardedFor: string | string[] | undefined | null, hops: number): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const entries = header
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (hops <= 0 || entries.length === 0) return "unknown";
  // Fewer entries than trusted hops: the request came around a proxy; the left-most is the nearest there is.
  return entries[Math.max(0, entries.length - hops)]!;
}
