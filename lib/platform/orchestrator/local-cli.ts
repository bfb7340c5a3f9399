import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import type { Command } from "./commands";
import { AirflowNoAnswer, AirflowUnreachable, type CliOutput, type CliTransport } from "./transport";

export interface LocalCliOptions {
  /** The repository: .venv/bin/airflow and scripts/airflow/local.sh live there. */
  repoRoot: string;
  /** The estate's root: its Airflow keeps its state in <platformHome>/airflow (local.sh's AIRFLOW_STATE_DIR). */
  platformHome: string;
  airflowPort: number;
  timeoutMs?: number;
}

const HEALTH_REUSE_MS = 10_000;
const HEALTH_TIMEOUT_MS = 5_000;

/** The environment a CLI call needs, as scripts/airflow/local.sh prints it (its `env` command). */
function airflowEnvironment(options: LocalCliOptions): Record<string, string> {
  const script = path.join(options.repoRoot, "scripts/airflow/local.sh");
  const result = spawnSync("bash", [script, "env"], {
    encoding: "utf8",
    timeout: 10_000,
    env: { ...process.env, AIRFLOW_STATE_DIR: path.join(options.platformHome, "airflow"), AIRFLOW_PORT: String(options.airflowPort) },
  });
  if (result.status !== 0) throw new AirflowUnreachable(`local.sh env failed: ${result.stderr || result.error?.message}`);
  return Object.fromEntries(
    result.stdout
      .split("\n")
      .map((line) => /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1]!, m[2]!]),
  );
}

/**
 * The server's environment (PATH, HOME) plus Airflow's own, with dags/ on the import path as on
 * MWAA, so commands that parse a DAG (tasks list) find its modules. Without FORCE_COLOR (Playwright
 * sets it for the servers it starts): Airflow prints through rich, which then writes ANSI codes into
 * `-o json` output and dates, even beside NO_COLOR (bold is not a colour).
 */
function cliEnvironment(options: LocalCliOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...airflowEnvironment(options), PYTHONPATH: path.join(options.repoRoot, "dags") };
  delete env.FORCE_COLOR;
  delete env.TTY_COMPATIBLE;
  return env;
}

/**
 * The local transport: `.venv/bin/airflow <argv>` spawned directly (never through a shell),
 * in a process group of its own so a timeout ends the command and whatever it started.
 */
export function localCli(options: LocalCliOptions): CliTransport {
  const binary = path.join(options.repoRoot, ".venv/bin/airflow");
  const timeoutMs = options.timeoutMs ?? 120_000;
  let environment: NodeJS.ProcessEnv | undefined;
  let healthyAt = 0;

  // The CLI reads Airflow's metadata database directly and would answer with Airflow stopped;
  // a run only moves while the scheduler runs, so "reachable" means the API server is there. On
  // loopback a stopped one refuses the connection at once; one that holds the request past the
  // timeout is running but busy (a loaded machine), and the CLI call, which has a timeout of its
  // own, goes ahead.
  async function ensureRunning() {
    if (Date.now() - healthyAt < HEALTH_REUSE_MS) return;
    const url = `http://127.0.0.1:${options.airflowPort}/api/v2/monitor/health`;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`answered ${res.status}`);
    } catch (error) {
      if ((error as Error).name !== "TimeoutError") {
        throw new AirflowUnreachable(`the local Airflow on 127.0.0.1:${options.airflowPort} is not running (${(error as Error).message})`, { cause: error });
      }
    }
    healthyAt = Date.now();
  }

  return {
    adapter: "local",
    async run(argv: Command): Promise<CliOutput> {
      await ensureRunning();
      environment ??= cliEnvironment(options);
      const env = environment;
      return new Promise((resolve, reject) => {
        const child = spawn(binary, [...argv], { env, cwd: options.repoRoot, detached: true, stdio: ["ignore", "pipe", "pipe"] });
        const out: Buffer[] = [];
        const err: Buffer[] = [];
        child.stdout.on("data", (b: Buffer) => out.push(b));
        child.stderr.on("data", (b: Buffer) => err.push(b));
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {
            // already gone
          }
        }, timeoutMs);
        child.on("error", (error) => {
          clearTimeout(timer);
          reject(new AirflowUnreachable(`cannot run ${binary}: ${error.message}`, { cause: error }));
        });
        child.on("close", (code, signal) => {
          clearTimeout(timer);
          // Killed after it started: the command may have written to Airflow's database already.
          if (signal) return reject(new AirflowNoAnswer(`airflow ${argv.slice(0, 2).join(" ")} was stopped by ${signal} (timeout ${timeoutMs} ms)`));
          resolve({ stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), exitCode: code });
        });
      });
    },
  };
}
