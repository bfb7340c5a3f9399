import { describe, expect, it } from "vitest";
import { canonicalLocalUrl } from "./local-origin";

describe("one local origin", () => {
  const canonical = "http://localhost:3000";
  it("sends 127.0.0.1 to localhost on the same port, path and query kept", () => {
    expect(canonicalLocalUrl("http://127.0.0.1:3000/runs?x=1", "127.0.0.1:3000", canonical, "local")).toBe("http://localhost:3000/runs?x=1");
  });
  it("leaves the canonical origin alone", () => {
    expect(canonicalLocalUrl("http://localhost:3000/", "localhost:3000", canonical, "local")).toBeNull();
  });
  it("never redirects outside local mode, to another port, or from a non-loopback host", () => {
    expect(canonicalLocalUrl("http://127.0.0.1:3000/", "127.0.0.1:3000", canonical, "aws")).toBeNull();
    expect(canonicalLocalUrl("http://127.0.0.1:3001/", "127.0.0.1:3001", canonical, "local")).toBeNull();
    expect(canonicalLocalUrl("http://evil.example:3000/", "evil.example:3000", canonical, "local")).toBeNull();
  });
});
