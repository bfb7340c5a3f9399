import path from "node:path";
import { expect, inject, it } from "vitest";
import { mwaaOrchestrator } from "./aws";
import { orchestratorContract } from "./contract";
import { localCli } from "./local-cli";
import { startMwaaPeer, type MwaaPeer } from "./testing/mwaa-peer";

// The MWAA transport against a peer that speaks CreateCliToken and /aws_mwaa/cli and runs each
// command on the real local Airflow: the same contract as the local transport.
process.env.AWS_ACCESS_KEY_ID ??= "testing";
process.env.AWS_SECRET_ACCESS_KEY ??= "testing";

const ENVIRONMENT = "builditall-test";
let peer: MwaaPeer;

async function peerAndAdapter() {
  const cli = localCli({ repoRoot: path.resolve("."), platformHome: inject("airflowPlatformHome"), airflowPort: inject("airflowPort") });
  peer = await startMwaaPeer({ environment: ENVIRONMENT, cli });
  return mwaaOrchestrator({ environment: ENVIRONMENT, region: "eu-west-1", endpoint: peer.endpoint });
}

orchestratorContract("aws (MWAA CLI peer)", 3, async () => {
  const adapter = await peerAndAdapter();
  return {
    adapter,
    close: async () => {
      // MWAA allows one CLI request at a time: the transport queued every call of the suite.
      expect(peer.maxConcurrent()).toBe(1);
      // A token lives 60 s; the suite's calls shared few of them.
      expect(peer.tokensIssued()).toBeLessThan(10);
      await peer.close();
    },
  };
});

it("aws: concurrent calls are sent one at a time", async () => {
  const adapter = await peerAndAdapter();
  try {
    const [a, b] = await Promise.all([adapter.dags(), adapter.dags()]);
    expect(a).toEqual(b);
    expect(peer.maxConcurrent()).toBe(1);
  } finally {
    await peer.close();
  }
});

it("aws: an unknown environment is reported as unreachable", async () => {
  const adapter = await peerAndAdapter();
  try {
    const other = mwaaOrchestrator({ environment: "nope", region: "eu-west-1", endpoint: peer.endpoint });
    await expect(other.dags()).rejects.toThrow(/CreateCliToken for nope failed/);
    expect(adapter.adapter).toBe("aws");
  } finally {
    await peer.close();
  }
});
