import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { ROUTES } from "./routes";

describe("the OpenAPI document", () => {
  const doc = openApiDocument();

  it("has every route of the API, from the same schemas", () => {
    expect(doc.openapi).toBe("3.1.0");
    for (const spec of ROUTES) {
      expect(doc.paths?.[spec.path]?.[spec.method], `${spec.method} ${spec.path}`).toBeDefined();
    }
  });

  it("documents the guards' errors with the one error shape", () => {
    const audit = doc.paths?.["/api/audit"]?.get;
    expect(Object.keys(audit?.responses ?? {}).sort()).toEqual(["200", "400", "401", "403", "500"]);
    expect(JSON.stringify(audit?.responses?.["403"])).toContain("#/components/schemas/Error");
    expect(audit?.parameters?.map((p) => ("name" in p ? p.name : ""))).toEqual(
      expect.arrayContaining(["actor", "action", "from", "to", "cursor", "limit"]),
    );
  });

  it("marks only public routes as needing no session", () => {
    expect(doc.paths?.["/api/health"]?.get?.security).toEqual([]);
    expect(doc.paths?.["/api/status"]?.get?.security).toEqual([{ session: [] }]);
  });
});
