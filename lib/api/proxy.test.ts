import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("proxy.ts", () => {
  it("sets the CSP on a prefetch request as on any page request", () => {
    const variants: Record<string, string>[] = [{}, { "next-router-prefetch": "1" }, { purpose: "prefetch" }];
    for (const headers of variants) {
      const res = proxy(new NextRequest("http://localhost:3000/runs", { headers: { host: "localhost:3000", ...headers } }));
      expect(res.headers.get("content-security-policy"), JSON.stringify(headers)).toMatch(/script-src 'self' 'nonce-/);
    }
  });

  it("runs for prefetches: its matcher skips no request by its headers", () => {
    for (const m of config.matcher) expect(m).not.toHaveProperty("missing");
  });

  it("sends the other loopback origin to NEXTAUTH_URL's with a 308, locally", () => {
    Object.assign(process.env, { NEXTAUTH_URL: "http://localhost:3000", PLATFORM_MODE: "local" });
    const res = proxy(new NextRequest("http://127.0.0.1:3000/lake?bucket=b", { headers: { host: "127.0.0.1:3000" } }));
    expect(res.status).toBe(308);
    expect(res.headers.get("location")).toBe("http://localhost:3000/lake?bucket=b");
  });
});
