import { describe, expect, it } from "vitest";
import { commands, toCommandLine } from "./commands";
import { InvalidCommandInput } from "./ids";
import { splitWords } from "./testing/shell-words";

describe("the Airflow command builder", () => {
  it("passes conf as one JSON argument, whatever it contains", () => {
    const conf = { note: "x --conf {} ; rm -rf / 'q' \"d\"\nline" };
    const argv = commands.trigger("simple_addition", "manual__1", conf);
    expect(argv).toEqual(["dags", "trigger", "simple_addition", "-r", "manual__1", "-c", JSON.stringify(conf), "-o", "json"]);
    expect(argv[6]).not.toContain("\n");
  });

  it.each([
    ["an option in place of a DAG id", "--help"],
    ["a second argument", "x --conf {}"],
    ["a shell separator", "x;reboot"],
    ["a quote", "x'"],
    ["a newline", "x\ny"],
    ["an empty id", ""],
    ["a very long id", "a".repeat(251)],
  ])("refuses %s", (_, dagId) => {
    expect(() => commands.trigger(dagId, "manual__1", {})).toThrow(InvalidCommandInput);
    expect(() => commands.setPaused(dagId, true)).toThrow(InvalidCommandInput);
  });

  it("triggers with a logical date kept to the millisecond, and clears only the failed tasks of the run at exactly that date", () => {
    const at = new Date("2026-12-03T00:55:10.255Z");
    expect(commands.trigger("d", "manual__1", {}, at)).toEqual(["dags", "trigger", "d", "-r", "manual__1", "-c", "{}", "-l", "2026-12-03T00:55:10.255Z", "--no-replace-microseconds", "-o", "json"]);
    expect(commands.clearFailed("d", at)).toEqual(["tasks", "clear", "d", "-s", "2026-12-03T00:55:10.255Z", "-e", "2026-12-03T00:55:10.255Z", "--only-failed", "-y"]);
    expect(() => commands.clearFailed("--help", at)).toThrow(InvalidCommandInput);
    expect(() => commands.clearFailed("d", new Date(Number.NaN))).toThrow(/logical date/);
    expect(commands.listImportErrors()).toEqual(["dags", "list-import-errors", "-o", "json"]);
  });

  it("refuses a run id that could be read as an option or carries spaces", () => {
    expect(() => commands.taskStates("d", "-o")).toThrow(/run id/);
    expect(() => commands.taskStates("d", "a b")).toThrow(/run id/);
  });

  it("refuses conf that is not an object or is too large", () => {
    expect(() => commands.trigger("d", "r", [] as unknown as Record<string, unknown>)).toThrow(/conf/);
    expect(() => commands.trigger("d", "r", { big: "x".repeat(17_000) })).toThrow(/larger than/);
  });

  it("builds backfill create with its range, reprocess behaviour and either --dry-run or a run limit", () => {
    const range = { from: new Date("2025-01-01T00:00:00Z"), to: new Date("2025-01-03T00:00:00Z"), reprocess: "failed" as const };
    const base = ["backfill", "create", "--dag-id", "d", "--from-date", "2025-01-01T00:00:00.000Z", "--to-date", "2025-01-03T00:00:00.000Z", "--reprocess-behavior", "failed"];
    expect(commands.backfill("d", range, { dryRun: true })).toEqual([...base, "--dry-run"]);
    expect(commands.backfill("d", range, { maxActiveRuns: 2 })).toEqual([...base, "--max-active-runs", "2"]);
    expect(() => commands.backfill("d", { ...range, reprocess: "all" as "none" }, { dryRun: true })).toThrow(/reprocess/);
    expect(() => commands.backfill("d", { ...range, from: new Date("x") }, { dryRun: true })).toThrow(/from date/);
    expect(() => commands.backfill("d", range, { maxActiveRuns: 0 })).toThrow(/max active runs/);
    expect(() => commands.backfill("--help", range, { dryRun: true })).toThrow(/dag id/);
  });

  it("adds the logical date of a backfilled run", () => {
    const argv = commands.trigger("d", "r", {}, new Date("2025-03-01T00:00:00Z"));
    expect(argv).toContain("-l");
    expect(argv).toContain("2025-03-01T00:00:00.000Z");
  });
});

describe("the MWAA command line", () => {
  it("round-trips every argument through shell-style splitting", () => {
    const conf = { note: `it's "quoted"; $(whoami) \`id\` & more`, n: 1 };
    const argv = commands.trigger("simple_addition", "manual__2026-01-01T00:00:00+00:00", conf);
    expect(splitWords(toCommandLine(argv))).toEqual(argv);
  });

  it("round-trips what shlex reads differently from a naive splitter: backslashes, newlines, empty and quote-only arguments", () => {
    const conf = { path: "C:\\data\\raw", note: "a\\\"b", multi: "line1\nline2", empty: "" };
    const argv = [...commands.trigger("simple_addition", "manual__1", conf), "", "'", '"'];
    expect(splitWords(toCommandLine(argv))).toEqual(argv);
  });

  it("leaves plain words bare", () => {
    expect(toCommandLine(commands.listRuns("simple_addition"))).toBe("dags list-runs simple_addition -o json");
  });
});
