import { describe, expect, it } from "vitest";
import { confSchema } from "./ids";

describe("a conf", () => {
  it("passes through exactly as received: every key, nesting, unicode, empty keys and nulls", () => {
    const raw = '{"a": [1, {"b": "é", "constructor": 2}], "": null, "toString": "x", "n": -0.5}';
    expect(JSON.stringify(confSchema.parse(JSON.parse(raw)))).toBe(JSON.stringify(JSON.parse(raw)));
  });

  it("is refused, never changed, when a key or a number would not survive", () => {
    for (const raw of ['{"__proto__": {"x": 1}, "a": 1}', '{"a": [{"__proto__": 1}]}', '{"big": 12345678901234567890}']) {
      expect(confSchema.safeParse(JSON.parse(raw)).success, raw).toBe(false);
    }
  });
});
