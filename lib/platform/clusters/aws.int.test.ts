import { AddJobFlowStepsCommand, EMRClient, RunJobFlowCommand, TerminateJobFlowsCommand } from "@aws-sdk/client-emr";
import { describe, expect, inject, it } from "vitest";
import { applyMotoCredentials } from "../testing/moto-global-setup";
import { emrClusters } from "./aws";
import { ClusterNotFoundError } from "./port";
import { clustersContract } from "./contract";

const REGION = "eu-west-1";

async function runJobFlow(client: EMRClient, runId: string, foreign = false): Promise<string> {
  const out = await client.send(
    new RunJobFlowCommand({
      Name: `contract-${runId}`,
      ReleaseLabel: "emr-7.8.0",
      LogUri: "s3://contract-lake/logs/emr/",
      ServiceRole: "EMR_DefaultRole",
      JobFlowRole: "EMR_EC2_DefaultRole",
      Instances: {
        KeepJobFlowAliveWhenNoSteps: true,
        InstanceGroups: [
          { InstanceRole: "MASTER", InstanceType: "m5.xlarge", InstanceCount: 1, Market: "ON_DEMAND" },
          { InstanceRole: "CORE", InstanceType: "m5.xlarge", InstanceCount: 2, Market: "SPOT" },
        ],
      },
      Tags: [
        ...(foreign ? [] : [{ Key: "project", Value: "builditall" }]),
        { Key: "dag_id", Value: "contract_dag" },
        { Key: "run_id", Value: runId },
      ],
    }),
  );
  return out.JobFlowId!;
}

clustersContract("aws (EMR on moto server)", async () => {
  applyMotoCredentials();
  const endpoint = inject("motoEndpoint");
  const client = new EMRClient({ region: REGION, endpoint });
  const endedId = await runJobFlow(client, "run-0");
  await client.send(new TerminateJobFlowsCommand({ JobFlowIds: [endedId] }));
  const liveId = await runJobFlow(client, "run-1");
  await client.send(
    new AddJobFlowStepsCommand({
      JobFlowId: liveId,
      Steps: [{ Name: "transform", ActionOnFailure: "CONTINUE", HadoopJarStep: { Jar: "command-runner.jar", Args: ["spark-submit", "transform"] } }],
    }),
  );
  return { adapter: { clusters: emrClusters({ region: REGION, endpoint }), liveId, endedId } };
});

describe("EMR scope: only the platform's clusters", () => {
  it("leaves another team's cluster (no project=builditall tag) out of lists, and answers 404 for it", async () => {
    applyMotoCredentials();
    const endpoint = inject("motoEndpoint");
    const client = new EMRClient({ region: REGION, endpoint });
    const foreignId = await runJobFlow(client, "someone-elses", true);
    const clusters = emrClusters({ region: REGION, endpoint });
    expect((await clusters.list({ active: true })).map((c) => c.id)).not.toContain(foreignId);
    await expect(clusters.describe(foreignId)).rejects.toBeInstanceOf(ClusterNotFoundError);
    await expect(clusters.steps(foreignId)).rejects.toBeInstanceOf(ClusterNotFoundError);
    await expect(clusters.terminate(foreignId)).rejects.toBeInstanceOf(ClusterNotFoundError);
    // Not terminated: the cluster is still up for its owners.
    const { DescribeClusterCommand } = await import("@aws-sdk/client-emr");
    const state = (await client.send(new DescribeClusterCommand({ ClusterId: foreignId }))).Cluster?.Status?.State;
    expect(["STARTING", "BOOTSTRAPPING", "RUNNING", "WAITING"]).toContain(state);
  });
});
