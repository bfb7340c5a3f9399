import { describe, expect, it } from "vitest";
import { CliOutputError, failureReason, parseBackfillDates, parseDags, parseDot, parseImportErrors, parseRuns, parseTaskList, parseTaskStates, parseTriggered } from "./parse";

// Output as Airflow 3.0.6 prints it (captured from the local Airflow).
const DAGS = `[{"dag_id": "big_data_pipeline", "is_paused": "False", "description": null, "timetable_summary": "0 0 * * *", "tags": [{"name": "spark", "dag_id": "big_data_pipeline"}, {"name": "emr", "dag_id": "big_data_pipeline"}], "next_dagrun_run_after": "2026-11-26 00:00:00+00:00", "fileloc": "/repo/dags/big_data_pipeline.py", "bundle_name": "dags-folder", "relative_fileloc": "big_data_pipeline.py"}, {"dag_id": "manual", "is_paused": "True", "description": "by hand", "timetable_summary": null, "tags": [], "next_dagrun_run_after": null}]`;
const RUNS = `[{"dag_id": "simple_addition", "run_id": "manual__probe1", "state": "success", "run_after": "2026-11-26T06:21:13.697394+00:00", "logical_date": "", "start_date": "2026-11-26T06:21:14.757892+00:00", "end_date": "2026-11-26T06:21:24.039097+00:00"}]`;
const TRIGGERED = `[{"conf": {"x": "1"}, "dag_id": "simple_addition", "dag_run_id": "manual__probe1", "data_interval_start": null, "data_interval_end": null, "end_date": null, "last_scheduling_decision": null, "logical_date": null, "run_type": "manual", "start_date": null, "state": "queued"}]`;
const TASKS = `[{"dag_id": "simple_addition", "logical_date": "", "task_id": "start", "state": "success", "start_date": "2026-11-26T06:21:14.867470+00:00", "end_date": "2026-11-26T06:21:14.867477+00:00"}, {"dag_id": "simple_addition", "logical_date": "", "task_id": "end", "state": null, "start_date": "", "end_date": ""}]`;

describe("the Airflow output parser", () => {
  it("reads dags list, booleans as Airflow prints them", () => {
    const [pipeline, manual] = parseDags(DAGS);
    expect(pipeline).toEqual({
      dagId: "big_data_pipeline",
      description: null,
      schedule: "0 0 * * *",
      tags: ["emr", "spark"],
      paused: false,
      nextRunAt: new Date("2026-11-26T00:00:00Z"),
      fileloc: "/repo/dags/big_data_pipeline.py",
      bundleName: "dags-folder",
      relativeFileloc: "big_data_pipeline.py",
    });
    expect(manual).toMatchObject({ paused: true, schedule: null, nextRunAt: null, fileloc: null, bundleName: null });
  });

  it("reads runs with empty logical dates as null", () => {
    expect(parseRuns(RUNS)[0]).toMatchObject({ runId: "manual__probe1", state: "success", logicalDate: null, endedAt: new Date("2026-11-26T06:21:24.039Z") });
  });

  it("reads the run dags trigger created", () => {
    expect(parseTriggered(TRIGGERED)).toMatchObject({ dagId: "simple_addition", runId: "manual__probe1", state: "queued", startedAt: null });
  });

  it("reads task states, unscheduled ones as null", () => {
    const [start, end] = parseTaskStates(TASKS);
    expect(start).toMatchObject({ taskId: "start", mapIndex: -1, state: "success" });
    expect(end).toMatchObject({ taskId: "end", state: null, startedAt: null });
  });

  it("skips a warning printed before the JSON", () => {
    expect(parseRuns(`WARNING something\n${RUNS}`)).toHaveLength(1);
  });

  it("refuses a state Airflow does not have", () => {
    expect(() => parseRuns(RUNS.replace('"success"', '"exploded"'))).toThrow(CliOutputError);
  });

  it("refuses output that is not JSON", () => {
    expect(() => parseDags("Traceback (most recent call last):")).toThrow(/no JSON/);
  });

  it("reads an empty list printed as a sentence", () => {
    expect(parseRuns("No data found\n")).toEqual([]);
  });

  it("reads the task graph from dags show", () => {
    const dot = `digraph big {
\tgraph [label=big labelloc=t rankdir=LR]
\tbegin [color="#000000" fillcolor="#e8f7e4" label=begin shape=rectangle style="filled,rounded"]
\t"create.cluster" [label="create.cluster" shape=rectangle]
\tend [label=end shape=rectangle]
\tbegin -> "create.cluster"
\t"create.cluster" -> end
\tbegin -> end
}`;
    expect(parseDot(dot)).toEqual({
      edgesKnown: true,
      tasks: [
        { taskId: "begin", downstream: ["create.cluster", "end"] },
        { taskId: "create.cluster", downstream: ["end"] },
        { taskId: "end", downstream: [] },
      ],
    });
  });

  it("falls back to the task list without edges", () => {
    expect(parseTaskList("addition_task\nend\nstart\n")).toEqual({
      edgesKnown: false,
      tasks: ["addition_task", "end", "start"].map((taskId) => ({ taskId, downstream: [] })),
    });
  });

  it("gives the exception line of a traceback as the reason", () => {
    const stderr = "Traceback (most recent call last):\n  File x\nairflow.exceptions.DagNotFound: Dag id nope not found in DagModel\n";
    expect(failureReason(stderr, "")).toBe("airflow.exceptions.DagNotFound: Dag id nope not found in DagModel");
  });

  it("reads the logical dates of a backfill dry run, not its parameters", () => {
    const out = [
      "Performing dry run of backfill.",
      "Printing params:",
      "    - dag_id = simple_addition",
      "    - from_date = 2025-01-01 00:00:00+00:00",
      "    - reprocess_behavior = none",
      "Logical dates to be attempted:",
      "    - 2025-01-01 00:00:00+00:00",
      "    - 2025-01-02 00:00:00+00:00",
      "",
    ].join("\n");
    expect(parseBackfillDates(out)).toEqual([new Date("2025-01-01T00:00:00Z"), new Date("2025-01-02T00:00:00Z")]);
    expect(parseBackfillDates("Logical dates to be attempted:\n")).toEqual([]);
    expect(() => parseBackfillDates("Performing dry run of backfill.\n")).toThrow(CliOutputError);
    expect(() => parseBackfillDates("Logical dates to be attempted:\n    - not a date\n")).toThrow(/not a date/);
  });
});

describe("dags list-import-errors", () => {
  it("reads each broken file with its bundle and traceback, and an empty list", () => {
    // As Airflow 3.0.6 printed it on the local estate.
    const out = JSON.stringify([{ bundle_name: "extra", filepath: "/tmp/x/e2e_broken.py", error: "Traceback (most recent call last):\n  File \"/tmp/x/e2e_broken.py\", line 2\nModuleNotFoundError: No module named 'nope'\n" }]);
    expect(parseImportErrors(out)).toEqual([{ filepath: "/tmp/x/e2e_broken.py", bundleName: "extra", error: expect.stringContaining("ModuleNotFoundError") }]);
    expect(parseImportErrors("[]")).toEqual([]);
    expect(() => parseImportErrors('[{"filepath": ""}]')).toThrow(CliOutputError);
  });
});
