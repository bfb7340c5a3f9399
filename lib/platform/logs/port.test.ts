import { describe, expect, it } from "vitest";
import { lineChunk, readableLine } from "./port";

describe("readableLine", () => {
  it("writes Airflow's JSON line as time, level, logger and event, an exception as a traceback", () => {
    const line = JSON.stringify({
      timestamp: "2026-01-01T00:00:00Z",
      level: "error",
      logger: "task",
      event: "Task failed",
      error_detail: [{ exc_type: "ValueError", exc_value: "bad", frames: [{ filename: "/dags/x.py", lineno: 3, name: "run" }] }],
    });
    expect(readableLine(line)).toBe('2026-01-01T00:00:00Z ERROR task: Task failed\nTraceback (most recent call last):\n  File "/dags/x.py", line 3, in run\nValueError: bad');
  });

  it("keeps any other line as it is", () => {
    expect(readableLine("plain")).toBe("plain");
    expect(readableLine("{not json")).toBe("{not json");
    expect(readableLine('{"no":"event"}')).toBe('{"no":"event"}');
  });
});

describe("lineChunk", () => {
  it("ends a read at its last whole line and starts a tail at its first", () => {
    // The window "c\ndd\nee" of "aa\nbbc\ndd\nee" (13 bytes) from byte 5, read as a tail.
    expect(lineChunk(Buffer.from("c\ndd\nee"), 5, 13, true, 8)).toEqual({ text: "dd\n", cursor: "o10", more: false, truncated: true });
    // From a cursor: the partial last line waits for the next read; more is there when the read was full.
    expect(lineChunk(Buffer.from("aa\nbb"), 0, 10, false, 5)).toEqual({ text: "aa\n", cursor: "o3", more: true, truncated: false });
  });
});
