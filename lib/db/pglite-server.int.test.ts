import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "./migrations";
import { freePort } from "./testing/free-port";
import { query } from "./testing/targets";

const ROOT = path.resolve(import.meta.dirname, "../..");

type Server = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** scripts/db/pglite-server.ts as `npm run up` starts it; resolves once it printed "ready" (or exited). */
async function startServer(home: string, port: number): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env, PLATFORM_HOME: home, EMBEDDED_PG_PORT: String(port) };
  delete env.DATABASE_URL;
  const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", path.join(ROOT, "scripts/db/pglite-server.ts")], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  await new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready on")) resolve();
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then(() => resolve());
  });
  return { child, output: () => output, exited };
}

describe("the embedded Postgres server (scripts/db/pglite-server.ts)", () => {
  let home: string;
  let port: number;
  beforeAll(async () => {
    home = await mkdtemp(path.join(tmpdir(), "builditall-home-"));
    port = await freePort();
  });
  afterAll(() => rm(home, { recursive: true, force: true }));

  const url = () => `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;

  it("serves <PLATFORM_HOME>/pg on loopback, refuses a second server on the same data, and stops cleanly on SIGTERM", async () => {
    const server = await startServer(home, port);
    try {
      expect(server.output()).toContain(`ready on 127.0.0.1:${port}`);
      await applyMigrations(url());
      await query(url(), `INSERT INTO "User" (id, email, role, "updatedAt") VALUES ('u1', 'kept@local', 'viewer', now())`);

      const second = await startServer(home, await freePort());
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/already held by process/);
    } finally {
      server.child.kill("SIGTERM");
    }
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("stopped");
  });

  it("keeps the data across a restart", async () => {
    const server = await startServer(home, port);
    try {
      expect(server.output()).toContain("opening");
      expect(await applyMigrations(url())).toEqual([]);
      expect(await query(url(), `SELECT email FROM "User"`)).toEqual([{ email: "kept@local" }]);
    } finally {
      server.child.kill("SIGINT");
    }
    expect(await server.exited).toBe(0);
  });
});
