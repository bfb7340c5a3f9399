import { describe, expect, it } from "vitest";
import { hasRole, sectionsFor } from "./roles";

describe("roles", () => {
  it("orders the roles: each one can do what the ones before it can", () => {
    expect(hasRole("admin", "lead")).toBe(true);
    expect(hasRole("lead", "engineer")).toBe(true);
    expect(hasRole("engineer", "lead")).toBe(false);
    expect(hasRole("viewer", "engineer")).toBe(false);
  });

  it("keeps costs from viewers and engineers, and audit for admins", () => {
    const labels = (r: Parameters<typeof sectionsFor>[0]) => sectionsFor(r).map((s) => s.label);
    expect(labels("viewer")).toEqual(["Lake", "Datasets", "Pipelines", "Clusters", "Runs", "Status"]);
    expect(labels("engineer")).toEqual(["Lake", "Datasets", "Pipelines", "Clusters", "Runs", "Status"]);
    expect(labels("lead")).toEqual(["Lake", "Datasets", "Pipelines", "Clusters", "Costs", "Runs", "Status"]);
    expect(labels("admin")).toEqual(["Lake", "Datasets", "Pipelines", "Clusters", "Costs", "Runs", "People", "Audit", "Status"]);
  });
});
