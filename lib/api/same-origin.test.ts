import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./same-origin";

const url = "http://localhost:3000/api/dags/x/runs";
const headers = (h: Record<string, string>) => new Headers({ host: "localhost:3000", ...h });

describe("same-origin check for mutations", () => {
  it("accepts the portal's own Origin", () => {
    expect(isSameOrigin(headers({ origin: "http://localhost:3000" }), url)).toBe(true);
  });

  it("refuses another site, another port and another scheme", () => {
    expect(isSameOrigin(headers({ origin: "https://evil.example" }), url)).toBe(false);
    expect(isSameOrigin(headers({ origin: "http://localhost:3001" }), url)).toBe(false);
    expect(isSameOrigin(headers({ origin: "https://localhost:3000" }), url)).toBe(false);
    expect(isSameOrigin(headers({ origin: "null" }), url)).toBe(false);
  });

  it("falls back to Referer, and refuses a request with neither", () => {
    expect(isSameOrigin(headers({ referer: "http://localhost:3000/pipelines" }), url)).toBe(true);
    expect(isSameOrigin(headers({ referer: "http://localhost.evil.example/" }), url)).toBe(false);
    expect(isSameOrigin(headers({ referer: "not a url" }), url)).toBe(false);
    expect(isSameOrigin(headers({}), url)).toBe(false);
  });
});
