import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, inject, it } from "vitest";
import { contractSuite, type AdapterUnderTest } from "../contract";
import type { Orchestrator } from "./port";
import { extraDagsFolder } from "./testing/local-airflow";
import { CliCommandError } from "./transport";

/** Waits until `check` holds for what `read` returns, reading every few seconds. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeoutMs = 150_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 3_000));
  }
}

/** Waits for a run to reach a final state, asking Airflow every few seconds (each ask is one CLI call). */
export async function waitForFinalRun(orchestrator: Orchestrator, dagId: string, runId: string, timeoutMs = 150_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = (await orchestrator.runs(dagId)).find((r) => r.runId === runId);
    if (run && (run.state === "success" || run.state === "failed")) return run;
    if (Date.now() > deadline) throw new Error(`${dagId} ${runId} still ${run?.state ?? "unknown"} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

// Each CLI call starts a Python process: seconds each, more on a busy machine.
const SLOW = 240_000;

/**
 * Against a real Airflow whose DAG folder is dags/ (simple_addition and big_data_pipeline), with
 * e2e/dags/ (operate_probe) copied to its extra DAG folder, where these tests write and break files.
 * Suites sharing one Airflow backfill different months of 2025 (`backfillMonth`, 1-12).
 */
export function orchestratorContract(adapterName: string, backfillMonth: number, factory: () => Promise<AdapterUnderTest<Orchestrator>>): void {
  contractSuite("Orchestrator", adapterName, factory, (under) => {
    const runId = `manual__contract_${adapterName.replace(/[^A-Za-z0-9]+/g, "_")}_${Date.now()}`;

    it("probes Airflow and names its version", async () => {
      expect(await under().probe()).toMatch(/^Airflow 3\.0\.6 answers/);
    }, SLOW);

    it("lists the DAGs of dags/ with schedule, tags and paused state", async () => {
      const dags = await under().dags();
      const simple = dags.find((d) => d.dagId === "simple_addition");
      expect(simple).toMatchObject({ schedule: "0 0 * * *", tags: ["builditall", "smoke"], paused: false });
      expect(dags.map((d) => d.dagId)).toContain("big_data_pipeline");
      expect(simple).toMatchObject({ bundleName: "dags-folder", relativeFileloc: "simple_addition.py", fileloc: expect.stringMatching(/\/dags\/simple_addition\.py$/) });
    }, SLOW);

    it("describes a DAG's tasks and how they depend on each other", async () => {
      const structure = await under().structure("simple_addition");
      expect(structure.tasks.map((t) => t.taskId).sort()).toEqual(["addition_task", "end", "start"]);
      expect(structure.edgesKnown).toBe(true); // graphviz is in the lock, as on MWAA (infra's requirements.txt)
      expect(structure.tasks.find((t) => t.taskId === "start")?.downstream).toEqual(["addition_task"]);
      expect(structure.tasks.find((t) => t.taskId === "addition_task")?.downstream).toEqual(["end"]);
    }, SLOW);

    it("triggers a run with the given id and conf, which then runs to success", async () => {
      const run = await under().trigger("simple_addition", runId, { note: "it's \"quoted\"; --conf {}" });
      expect(run).toMatchObject({ dagId: "simple_addition", runId, state: "queued" });
      const done = await waitForFinalRun(under(), "simple_addition", runId);
      expect(done.state).toBe("success");
      expect(done.startedAt!.getTime()).toBeLessThanOrEqual(done.endedAt!.getTime());
      const tasks = await under().taskInstances("simple_addition", runId);
      expect(Object.fromEntries(tasks.map((t) => [t.taskId, t.state]))).toEqual({ start: "success", addition_task: "success", end: "success" });
    }, SLOW);

    it("refuses a run id that already exists, saying why", async () => {
      await expect(under().trigger("simple_addition", runId, {})).rejects.toThrow(CliCommandError);
    }, SLOW);

    it("answers a DAG that does not exist with a command error", async () => {
      await expect(under().taskInstances("no_such_dag", "manual__x")).rejects.toThrow(CliCommandError);
    }, SLOW);

    it("previews a backfill's logical dates, makes one run per date, and refuses a second backfill meanwhile", async () => {
      const day = (d: number) => new Date(Date.UTC(2025, backfillMonth - 1, d));
      const range = { from: day(1), to: day(3), reprocess: "none" as const };
      expect(await under().backfillDates("simple_addition", range)).toEqual([day(1), day(2), day(3)]);
      await under().backfill("simple_addition", range, 1);
      const runs = (await under().runs("simple_addition")).filter((r) => r.runId.startsWith("backfill__"));
      expect(runs.filter((r) => r.logicalDate && r.logicalDate >= day(1) && r.logicalDate <= day(3)).map((r) => r.logicalDate).sort((a, b) => a!.getTime() - b!.getTime())).toEqual([day(1), day(2), day(3)]);
      await expect(under().backfill("simple_addition", { ...range, reprocess: "completed" }, 1)).rejects.toThrow(/Another backfill is running/);
    }, SLOW);

    it("re-runs the failed tasks of exactly one run, found by its logical date to the microsecond", async () => {
      const extra = extraDagsFolder(inject("airflowPlatformHome"));
      const blocker = `contract-${adapterName.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase()}`.slice(0, 40);
      mkdirSync(path.join(extra, "blockers"), { recursive: true });
      writeFileSync(path.join(extra, "blockers", blocker), "");
      // Two runs 1 ms apart: `tasks clear -s X -e X` must take only the first.
      const first = new Date(Date.now() - 5_000);
      const second = new Date(first.getTime() + 1);
      const [a, b] = [`${runId}_a`, `${runId}_b`];
      expect((await under().trigger("operate_probe", a, { blocker }, first)).logicalDate).toEqual(first);
      expect((await under().trigger("operate_probe", b, { blocker }, second)).logicalDate).toEqual(second);
      expect((await waitForFinalRun(under(), "operate_probe", a)).state).toBe("failed");
      expect((await waitForFinalRun(under(), "operate_probe", b)).state).toBe("failed");
      const states = async (run: string) => Object.fromEntries((await under().taskInstances("operate_probe", run)).map((t) => [t.taskId, t.state]));
      expect(await states(a)).toEqual({ check: "failed", publish: "upstream_failed" });

      rmSync(path.join(extra, "blockers", blocker)); // the cause is fixed
      await under().clearFailed("operate_probe", first);
      expect((await waitForFinalRun(under(), "operate_probe", a)).state).toBe("success");
      expect(await states(a)).toEqual({ check: "success", publish: "success" });
      expect((await under().runs("operate_probe")).find((r) => r.runId === b)?.state).toBe("failed");
      expect(await states(b)).toEqual({ check: "failed", publish: "upstream_failed" });
      // Nothing failed is left in the first run, and no run has the date between them.
      await expect(under().clearFailed("operate_probe", first)).rejects.toThrow(/no failed task/);
      await expect(under().clearFailed("operate_probe", new Date(first.getTime() + 0.5))).rejects.toThrow(/no failed task/);
    }, 2 * SLOW);

    it("lists a DAG file that does not import, until it imports again", async () => {
      const file = path.join(extraDagsFolder(inject("airflowPlatformHome")), `broken_${adapterName.replace(/[^A-Za-z0-9]+/g, "_")}.py`);
      // The dag-processor only parses files that mention both "airflow" and "dag".
      writeFileSync(file, "from airflow.sdk import DAG\nimport no_such_module_for_the_contract  # broken on purpose\n");
      const listed = await eventually(() => under().importErrors(), (errors) => errors.some((e) => e.filepath === file), "the broken file listed");
      expect(listed.find((e) => e.filepath === file)).toMatchObject({ bundleName: "extra", error: expect.stringMatching(/ModuleNotFoundError: No module named 'no_such_module_for_the_contract'/) });
      // Fixed: a valid DAG again (a file emptied of its DAG kept its import error in a run of this suite).
      const dagId = path.basename(file, ".py");
      writeFileSync(file, `from datetime import datetime\nfrom airflow.sdk import DAG\nwith DAG("${dagId}", schedule=None, start_date=datetime(2025, 1, 1)):\n    pass\n`);
      await eventually(() => under().importErrors(), (errors) => !errors.some((e) => e.filepath === file), "the fixed file gone from the list");
      rmSync(file);
    }, 2 * SLOW);

    it("pauses and unpauses a DAG", async () => {
      await under().setPaused("simple_addition", true);
      expect((await under().dags()).find((d) => d.dagId === "simple_addition")?.paused).toBe(true);
      await under().setPaused("simple_addition", false);
      expect((await under().dags()).find((d) => d.dagId === "simple_addition")?.paused).toBe(false);
    }, SLOW);
  });
}
