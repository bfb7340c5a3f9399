import { describe, expect, it } from "vitest";
import { generatePassword } from "./seed";

describe("generated seed passwords", () => {
  it("are four groups of five unambiguous characters, different each time", () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
    for (const p of passwords) expect(p).toMatch(/^[a-hjkmnp-z2-9]{5}(-[a-hjkmnp-z2-9]{5}){3}$/);
  });
});
