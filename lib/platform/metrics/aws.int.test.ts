import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { expect, inject, it } from "vitest";
import { applyMotoCredentials } from "../testing/moto-global-setup";
import { cloudWatchMetrics } from "./aws";
import { CONTRACT_DATUMS, contractDimensions, contractStart, metricsContract } from "./contract";
import { PLATFORM_NAMESPACE, QUERIES_PER_CALL } from "./port";

const REGION = "eu-west-1";

metricsContract("aws (CloudWatch on moto server)", async () => {
  applyMotoCredentials();
  const endpoint = inject("motoEndpoint");
  const client = new CloudWatchClient({ region: REGION, endpoint });
  await client.send(
    new PutMetricDataCommand({
      Namespace: PLATFORM_NAMESPACE,
      MetricData: CONTRACT_DATUMS.map((d) => ({
        MetricName: d.metric,
        Dimensions: contractDimensions(d),
        Timestamp: new Date(contractStart().getTime() + d.offsetMinutes * 60_000),
        Value: d.value,
        Unit: d.unit,
      })),
    }),
  );
  return { adapter: cloudWatchMetrics({ region: REGION, endpoint }) };
});

it("aws: batches queries, at most 500 per GetMetricData call", async () => {
  applyMotoCredentials();
  const calls: string[] = [];
  const metrics = cloudWatchMetrics({ region: REGION, endpoint: inject("motoEndpoint"), onCall: (op) => calls.push(op) });
  const queries = Array.from({ length: QUERIES_PER_CALL + 1 }, (_, i) => ({
    id: `s${i}`,
    namespace: PLATFORM_NAMESPACE,
    metric: "RecordsProcessed",
    dimensions: { DagId: "contract_dag" },
    stat: "Sum" as const,
    periodSeconds: 3600,
  }));
  await metrics.query(queries, contractStart(), new Date());
  expect(calls).toEqual(["GetMetricData", "GetMetricData"]);
});
