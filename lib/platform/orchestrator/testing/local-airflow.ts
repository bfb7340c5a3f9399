import { spawnSync } from "node:child_process";
import path from "node:path";

/** scripts/airflow/local.sh for an Airflow whose state and lake live under `home`. */
export function localAirflow(home: string, port: number) {
  const script = path.resolve("scripts/airflow/local.sh");
  const env = {
    ...process.env,
    AIRFLOW_STATE_DIR: path.join(home, "airflow"),
    LAKE_URI: `file://${path.join(home, "lake", "builditall-lake")}`,
    AIRFLOW_PORT: String(port),
  };
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
