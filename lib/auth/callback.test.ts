import { describe, expect, it } from "vitest";
import { safeCallbackPath, sameOriginRedirect } from "./callback";

describe("the callback after sign-in", () => {
  it("keeps a path on the portal, with its query and hash", () => {
    expect(safeCallbackPath("/runs?state=failed#top")).toBe("/runs?state=failed#top");
    expect(safeCallbackPath(["/lake", "/x"])).toBe("/lake");
  });

  it("sends anything a browser could turn into another site to /", () => {
    const attacks = ["//evil.example", "/\\evil.example", "\\\\evil.example", "/\t/evil.example", "/\n/evil.example", "/\u0000x", "https://evil.example", "javascript:alert(1)", "evil.example", "", "/%5Cevil.example/../x\\"];
    for (const a of attacks) expect(safeCallbackPath(a), JSON.stringify(a)).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
  });

  it("lets next-auth redirect only to its own origin", () => {
    const base = "http://localhost:3000";
    expect(sameOriginRedirect("/runs", base)).toBe("http://localhost:3000/runs");
    expect(sameOriginRedirect("http://localhost:3000/lake?b=1", base)).toBe("http://localhost:3000/lake?b=1");
    expect(sameOriginRedirect("https://evil.example/", base)).toBe(base);
    expect(sameOriginRedirect("/\\evil.example", base)).toBe("http://localhost:3000/");
  });
});
