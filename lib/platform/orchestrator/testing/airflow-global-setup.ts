import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "@/lib/db/testing/free-port";
import { localAirflow } from "./local-airflow";

declare module "vitest" {
  export interface ProvidedContext {
    /** A PLATFORM_HOME whose airflow/ holds the state of the Airflow started for this run. */
    airflowPlatformHome: string;
    airflowPort: number;
  }
}

/**
 * One real local Airflow (scripts/airflow/local.sh) for the integration run, with its state and
 * lake in a temporary directory and its API server on a free loopback port.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const home = mkdtempSync(path.join(tmpdir(), "builditall-airflow-"));
  const port = await freePort();
  const airflow = localAirflow(home, port);
  console.log(`[integration] starting a local Airflow on 127.0.0.1:${port} (state in ${home})`);
  try {
    airflow.start();
  } catch (error) {
    airflow.stop();
    throw error;
  }
  project.provide("airflowPlatformHome", home);
  project.provide("airflowPort", port);
  return async () => {
    airflow.stop();
    rmSync(home, { recursive: true, force: true });
  };
}
