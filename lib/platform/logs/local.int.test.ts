import { appendFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import os from "node:os";
import path from "node:path";
import { CONTRACT_READ_BYTES, logsContract } from "./contract";
import { localLogs } from "./local";
import { taskLogPath } from "./port";

logsContract("local (Airflow's log files)", async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), "builditall-logs-"));
  return {
    adapter: {
      logs: localLogs({ logRoot: root, lakeRoot: root, readBytes: CONTRACT_READ_BYTES }),
      // dags/builditall/step_runner.py: <lake>/logs/emr/<cluster-id>/steps/<step-id>/{stdout,stderr}.
      stepFolder: (clusterId, stepId) => `${pathToFileURL(path.join(root, "logs", "emr", clusterId, "steps", stepId)).href}/`,
      async writeStep(folder, stream, lines) {
        const dir = fileURLToPath(folder);
        await mkdir(dir, { recursive: true });
        await writeFile(path.join(dir, stream), lines.map((l) => `${l}\n`).join(""));
      },
      async append(ref, lines) {
        const file = path.join(root, taskLogPath(ref));
        await mkdir(path.dirname(file), { recursive: true });
        await appendFile(file, lines.map((l) => `${l}\n`).join(""));
      },
    },
    close: () => rm(root, { recursive: true, force: true }),
  };
});
