import { Conflict, DomainError, InvalidInput, Refused, Unconfirmed, Unreachable } from "../errors";
import type { Command } from "./commands";

export interface CliOutput {
  stdout: string;
  stderr: string;
  /** The process's exit code; null where the transport does not report one (MWAA). */
  exitCode: number | null;
}

/** Runs one Airflow CLI command somewhere: a local process, or MWAA's /aws_mwaa/cli. */
export interface CliTransport {
  readonly adapter: "local" | "aws";
  run(argv: Command): Promise<CliOutput>;
}

/** Airflow answered, but the command failed (a DAG that does not exist, a refusal of its own…). */
export class CliCommandError extends Refused {
  override name = "CliCommandError";
  constructor(
    readonly command: string,
    readonly reason: string,
  ) {
    // Airflow's stderr can name hosts, paths and roles: it travels as the cause, to the server log only.
    super(`Airflow refused the ${command} command; the details are in the server log.`, { cause: new Error(reason) });
  }
}

/**
 * A failed command in the domain's words: what the caller can fix (the DAG's Params refused the
 * conf, a backfill Airflow will not plan) is InvalidInput, one backfill at a time per DAG is a
 * Conflict, anything else Airflow's own refusal.
 */
export function commandFailure(command: string, reason: string): DomainError {
  if (/ParamValidationError|Invalid input for param|is not valid under|is a required property/i.test(reason)) {
    return new InvalidInput(`Airflow refused the conf: ${reason}`);
  }
  if (/AlreadyRunningBackfill/.test(reason)) return new Conflict(`Airflow refused: ${reason}`);
  if (/DagNoScheduleException|InvalidBackfillDate|InvalidReprocessBehavior|InvalidBackfillDirection/.test(reason)) {
    return new InvalidInput(`Airflow refused the backfill: ${reason}`);
  }
  return new CliCommandError(command, reason);
}

/** Airflow could not be reached at all (process missing, MWAA down, token refused). */
export class AirflowUnreachable extends Unreachable {
  override name = "AirflowUnreachable";
  constructor(message: string, options?: { cause?: unknown }) {
    super(`Airflow is unreachable: ${message}`, options);
  }
}

/** A command was sent to Airflow but no answer came back: it may have run. */
export class AirflowNoAnswer extends Unconfirmed {
  override name = "AirflowNoAnswer";
  constructor(message: string, options?: { cause?: unknown }) {
    super(`Airflow did not answer in time: ${message}. It may have carried the command out; the portal checks before acting again.`, options);
  }
}
