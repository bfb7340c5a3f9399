import { readFile, rm, writeFile } from "node:fs/promises";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Claims `file` for this process: refuses while the process named in it is alive, takes it over
 * when that process is gone (a crash leaves the file behind).
 */
export async function holdPidLock(file: string): Promise<{ release: () => Promise<void> }> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: "wx" });
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number((await readFile(file, "utf8").catch(() => "")).trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new Error(`${file}: already held by process ${holder}`);
      }
      await rm(file, { force: true });
    }
  }
  throw new Error(`${file}: could not be claimed`);
}
