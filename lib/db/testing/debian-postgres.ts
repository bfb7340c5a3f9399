import { execFile, spawn } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const BIN = "/usr/lib/postgresql/15/bin";
/** initdb and postgres refuse to run as root; the Debian package creates this OS user. */
const OS_USER = "postgres";

export type RunningPostgres = { adminUrl: string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

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
  const [cmd, args] = asPostgresUser(`${BIN}/postgres`, [
    "-D", dataDir, "-c", `listen_addresses=127.0.0.1`, "-c", `port=${port}`, "-c", `unix_socket_directories=${dir}`,
    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=50",
  ]);
  const server = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  server.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));

  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await run(`${BIN}/pg_isready`, ["-h", "127.0.0.1", "-p", String(port)]).then(() => true, () => false);
    if (ready) break;
    if (server.exitCode !== null || Date.now() > deadline) {
      server.kill("SIGKILL");
      await rm(dir, { recursive: true, force: true });
      throw new Error(`Debian PostgreSQL did not start on 127.0.0.1:${port}:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`PostgreSQL 15 listening on 127.0.0.1:${port}`);

  return {
    adminUrl: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    async stop() {
      // SIGINT is PostgreSQL's "fast shutdown": it ends sessions and exits cleanly.
      if (server.exitCode === null) server.kill("SIGINT");
      const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
