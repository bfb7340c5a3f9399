import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("CSV export", () => {
  it("writes a header and rows, numbers as they are", () => {
    expect(toCsv(["day", "eur"], [["2026-01-01", 1.5]])).toBe("day,eur\r\n2026-01-01,1.5\r\n");
  });
  it("quotes commas, quotes and line breaks", () => {
    expect(toCsv(["a"], [['x,"y"\nz']])).toBe('a\r\n"x,""y""\nz"\r\n');
  });
  it("defuses cells a spreadsheet would evaluate", () => {
    expect(toCsv(["a"], [["=HYPERLINK(1)"], ["-2+3"]])).toBe("a\r\n'=HYPERLINK(1)\r\n'-2+3\r\n");
  });
  it("leaves a missing value empty", () => {
    expect(toCsv(["a", "b"], [[null, 0]])).toBe("a,b\r\n,0\r\n");
  });
});
