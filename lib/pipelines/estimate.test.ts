import { describe, expect, it } from "vitest";
import { confUnits, estimateRun, relativeError, timesRuns } from "./estimate";

describe("estimateRun", () => {
  it("is null with no history", () => {
    expect(estimateRun([], 1)).toBeNull();
  });

  it("scales one run's rates to the asked-for units", () => {
    // 0.5 units in 300 s for 0.20 EUR: 600 s and 0.40 EUR per unit; 2 units → 1200 s, 0.80 EUR.
    expect(estimateRun([{ units: 0.5, durationS: 300, costEur: 0.2 }], 2)).toEqual({
      costEur: { low: 0.8, expected: 0.8, high: 0.8 },
      durationS: { low: 1200, expected: 1200, high: 1200 },
      basedOnRuns: 1,
    });
  });

  it("gives the lowest, median and highest per-unit rate", () => {
    // Per unit: durations 100, 150, 400 s; costs 0.01, 0.03, 0.02 EUR. At 3 units:
    // duration 300 / 450 / 1200 s; cost 0.03 / 0.06 / 0.09 EUR.
    const history = [
      { units: 1, durationS: 100, costEur: 0.01 },
      { units: 2, durationS: 300, costEur: 0.06 },
      { units: 0.5, durationS: 200, costEur: 0.01 },
    ];
    expect(estimateRun(history, 3)).toEqual({
      costEur: { low: 0.03, expected: 0.06, high: 0.09 },
      durationS: { low: 300, expected: 450, high: 1200 },
      basedOnRuns: 3,
    });
  });

  it("takes the mean of the middle two rates for an even count", () => {
    // Per unit: 10, 20, 30, 40 s → median 25 s.
    const history = [10, 40, 20, 30].map((d) => ({ units: 1, durationS: d, costEur: 0 }));
    expect(estimateRun(history, 1)!.durationS).toEqual({ low: 10, expected: 25, high: 40 });
  });

  it("rounds cost to 1/100 of a cent and duration to whole seconds", () => {
    // 1/3 EUR and 100/3 s per unit.
    expect(estimateRun([{ units: 3, durationS: 100, costEur: 1 }], 1)).toMatchObject({
      costEur: { expected: 0.3333 },
      durationS: { expected: 33 },
    });
  });

  it("ignores runs without units", () => {
    expect(estimateRun([{ units: 0, durationS: 10, costEur: 1 }], 1)).toBeNull();
  });
});

describe("confUnits", () => {
  it("is the conf's scale, the estate's default without one, 1 for a DAG without the Param", () => {
    expect(confUnits({ scale: 0.5 }, true, 0.01)).toBe(0.5);
    expect(confUnits({ scale: null }, true, 0.01)).toBe(0.01);
    expect(confUnits({}, true, 1)).toBe(1);
    expect(confUnits({ scale: 5 }, false, 0.01)).toBe(1);
  });
});

describe("timesRuns", () => {
  it("multiplies every figure by the number of runs", () => {
    const one = estimateRun([{ units: 1, durationS: 60, costEur: 0.125 }], 1);
    expect(timesRuns(one, 4)).toEqual({
      costEur: { low: 0.5, expected: 0.5, high: 0.5 },
      durationS: { low: 240, expected: 240, high: 240 },
      basedOnRuns: 1,
    });
    expect(timesRuns(null, 4)).toBeNull();
  });
});

describe("relativeError", () => {
  it("is the distance from the actual as a share of it", () => {
    expect(relativeError(120, 100)).toBeCloseTo(0.2);
    expect(relativeError(80, 100)).toBeCloseTo(0.2);
    expect(relativeError(1, 0)).toBeNull();
  });
});
