import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { gzipSync } from "node:zlib";
import { inject } from "vitest";
import { applyMotoCredentials } from "../testing/moto-global-setup";
import { cloudWatchLogs, mwaaTaskLogGroup, mwaaTaskStream } from "./aws";
import { CONTRACT_READ_BYTES, logsContract } from "./contract";

const REGION = "eu-west-1";

logsContract("aws (CloudWatch Logs on moto server)", async () => {
  applyMotoCredentials();
  const endpoint = inject("motoEndpoint");
  const client = new CloudWatchLogsClient({ region: REGION, endpoint });
  const environment = `contract-${Date.now()}`;
  const logGroupName = mwaaTaskLogGroup(environment);
  await client.send(new CreateLogGroupCommand({ logGroupName }));
  const s3 = new S3Client({ region: REGION, endpoint, forcePathStyle: true });
  const bucket = `contract-logs-${Date.now()}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }));
  const streams = new Set<string>();
  let clock = Date.now() - 60_000;
  return {
    adapter: {
      logs: cloudWatchLogs({ region: REGION, endpoint, environment, readBytes: CONTRACT_READ_BYTES }),
      // EMR: <LogUri><cluster-id>/steps/<step-id>/<stream>.gz, the whole stream gzipped.
      stepFolder: (clusterId, stepId) => `s3://${bucket}/logs/emr/${clusterId}/steps/${stepId}/`,
      async writeStep(folder, stream, lines) {
        const key = `${folder.slice(`s3://${bucket}/`.length)}${stream}.gz`;
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: gzipSync(lines.map((l) => `${l}\n`).join("")) }));
      },
      async append(ref, lines) {
        // As MWAA's task logger writes them: one event per line, in the try's stream.
        const logStreamName = mwaaTaskStream(ref);
        if (!streams.has(logStreamName)) {
          await client.send(new CreateLogStreamCommand({ logGroupName, logStreamName }));
          streams.add(logStreamName);
        }
        await client.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents: lines.map((message) => ({ message, timestamp: clock++ })) }));
      },
    },
  };
});
