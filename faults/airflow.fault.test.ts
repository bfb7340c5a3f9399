import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, inject, it } from "vitest";
import { testDatabase } from "@/lib/db/testing/per-file";
import { localAirflow } from "@/lib/platform/orchestrator/testing/local-airflow";
import { dagListJson } from "@/lib/pipelines/run-history";
import { processLock } from "@/lib/sync/lock";
import { pollOnce } from "@/lib/sync/runner";
import { orchestrator, syncOf, uniqueRunId, waitFor } from "./estate";

// The suite's own Airflow is killed here and started again before the case ends, so the other
// files find it as they left it.
const bed = testDatabase();
const home = () => inject("airflowPlatformHome");
const pidOf = (component: string) => Number(readFileSync(path.join(home(), "airflow", "run", `${component}.pid`), "utf8").trim());
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const IN_FLIGHT = "import sqlite3, sys; db = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True, timeout=5); print(db.execute(\"SELECT count(*) FROM task_instance WHERE run_id = ? AND state IN ('queued', 'running')\", (sys.argv[2],)).fetchone()[0])";
const tasksInFlight = (runId: string) =>
  Number(execFileSync(path.resolve(".venv/bin/python"), ["-c", IN_FLIGHT, path.join(home(), "airflow", "airflow.db"), runId], { encoding: "utf8" }).trim());

it("the Airflow scheduler and API server SIGKILLed in the middle of a run, then started again: the run ends once, with its tasks, and the sync carries on", async () => {
  const log: string[] = [];
  const poll = (timeoutMs?: number) => pollOnce(syncOf(bed.db.prisma, timeoutMs), processLock(), bed.db.prisma, (l) => log.push(l));
  const runId = uniqueRunId("airflowkill");
  await orchestrator().trigger("simple_addition", runId, { n: 7 });
  // Airflow's own database, read directly (a CLI call takes seconds; the tasks take one or two).
  await waitFor("a task of the run queued or running in Airflow", async () => tasksInFlight(runId) > 0, 120_000, 50);

  // SIGKILL of the two process groups: the executor's workers and task processes go with the scheduler.
  const killed = ["scheduler", "api-server"].map(pidOf);
  for (const pid of killed) process.kill(-pid, "SIGKILL");
  await waitFor("the killed components to be gone", async () => killed.every((pid) => !alive(pid)), 10_000, 100);

  // What the person sees meanwhile: the Pipelines page's banner; the run stays as last seen.
  await poll();
  expect(log.at(-1)).toMatch(/poll failed .*not running/);
  expect((await dagListJson(bed.db.prisma, { withTraceback: false })).sync.unreachableSince).not.toBeNull();

  // Started again as an estate does: local.sh finds it partly running and stops what is left first.
  localAirflow(home(), inject("airflowPort")).start();
  const row = await waitFor(
    "the run to end in the history after the restart",
    async () => {
      await poll();
      const found = await bed.db.prisma.pipelineRun.findUnique({ where: { dagId_runId: { dagId: "simple_addition", runId } }, include: { tasks: true } });
      return found && (found.state === "success" || found.state === "failed") && found;
    },
    240_000,
    1_000,
  );
  // The orphaned task was reset and run again by the new scheduler: the run succeeds.
  expect(row.state).toBe("success");
  const airflowTasks = await orchestrator().taskInstances("simple_addition", runId);
  expect(row.tasks.filter((t) => t.state === "success").map((t) => t.taskId).sort()).toEqual([...new Set(airflowTasks.map((t) => t.taskId))].sort());
  expect(await bed.db.prisma.pipelineRun.count({ where: { runId } })).toBe(1);
  expect((await orchestrator().runs("simple_addition")).filter((r) => r.runId === runId)).toHaveLength(1);
  expect((await dagListJson(bed.db.prisma, { withTraceback: false })).sync.unreachableSince).toBeNull();
}, 420_000);
