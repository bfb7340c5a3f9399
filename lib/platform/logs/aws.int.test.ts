import { CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
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
  const streams = new Set<string>();
  let clock = Date.now() - 60_000;
  return {
    adapter: {
      logs: cloudWatchLogs({ region: REGION, endpoint, environment, readBytes: CONTRACT_READ_BYTES }),
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
