import { bounded } from "./bounded";
import { airflowOrchestrator, type AirflowOptions } from "./airflow";
import { mwaaCli, type MwaaCliOptions } from "./mwaa-cli";
import type { Orchestrator } from "./port";

/** MWAA through its CLI token API. */
export function mwaaOrchestrator(options: MwaaCliOptions & AirflowOptions): Orchestrator {
  return airflowOrchestrator(bounded(mwaaCli(options)), options);
}
