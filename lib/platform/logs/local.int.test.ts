import { appendFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CONTRACT_READ_BYTES, logsContract } from "./contract";
import { localLogs } from "./local";
import { taskLogPath } from "./port";

logsContract("local (Airflow's log files)", async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), "builditall-logs-"));
  return {
    adapter: {
      logs: localLogs({ logRoot: root, readBytes: CONTRACT_READ_BYTES }),
      async append(ref, lines) {
        const file = path.join(root, taskLogPath(ref));
        await mkdir(path.dirname(file), { recursive: true });
        await appendFile(file, lines.map((l) => `${l}\n`).join(""));
      },
    },
    close: () => rm(root, { recursive: true, force: true }),
  };
});
