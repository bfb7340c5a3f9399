import { execFile, execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port";

const run = promisify(execFile);
const BIN = "/usr/lib/postgresql/15/bin";
/** initdb and postgres refuse to run as root; the Debian package creates this OS user. */
const OS_USER = "postgres";

export type RunningPostgres = {
  adminUrl: string;
  stop: () => Promise<void>;
  /** Stops the server as a crash would (`immediate`: no checkpoint, sessions cut) and starts it again on the same port. */
  restartImmediate: () => Promise<void>;
};

/** argv for running `command` as the postgres OS user when we are root, as ourselves otherwise. */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ["runuser", ["-u", OS_USER, "--", command, ...args]] : [command, args];
}

/**
 * A throw-away Debian PostgreSQL 15 cluster: data dir and unix socket in a temp dir, TCP only on
 * 127.0.0.1 at a free port, trust auth (nothing else can reach it), fsync off (tests only).
 */
export async function startDebianPostgres(log: (line: string) => void = () => {}): Promise<RunningPostgres> {
  const dir = await mkdtemp(path.join(tmpdir(), "builditall-pg-"));
  const dataDir = path.join(dir, "data");
  const password = path.join(dir, "pwfile");
  if (process.getuid?.() === 0) {
    await chmod(dir, 0o777);
    await run("chown", [OS_USER, dir]);
  }
  await writeFile(password, "postgres\n", { mode: 0o644 });
  const [initCmd, initArgs] = asPostgresUser(`${BIN}/initdb`, [
    "-D", dataDir, "-U", "postgres", "--pwfile", password, "--auth", "trust", "-E", "UTF8", "--locale", "C.UTF-8",
  ]);
  log("initdb");
  await run(initCmd, initArgs);

  const port = await freePort();
  // pg_ctl starts the server detached and waits until it accepts connections.
  const options = [
    "-c listen_addresses=127.0.0.1",
    `-c port=${port}`,
    `-c unix_socket_directories=${dir}`,
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50",
  ].join(" ");
  const [startCmd, startArgs] = asPostgresUser(`${BIN}/pg_ctl`, [
    "-D", dataDir, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "-o", options, "start",
  ]);
  try {
    await run(startCmd, startArgs);
  } catch (error) {
    const serverLog = await readFile(path.join(dir, "server.log"), "utf8").catch(() => "");
    await rm(dir, { recursive: true, force: true });
    throw new Error(`Debian PostgreSQL did not start on 127.0.0.1:${port}: ${(error as Error).message}\n${serverLog}`);
  }
  log(`PostgreSQL 15 listening on 127.0.0.1:${port}`);

  const restartArgv = asPostgresUser(`${BIN}/pg_ctl`, ["-D", dataDir, "-l", path.join(dir, "server.log"), "-m", "immediate", "-w", "-t", "60", "-o", options, "restart"]);
  const stopArgv = asPostgresUser(`${BIN}/pg_ctl`, ["-D", dataDir, "-m", "fast", "-w", "-t", "30", "stop"]);
  let stopped = false;
  // pg_ctl detaches the server: if the test runner dies without its teardown, stop it on exit.
  const onExit = () => {
    if (stopped) return;
    try {
      execFileSync(stopArgv[0], stopArgv[1], { stdio: "ignore" });
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Nothing more can be done while the process exits.
    }
  };
  process.once("exit", onExit);

  return {
    adminUrl: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async restartImmediate() {
      await run(...restartArgv);
    },
    async stop() {
      // "fast" ends open sessions (a test that forgot to disconnect) instead of waiting for them.
      try {
        await run(...stopArgv);
      } finally {
        stopped = true;
        process.off("exit", onExit);
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
