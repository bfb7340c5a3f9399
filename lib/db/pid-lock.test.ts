import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, expect, it } from "vitest";
import { holdPidLock } from "./pid-lock";

// Real processes: a running holder, and a killed one its parent has not reaped (what a SIGKILL of
// pglite-server's process group can leave for a moment while the new server starts).
const dir = mkdtempSync(path.join(tmpdir(), "builditall-pid-lock-"));
const file = path.join(dir, "pg.pid");
const spawned: number[] = [];
afterEach(() => {
  for (const pid of spawned.splice(0)) process.kill(pid, "SIGKILL");
  rmSync(file, { force: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `sleep 0` in the background, then the shell becomes `sleep 30`, which never reaps it: a zombie. */
async function zombieProcess(): Promise<number> {
  const parent = spawn("bash", ["-c", "sleep 0 & echo $!; exec sleep 30"], { stdio: ["ignore", "pipe", "ignore"] });
  spawned.push(parent.pid!);
  const pid = Number(await new Promise<string>((resolve) => parent.stdout.once("data", (d: Buffer) => resolve(d.toString().trim()))));
  const state = () => readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0];
  while (state() !== "Z") await new Promise((r) => setTimeout(r, 10));
  return pid;
}

it("refuses while the process named in the file runs", async () => {
  const holder = spawn("sleep", ["30"]);
  spawned.push(holder.pid!);
  writeFileSync(file, `${holder.pid}\n`);
  await expect(holdPidLock(file)).rejects.toThrow(`already held by process ${holder.pid}`);
});

it("takes the file over from a killed process its parent has not reaped yet", async () => {
  const pid = await zombieProcess();
  writeFileSync(file, `${pid}\n`);
  const lock = await holdPidLock(file);
  expect(readFileSync(file, "utf8").trim()).toBe(String(process.pid));
  await lock.release();
});
