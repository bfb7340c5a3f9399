import { NextResponse, type NextRequest } from "next/server";
import { canonicalLocalUrl } from "@/lib/api/local-origin";

/**
 * A fresh CSP nonce per page request (Next applies it to its own scripts), and HSTS when
 * the portal is reached over TLS. React needs eval only in development.
 */
export function proxy(request: NextRequest) {
  const canonical = canonicalLocalUrl(request.url, request.headers.get("host"), process.env.NEXTAUTH_URL, process.env.PLATFORM_MODE ?? "local");
  if (canonical) return NextResponse.redirect(canonical, 308);
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV === "development";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    // Inline style attributes (progress bars, chart sizes) carry no script; element styles stay nonce-bound.
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  const tls = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  if (tls) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [
    {
      // Not the upload route: proxy would buffer its body (10 MB cap) before the handler streams it to the lake.
      // Prefetches are not skipped: every HTML response, prefetched or not, carries the CSP.
      source: "/((?!_next/static|_next/image|favicon.ico|api/lake/upload).*)",
    },
  ],
};
