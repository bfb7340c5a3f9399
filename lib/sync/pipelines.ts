import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Lake } from "@/lib/platform/lake/port";
import type { Orchestrator, TaskInstanceState } from "@/lib/platform/orchestrator/port";
import type { SyncSource } from "./runner";
import { openBackfills, trackBackfills } from "@/lib/pipelines/backfills";
import { recordRun, recordTaskInstances } from "@/lib/pipelines/record";
import { recordImportErrors } from "@/lib/pipelines/import-errors";
import { importQualityReport } from "@/lib/pipelines/quality";
import { ACTIVE_RUN_STATES, isFinalRun } from "@/lib/pipelines/states";
import { CLAIM_LEASE_MS } from "@/lib/pipelines/actions";

export interface PipelinesSyncOptions {
  orchestrator: Orchestrator;
  prisma: PrismaClient;
  environment: "local" | "aws";
  intervalMs: number;
  /** Where the pipeline files its quality reports; without it, none are imported. */
  lake?: { lake: Lake; bucket: string };
  /** Every this many cycles, list the runs of every DAG (runs started outside the portal and the schedule). */
  fullEvery?: number;
  /** Runs a cycle fetches task instances for, besides the active ones (first sight of history). */
  newRunTaskFetches?: number;
  /** Every this many cycles, read the DAG files that do not import (one CLI call). */
  importErrorsEvery?: number;
}

/**
 * The single reader of Airflow's state. One cycle costs `dags list`, plus `dags list-runs` for
 * each DAG with an active run, a new scheduled run or an open backfill, plus one `tasks states-for-dag-run` per
 * active run — nothing per idle DAG, so an idle estate costs one command a cycle, and one more
 * every `importErrorsEvery` cycles for the DAG files that do not import.
 */
