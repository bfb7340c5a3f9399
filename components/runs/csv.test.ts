import { describe, expect, it } from "vitest";
import { runsToCsv } from "./csv";

describe("the run history CSV", () => {
  it("quotes commas, quotes and newlines, and writes conf as JSON", () => {
    const csv = runsToCsv([{ dagId: "d", runId: "r,1", state: "success", triggeredBy: 'a "b"', conf: { note: "x\ny" }, createdAt: "2026-01-01T00:00:00.000Z" }]);
    const [header, row] = csv.split("\r\n");
    expect(header).toBe("dagId,runId,state,triggeredBy,logicalDate,queuedAt,startedAt,endedAt,createdAt,conf");
    expect(row).toBe('d,"r,1",success,"a ""b""",,,,,2026-01-01T00:00:00.000Z,"{""note"":""x\\ny""}"');
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(runsToCsv([{ triggeredBy: "=HYPERLINK(1)" }]).split("\r\n")[1]).toContain("'=HYPERLINK(1)");
  });
});
