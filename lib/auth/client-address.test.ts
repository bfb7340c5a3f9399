import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address";

describe("the sign-in limit's address", () => {
  it("is the entry the trusted proxy appended, not the one the client wrote first", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("6.6.6.6, 203.0.113.9, 10.0.0.5", 2)).toBe("203.0.113.9");
    expect(clientAddress(["6.6.6.6", "203.0.113.9"], 1)).toBe("203.0.113.9");
  });

  it("cannot be changed by the client rotating what it sends", () => {
    const seen = new Set(["1.1.1.1", "2.2.2.2", "3.3.3.3"].map((forged) => clientAddress(`${forged}, 203.0.113.9`, 1)));
    expect([...seen]).toEqual(["203.0.113.9"]);
  });

  it("trusts no header without a trusted proxy, and copes with none sent", () => {
    expect(clientAddress("6.6.6.6", 0)).toBe("unknown");
    expect(clientAddress(undefined, 1)).toBe("unknown");
    expect(clientAddress(" , ", 1)).toBe("unknown");
  });
});
