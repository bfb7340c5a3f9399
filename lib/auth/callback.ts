const BASE = "http://portal.invalid";

/**
 * Where to go after sign-in: a path on this portal, else "/". Browsers read "\" as "/" and drop
 * tabs and newlines inside URLs, so "/\evil.example" or "/\t/evil.example" would leave the site;
 * anything with a backslash, a control character or a second leading slash is refused outright,
 * and what remains must still resolve to this origin.
 */
export function safeCallbackPath(value: string | string[] | null | undefined): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith("/") || v.startsWith("//") || v.includes("\\")) return "/";
  if (/[\u0000-\u001f\u007f]/.test(v)) return "/";
  try {
    const url = new URL(v, BASE);
    if (url.origin !== BASE) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}

/** next-auth's redirect callback: absolute URLs only on the portal's own origin, paths through safeCallbackPath. */
export function sameOriginRedirect(url: string, baseUrl: string): string {
  if (url.startsWith("/")) return `${baseUrl}${safeCallbackPath(url)}`;
  try {
    const target = new URL(url);
    if (target.origin === new URL(baseUrl).origin) return `${baseUrl}${safeCallbackPath(`${target.pathname}${target.search}${target.hash}`)}`;
  } catch {
    // falls through to the portal's home
  }
  return baseUrl;
}
