import { spawnSync } from "node:child_process";
import { cpSync } from "node:fs";
import path from "node:path";

/** The extra DAG folder of a test Airflow: a copy of e2e/dags/ that tests may break and fix. */
export const extraDagsFolder = (home: string) => path.join(home, "extra-dags");

/** scripts/airflow/local.sh for an Airflow whose state and lake live under `home`. */
export function localAirflow(home: string, port: number) {
  const script = path.resolve("scripts/airflow/local.sh");
  const env = {
    ...process.env,
    AIRFLOW_STATE_DIR: path.join(home, "airflow"),
    LAKE_URI: `file://${path.join(home, "lake", "builditall-lake")}`,
    AIRFLOW_PORT: String(port),
    EXTRA_DAGS_FOLDER: extraDagsFolder(home),
  };
  cpSync(path.resolve("e2e/dags"), extraDagsFolder(home), { recursive: true });
  const run = (command: "start" | "stop") => {
    const result = spawnSync("bash", [script, command], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    if (result.status !== 0) throw new Error(`local.sh ${command} failed:\n${result.stdout}\n${result.stderr}`);
  };
  return {
    start: () => {
      try {
        run("start");
      } catch {
        // local.sh gives migrate + parse + health 120 s in all; on a machine shared by several test
        // runs that can pass before the health check does. The second start finds the state ready.
        run("stop");
        run("start");
      }
    },
    stop: () => run("stop"),
  };
}
