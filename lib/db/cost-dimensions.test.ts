import { describe, expect, it } from "vitest";
import { dimensionsKey } from "./cost-dimensions";

describe("dimensionsKey", () => {
  it("is the same for the same dimensions in any order", () => {
    expect(dimensionsKey({ ServiceName: "ElasticMapReduce", Currency: "USD" })).toBe(
      dimensionsKey({ Currency: "USD", ServiceName: "ElasticMapReduce" }),
    );
  });

  it("tells apart values that contain separators", () => {
    expect(dimensionsKey({ a: "1,b=2" })).not.toBe(dimensionsKey({ a: "1", b: "2" }));
  });

  it("is the empty list for no dimensions, and refuses non-string values", () => {
    expect(dimensionsKey({})).toBe("[]");
    expect(() => dimensionsKey({ n: 1 as unknown as string })).toThrow(/dimension n must be a string/);
  });
});
