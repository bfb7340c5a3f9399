import { bounded } from "./bounded";
import { airflowOrchestrator, type AirflowOptions } from "./airflow";
import { localCli, type LocalCliOptions } from "./local-cli";
import type { Orchestrator } from "./port";

/** The local Airflow in .venv (scripts/airflow/local.sh), reached by spawning its CLI. */
export function localOrchestrator(options: LocalCliOptions & AirflowOptions): Orchestrator {
  return airflowOrchestrator(bounded(localCli(options)), options);
}
