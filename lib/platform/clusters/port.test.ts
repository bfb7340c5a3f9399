import { describe, expect, it } from "vitest";
import examples from "@/dags/tests/cluster_ids.json";
import { assertClusterId, CLUSTER_ID, ClusterNotFoundError } from "./port";

// The same examples as dags/tests/test_cluster_ids.py: the portal and the DAGs share one rule.
describe("the cluster id rule", () => {
  it.each(examples.valid)("takes %j", (id) => {
    expect(CLUSTER_ID.test(id)).toBe(true);
    expect(() => assertClusterId(id)).not.toThrow();
  });

  it.each(examples.invalid)("refuses %j", (id) => {
    expect(CLUSTER_ID.test(id)).toBe(false);
    expect(() => assertClusterId(id)).toThrow(ClusterNotFoundError);
  });
});
