import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, inject, it } from "vitest";
import { freePort } from "@/lib/db/testing/free-port";
import { airflowOrchestrator } from "./airflow";
import { localCli } from "./local-cli";

// The local transport's check that Airflow runs, against the integration run's real Airflow: a
// stopped API server is "not running", a busy one is not (seen on a loaded machine, where the
// portal called a working Airflow unreachable).
const options = () => ({ repoRoot: path.resolve("."), platformHome: inject("airflowPlatformHome"), airflowPort: inject("airflowPort") });
const apiServerGroup = () => Number(readFileSync(path.join(inject("airflowPlatformHome"), "airflow", "run", "api-server.pid"), "utf8").trim());

it("an API server that holds the health check past its timeout is busy, not stopped: the CLI call goes ahead", async () => {
  // SIGSTOP: the kernel still accepts the connection, nothing answers it — an API server too busy to reply.
  const group = apiServerGroup();
  process.kill(-group, "SIGSTOP");
  try {
    const dags = await airflowOrchestrator(localCli(options())).dags();
    expect(dags.map((d) => d.dagId)).toContain("simple_addition");
  } finally {
    process.kill(-group, "SIGCONT");
  }
}, 240_000);

it("no API server on the port: Airflow is not running", async () => {
  const cli = localCli({ ...options(), airflowPort: await freePort() });
  await expect(airflowOrchestrator(cli).dags()).rejects.toThrow(/Airflow is unreachable: the local Airflow on 127\.0\.0\.1:\d+ is not running/);
});
