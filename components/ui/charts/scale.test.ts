import { describe, expect, it } from "vitest";
import { formatValue, niceTicks } from "./scale";

describe("chart scales", () => {
  it("rounds the axis up to a nice step that covers the maximum", () => {
    expect(niceTicks(7.3)).toEqual([0, 2, 4, 6, 8]);
    // 0.042 / 4 = 0.0105 → the next nice step is 0.02
    expect(niceTicks(0.042)).toEqual([0, 0.02, 0.04, 0.06]);
  });
  it("draws an empty series on a unit axis", () => {
    expect(niceTicks(0)).toEqual([0, 1]);
  });
  it("formats money with the euro sign and other units after the figure", () => {
    expect(formatValue(1234.5, "EUR")).toBe("€1,235");
    expect(formatValue(0.01234, "GB")).toBe("0.0123 GB");
  });
});
