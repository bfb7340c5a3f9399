import path from "node:path";
import { afterEach, expect, inject, it } from "vitest";
import { orchestratorContract } from "./contract";
import { localOrchestrator } from "./local";

const options = () => ({ repoRoot: path.resolve("."), platformHome: inject("airflowPlatformHome"), airflowPort: inject("airflowPort") });

orchestratorContract("local", 2, async () => ({ adapter: localOrchestrator(options()) }));

afterEach(() => {
  delete process.env.FORCE_COLOR;
});

it("reads the CLI's JSON when the server runs with FORCE_COLOR, as under Playwright", async () => {
  process.env.FORCE_COLOR = "1";
  const dags = await localOrchestrator(options()).dags();
  expect(dags.map((d) => d.dagId).sort()).toEqual(["big_data_pipeline", "simple_addition"]);
}, 240_000);
