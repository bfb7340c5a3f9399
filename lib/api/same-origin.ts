import { env } from "@/lib/env";

/**
 * OWASP's origin check for JSON APIs: a mutation must come from the portal's own origin,
 * read from Origin or, when a browser omits it, from Referer.
 */
export function isSameOrigin(headers: Headers, requestUrl: string): boolean {
  const expected = portalOrigin(headers, requestUrl);
  const origin = headers.get("origin");
  if (origin) return origin === expected;
  const referer = headers.get("referer");
  if (!referer) return false;
  try {
    return new URL(referer).origin === expected;
  } catch {
    return false;
  }
}

function portalOrigin(headers: Headers, requestUrl: string): string {
  if (env.NEXTAUTH_URL) return new URL(env.NEXTAUTH_URL).origin;
  // Local estate without NEXTAUTH_URL: the origin the browser addressed.
  const url = new URL(requestUrl);
  const host = headers.get("host") ?? url.host;
  return `${url.protocol}//${host}`;
}
