import { readFile, rm, writeFile } from "node:fs/promises";

/**
 * A process killed and not yet reaped by its parent (a zombie) still answers signal 0 but runs no
 * more: after a SIGKILL of the server's process group, the new server must not wait on it. Linux
 * only (/proc/<pid>/stat: "pid (comm) state …"); elsewhere signal 0 is all there is.
 */
async function zombie(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
}

async function alive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  return !(await zombie(pid));
}

/**
 * Claims `file` for this process: refuses while the process named in it is alive, takes it over
 * when that process is gone or a zombie (a crash leaves the file behind).
 */
export async function holdPidLock(file: string): Promise<{ release: () => Promise<void> }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: "wx" });
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number((await readFile(file, "utf8").catch(() => "")).trim());
      if (Number.isInteger(holder) && holder > 0 && (await alive(holder))) {
        throw new Error(`${file}: already held by process ${holder}`);
      }
      await rm(file, { force: true });
    }
  }
  throw new Error(`${file}: could not be claimed`);
}
