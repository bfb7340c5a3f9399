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

/** Airflow answered, but the command failed (a DAG that does not exist, a refused conf…). */
export class CliCommandError extends Error {
  constructor(
    readonly command: string,
    readonly reason: string,
  ) {
    super(`airflow ${command}: ${reason}`);
    this.name = "CliCommandError";
  }
}

/** Airflow could not be reached at all (process missing, MWAA down, token refused). */
export class AirflowUnreachable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "AirflowUnreachable";
  }
}
