import { CloudWatchClient, PutMetricAlarmCommand, SetAlarmStateCommand } from "@aws-sdk/client-cloudwatch";
import { inject } from "vitest";
import { applyMotoCredentials } from "../testing/moto-global-setup";
import { cloudWatchAlarms } from "./aws";
import { alarmsContract, CONTRACT_PREFIX, FAILED_RUN_ALARM, IDLE_CLUSTER_ALARM } from "./contract";

const REGION = "eu-west-1";

/** The two alarms as infra/modules/monitoring defines them (Metrics Insights queries), and a stranger. */
alarmsContract("aws (CloudWatch on moto server)", async () => {
  applyMotoCredentials();
  const endpoint = inject("motoEndpoint");
  const client = new CloudWatchClient({ region: REGION, endpoint });
  const insights = (name: string, expression: string, periods: number, description: string) =>
    client.send(
      new PutMetricAlarmCommand({
        AlarmName: name,
        AlarmDescription: description,
        ComparisonOperator: "GreaterThanOrEqualToThreshold",
        Threshold: 1,
        EvaluationPeriods: periods,
        TreatMissingData: "notBreaching",
        Metrics: [{ Id: "q", Expression: expression, Period: 300, ReturnData: true }],
      }),
    );
  await insights(FAILED_RUN_ALARM, 'SELECT SUM(DagRunFailed) FROM SCHEMA("BuildItAll/Platform", DagId)', 1, "A DAG run failed (metric BuildItAll/Platform/DagRunFailed, published by the pipeline).");
  await insights(IDLE_CLUSTER_ALARM, 'SELECT MAX(IsIdle) FROM SCHEMA("AWS/ElasticMapReduce", JobFlowId)', 6, "An EMR cluster has been idle for 30 minutes.");
  await insights("another-estate-dag-run-failed", 'SELECT SUM(DagRunFailed) FROM SCHEMA("BuildItAll/Platform", DagId)', 1, "Not ours.");
  // moto starts an alarm in OK (AWS: INSUFFICIENT_DATA until its first evaluation); the failed run is set, as CloudWatch would.
  await client.send(new SetAlarmStateCommand({ AlarmName: FAILED_RUN_ALARM, StateValue: "ALARM", StateReason: "Threshold Crossed: 1 datapoint [1.0] was >= the threshold (1.0)." }));
  await client.send(new SetAlarmStateCommand({ AlarmName: IDLE_CLUSTER_ALARM, StateValue: "OK", StateReason: "No cluster idle." }));
  return { adapter: cloudWatchAlarms({ region: REGION, endpoint, namePrefix: CONTRACT_PREFIX }) };
});
