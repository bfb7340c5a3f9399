import { commands, type Command } from "./commands";
import { CliOutputError, failureReason, parseBackfillDates, parseDags, parseDot, parseImportErrors, parseRuns, parseTaskList, parseTaskStates, parseTriggered } from "./parse";
import { Conflict } from "../errors";
import type { DagStructure, Orchestrator, RunState } from "./port";
import { CliCommandError, commandFailure, type CliOutput, type CliTransport } from "./transport";

export interface AirflowOptions {
  /** Called once per CLI command sent (the sync logs its calls per cycle; the bench counts them). */
  onCommand?: (argv: Command) => void;
}

// MWAA reports no exit code: a failed command shows as a traceback or an argparse error on stderr.
const FAILED = /Traceback \(most recent call last\)|^airflow( [\w-]+)* command error:|^usage: airflow/m;

function failed(out: CliOutput): boolean {
  return out.exitCode !== null ? out.exitCode !== 0 : FAILED.test(out.stderr);
}

/** The Orchestrator port over any CLI transport: one builder, one parser, whatever runs the command. */
export function airflowOrchestrator(transport: CliTransport, options: AirflowOptions = {}): Orchestrator {
  // Learnt once: an Airflow without graphviz never answers `dags show`.
  let dotUnavailable = false;
  async function run(argv: Command, listsOnFailure = false): Promise<string> {
    options.onCommand?.(argv);
    const out = await transport.run(argv);
    // `dags list-import-errors` exits 1 whenever it lists an error: the list is still its answer.
    const listed = listsOnFailure && /^\[/m.test(out.stdout);
    if (failed(out) && !listed) throw commandFailure(argv.slice(0, 2).join(" "), failureReason(out.stderr, out.stdout));
    return out.stdout;
  }

  return {
    adapter: transport.adapter,
    async probe() {
      const version = (await run(commands.version())).trim().split("\n").at(-1);
      return `Airflow ${version} answers (${transport.adapter === "aws" ? "MWAA CLI" : "local CLI"})`;
    },
    async dags() {
      return parseDags(await run(commands.listDags()));
    },
    async structure(dagId): Promise<DagStructure> {
      if (!dotUnavailable) {
        try {
          return parseDot(await run(commands.showDag(dagId)));
        } catch (error) {
          // `dags show` needs the graphviz package where Airflow runs; without it, the tasks alone.
          if (!(error instanceof CliCommandError || error instanceof CliOutputError)) throw error;
          dotUnavailable = error instanceof CliCommandError && /graphviz/i.test(error.reason);
        }
      }
      return parseTaskList(await run(commands.listTasks(dagId)));
    },
    async trigger(dagId, runId, conf, logicalDate) {
      return parseTriggered(await run(commands.trigger(dagId, runId, conf, logicalDate)));
    },
    async setPaused(dagId, paused) {
      await run(commands.setPaused(dagId, paused));
    },
    async clearFailed(dagId, logicalDate) {
      // The logical date is unique per DAG in Airflow, so at most this one run matches; none is a refusal.
      const out = await run(commands.clearFailed(dagId, logicalDate));
      if (/^Nothing to clear\.?$/m.test(out)) throw new Conflict("Airflow found no failed task to clear in this run.");
    },
    async importErrors() {
      return parseImportErrors(await run(commands.listImportErrors(), true));
    },
    async runs(dagId, state?: RunState) {
      return parseRuns(await run(commands.listRuns(dagId, state)));
    },
    async taskInstances(dagId, runId) {
      return parseTaskStates(await run(commands.taskStates(dagId, runId)));
    },
    async backfillDates(dagId, range) {
      return parseBackfillDates(await run(commands.backfill(dagId, range, { dryRun: true })));
    },
    async backfill(dagId, range, maxActiveRuns) {
      await run(commands.backfill(dagId, range, { maxActiveRuns }));
    },
  };
}
