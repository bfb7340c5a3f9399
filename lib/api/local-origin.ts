const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The local estate answers on one origin, NEXTAUTH_URL's: a request to another loopback name for the
 * same port (127.0.0.1 vs localhost) gets the URL to send it to with a 308, so mutations from the
 * page are never refused as cross-site. Only in local mode and only between loopback names.
 */
export function canonicalLocalUrl(requestUrl: string, host: string | null, canonical: string | undefined, mode: string | undefined): string | null {
  if (mode !== "local" || !canonical || !host) return null;
  let target: URL;
  let addressed: URL;
  try {
    target = new URL(canonical);
    addressed = new URL(`http://${host}`);
  } catch {
    return null;
  }
  if (addressed.host === target.host) return null;
  if (!LOOPBACK.has(addressed.hostname) || !LOOPBACK.has(target.hostname) || addressed.port !== target.port) return null;
  const url = new URL(requestUrl);
  return `${target.origin}${url.pathname}${url.search}`;
}
