import { describe, expect, it } from "vitest";
import { billedSeconds, clusterCost, instanceCost, toEur } from "./model";

const at = (iso: string) => new Date(iso);
const group = (role: "MASTER" | "CORE", market: "SPOT" | "ON_DEMAND", count: number, instanceType = "m5.xlarge") => ({
  role,
  market,
  count,
  instanceType,
});

describe("billed seconds (EMR per-second billing, one-minute minimum)", () => {
  it("bills a 20-second cluster as a full minute", () => {
    expect(billedSeconds(at("2026-01-01T00:00:00Z"), at("2026-01-01T00:00:20Z"))).toBe(60);
  });
  it("bills past the first minute per started second", () => {
    expect(billedSeconds(at("2026-01-01T00:00:00Z"), at("2026-01-01T00:01:30.200Z"))).toBe(91);
  });
  it("refuses an end before the start", () => {
    expect(() => billedSeconds(at("2026-01-01T00:01:00Z"), at("2026-01-01T00:00:00Z"))).toThrow(/before the start/);
  });
});

describe("instance cost (eu-west-1 m5.xlarge: EC2 0.214 on demand, 0.0749 spot, EMR 0.048 USD/h)", () => {
  it("prices one on-demand hour as EC2 plus the EMR charge", () => {
    const c = instanceCost("eu-west-1", "m5.xlarge", "ON_DEMAND", 1, 3600);
    expect(c.cost).toBeCloseTo(0.262, 10);
    expect(c.onDemandCost).toBeCloseTo(0.262, 10);
    expect(c.instanceHours).toBe(1);
  });
  it("prices two spot instances for 30 minutes at the spot rate, the EMR charge unchanged", () => {
    const c = instanceCost("eu-west-1", "m5.xlarge", "SPOT", 2, 1800);
    // 1 instance-hour × (0.0749 + 0.048)
    expect(c.cost).toBeCloseTo(0.1229, 10);
    expect(c.onDemandCost).toBeCloseTo(0.262, 10);
  });
  it("refuses an instance type the table does not have", () => {
    expect(() => instanceCost("eu-west-1", "x9.huge", "SPOT", 1, 60)).toThrow(/no price for x9.huge in eu-west-1/);
  });
  it("refuses a fractional instance count", () => {
    expect(() => instanceCost("eu-west-1", "m5.xlarge", "SPOT", 1.5, 60)).toThrow(/whole number/);
  });
});

describe("cluster cost", () => {
  const cluster = {
    createdAt: at("2026-01-01T00:00:00Z"),
    endedAt: at("2026-01-01T01:30:00Z"),
    instanceGroups: [group("MASTER", "ON_DEMAND", 1), group("CORE", "SPOT", 2)],
  };

  it("adds the groups and reports what spot saved (the pipeline's shape: 1 on demand + 2 spot, 90 min)", () => {
    const c = clusterCost(cluster, "eu-west-1", at("2026-02-01T00:00:00Z"));
    // primary: 1.5 h × 0.262 = 0.393; core: 3 h × 0.1229 = 0.3687; on demand: 4.5 h × 0.262 = 1.179
    expect(c.cost).toBeCloseTo(0.7617, 10);
    expect(c.onDemandCost).toBeCloseTo(1.179, 10);
    expect(c.spotSavings).toBeCloseTo(0.4173, 10);
    expect(c.instanceHours).toBeCloseTo(4.5, 10);
    expect(c.final).toBe(true);
  });

  it("prices a running cluster up to now and says the figure is not final", () => {
    const running = { ...cluster, endedAt: null };
    const c = clusterCost(running, "eu-west-1", at("2026-01-01T00:00:30Z"));
    // the one-minute minimum: 3 instances × 60 s
    expect(c.instanceHours).toBeCloseTo(3 / 60, 10);
    expect(c.final).toBe(false);
  });

  it("prices a local Spark cluster as the production instance type", () => {
    const local = { ...cluster, instanceGroups: [group("MASTER", "ON_DEMAND", 1, "local.spark-standalone")] };
    const c = clusterCost(local, "us-east-1", at("2026-02-01T00:00:00Z"));
    expect(c.pricedAs).toEqual(["m5.xlarge"]);
    expect(c.cost).toBeCloseTo(1.5 * (0.192 + 0.048), 10);
  });

  it("turns USD into EUR at the table's rate, rounded once to 4 decimals", () => {
    expect(toEur(1)).toBe(0.87);
    expect(toEur(0.012345)).toBe(0.0107);
    expect(toEur(0)).toBe(0);
  });
});
