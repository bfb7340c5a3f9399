import path from "node:path";
import { afterEach, expect, inject, it } from "vitest";
import { orchestratorContract } from "./contract";
import { localOrchestrator } from "./local";

const options = () => ({ repoRoot: path.resolve("."), platformHome: inject("airflowPlatformHome"), airflowPort: inject("airflowPort") });

orchestratorContract("local", 2, async () => ({ adapter: localOrchestrator(options()) }));

const forceColor = process.env.FORCE_COLOR;
afterEach(() => {
  if (forceColor === undefined) delete process.env.FORCE_COLOR;
  else process.env.FORCE_COLOR = forceColor;
});

it("reads the CLI's JSON and dates when the server runs with FORCE_COLOR, as under Playwright", async () => {
  process.env.FORCE_COLOR = "1";
  const orchestrator = localOrchestrator(options());
  const dags = await orchestrator.dags();
  // The contract suite adds DAGs of its own to the extra folder: those of dags/ and e2e/dags/ must be read.
  expect(dags.map((d) => d.dagId)).toEqual(expect.arrayContaining(["big_data_pipeline", "operate_probe", "simple_addition"]));
  const range = { from: new Date("2025-06-01T00:00:00Z"), to: new Date("2025-06-02T23:59:59.999Z"), reprocess: "none" as const };
  expect(await orchestrator.backfillDates("simple_addition", range)).toEqual([new Date("2025-06-01T00:00:00Z"), new Date("2025-06-02T00:00:00Z")]);
}, 240_000);