export function pipelinesSync(options: PipelinesSyncOptions): SyncSource {
  const { orchestrator, prisma, environment } = options;
  const fullEvery = options.fullEvery ?? 12;
  const newRunTaskFetches = options.newRunTaskFetches ?? 5;
  const importErrorsEvery = options.importErrorsEvery ?? 3;
  let cycle = 0;

  // One read of a run's tasks is written whole or not at all: a cycle cut half-way (the database
  // restarted) must not leave a run recorded final with part of its tasks, which no later cycle
  // would read again (one with none is read again: see below).
  const writeTasks = (pipelineRunId: string, tasks: TaskInstanceState[]) =>
    prisma.$transaction((tx) => recordTaskInstances(tx, pipelineRunId, tasks), { maxWait: 30_000, timeout: 60_000 });

  async function poll(): Promise<string> {
    const full = cycle % fullEvery === 0;
    const readImportErrors = cycle++ % importErrorsEvery === 0;
    let calls = 1;
    const dags = await orchestrator.dags();
    let brokenFiles = "";
    if (readImportErrors) {
      const errors = await orchestrator.importErrors();
      calls++;
      await recordImportErrors(prisma, errors);
      brokenFiles = `, ${errors.length} broken DAG files`;
    }
    const known = new Map((await prisma.dag.findMany()).map((d) => [d.dagId, d]));
    const now = new Date();
    const toList = new Set<string>();
    for (const dag of dags) {
      const before = known.get(dag.dagId);
      const data = { description: dag.description, schedule: dag.schedule, tags: dag.tags, paused: dag.paused, nextRunAt: dag.nextRunAt, syncedAt: now, fileloc: dag.fileloc, bundleName: dag.bundleName, relativeFileloc: dag.relativeFileloc };
      if (!before || (before.tasks as unknown[]).length === 0) {
        const structure = await orchestrator.structure(dag.dagId);
        calls += structure.edgesKnown ? 1 : 2;
        Object.assign(data, { tasks: structure.tasks, edgesKnown: structure.edgesKnown });
      }
      await prisma.dag.upsert({ where: { dagId: dag.dagId }, create: { dagId: dag.dagId, ...data }, update: data });
      // The scheduler moves the next run on when it creates one.
      if (full || !before || before.nextRunAt?.getTime() !== dag.nextRunAt?.getTime()) toList.add(dag.dagId);
    }
    const liveDagIds = new Set(dags.map((d) => d.dagId));
    const active = await prisma.pipelineRun.findMany({ where: { state: { in: [...ACTIVE_RUN_STATES] }, environment } });
    for (const run of active) if (liveDagIds.has(run.dagId)) toList.add(run.dagId);
    // Airflow makes a backfill's runs a few at a time: its DAG is listed until the backfill is complete.
    for (const group of await openBackfills(prisma, environment)) if (liveDagIds.has(group.dagId)) toList.add(group.dagId);

    let changedRuns = 0;
    let changedTasks = 0;
    const tasksRead = new Set<string>();
    const taskFetches = new Map(active.filter((r) => liveDagIds.has(r.dagId)).map((r) => [`${r.dagId}/${r.runId}`, r]));
    let lostRuns = 0;
    for (const dagId of toList) {
      const runs = await orchestrator.runs(dagId);
      calls++;
      const listed = new Set(runs.map((r) => r.runId));
      for (const row of active.filter((r) => r.dagId === dagId && !listed.has(r.runId))) {
        // Airflow lists every run of a DAG: one it lacks has no tasks to ask for (asking fails the cycle).
        taskFetches.delete(`${dagId}/${row.runId}`);
        if (await endLostRun(prisma, row, now)) lostRuns++;
      }
      const newest = new Set(runs.slice(0, newRunTaskFetches).map((r) => r.runId));
      for (const run of runs) {
        const before = await prisma.pipelineRun.findUnique({ where: { dagId_runId: { dagId, runId: run.runId } }, select: { id: true, state: true } });
        const isNew = !before;
        if (before && isFinalRun(run.state) && !isFinalRun(before.state)) {
          // A run's last tries before its final state: a page that sees the run ended stops
          // refreshing, and must not stop on the tries of before a re-run.
          changedTasks += await writeTasks(before.id, await orchestrator.taskInstances(dagId, run.runId));
          calls++;
          tasksRead.add(before.id);
        }
        if (await recordRun(prisma, run, environment)) changedRuns++;
        // A recent run with no task yet: new, or recorded final by a cycle that died before it read
        // the tasks (a database restart mid-cycle) — nothing else would ever read them again.
        if (newest.has(run.runId) && (isNew || (await prisma.taskInstance.count({ where: { pipelineRunId: before.id } })) === 0)) {
          const row = await prisma.pipelineRun.findUniqueOrThrow({ where: { dagId_runId: { dagId, runId: run.runId } } });
          taskFetches.set(`${dagId}/${run.runId}`, row);
        }
      }
    }

    const backfillsCompleted = await trackBackfills(prisma, environment);

    let qualityChecks = 0;
    for (const watched of taskFetches.values()) {
      if (!tasksRead.has(watched.id)) {
        changedTasks += await writeTasks(watched.id, await orchestrator.taskInstances(watched.dagId, watched.runId));
        calls++;
      }
      const run = await prisma.pipelineRun.findUniqueOrThrow({ where: { id: watched.id } });
      if (options.lake && isFinalRun(run.state)) qualityChecks += await importQualityReport(prisma, options.lake.lake, options.lake.bucket, run);
    }
    return `${dags.length} DAGs, ${toList.size} listed, ${taskFetches.size} runs watched: ${changedRuns} run and ${changedTasks} task changes, ${lostRuns} runs Airflow never had, ${qualityChecks} quality checks, ${backfillsCompleted} backfills completed, ${calls} CLI calls${brokenFiles}`;
  }

  return { name: "airflow", intervalMs: options.intervalMs, poll };
}

/**
 * Ends a run the history holds as active and Airflow does not have, once its trigger cannot still
 * be on its way (older than a claim's lease): its request died before Airflow made the run. A
 * retry of that request takes the run up again.
 */
async function endLostRun(prisma: PrismaClient, row: { id: string; createdAt: Date }, now: Date): Promise<boolean> {
  if (row.createdAt.getTime() > now.getTime() - CLAIM_LEASE_MS) return false;
  const { count } = await prisma.pipelineRun.updateMany({
    where: { id: row.id, state: { in: [...ACTIVE_RUN_STATES] } },
    data: { state: "failed", endedAt: now, stateReason: "Airflow has no run with this id: the request that recorded it ended before Airflow made the run." },
  });
  return count > 0;
}
