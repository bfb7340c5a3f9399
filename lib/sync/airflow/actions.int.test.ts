import path from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing/test-database";
import { localOrchestrator } from "@/lib/platform/orchestrator/local";
import { setPaused, triggerRun } from "./actions";

// Trigger and pause against the real local Airflow and a real Postgres.
let db: TestDatabase;
const user = { id: "u1", email: "engineer@test" };
const orchestrator = () => localOrchestrator({ repoRoot: path.resolve("."), platformHome: inject("airflowPlatformHome"), airflowPort: inject("airflowPort") });

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.user.create({ data: { id: user.id, email: user.email, role: "engineer" } });
  await db.prisma.dag.create({ data: { dagId: "simple_addition", paused: false, syncedAt: new Date() } });
});
afterAll(async () => {
  await db?.drop();
});

const request = (key: string, conf: Record<string, unknown> = { n: 1 }, dagId = "simple_addition") => ({ dagId, conf, user, idempotencyKey: key, environment: "local" as const });

it("records the run with who and conf, and a replay of the same key starts nothing new", async () => {
  const first = await triggerRun(db.prisma, orchestrator(), request("key-00000001"));
  const again = await triggerRun(db.prisma, orchestrator(), request("key-00000001"));
  expect(again).toEqual(first);
  const rows = await db.prisma.pipelineRun.findMany({ where: { dagId: "simple_addition" } });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ runId: first.runId, triggeredBy: "engineer@test", conf: { n: 1 } });
  const airflowRuns = await orchestrator().runs("simple_addition");
  expect(airflowRuns.filter((r) => r.runId === first.runId)).toHaveLength(1);
}, 240_000);

it("refuses a DAG the history does not know with a 404 and leaves no trace", async () => {
  const before = await db.prisma.pipelineRun.count();
  await expect(triggerRun(db.prisma, orchestrator(), request("key-00000002", {}, "no_such_dag"))).rejects.toMatchObject({ code: "not_found" });
  expect(await db.prisma.pipelineRun.count()).toBe(before);
  expect(await db.prisma.idempotencyKey.findUnique({ where: { userId_key: { userId: user.id, key: "key-00000002" } } })).toBeNull();
});

it("removes the recorded run when Airflow refuses, and frees the key", async () => {
  // Known to the history, unknown to Airflow: Airflow's refusal is answered as a 502.
  await db.prisma.dag.create({ data: { dagId: "gone_from_airflow", paused: false, syncedAt: new Date() } });
  const error = await triggerRun(db.prisma, orchestrator(), request("key-00000003", {}, "gone_from_airflow")).catch((e) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ code: "bad_gateway" });
  expect(await db.prisma.pipelineRun.count({ where: { dagId: "gone_from_airflow" } })).toBe(0);
  expect(await db.prisma.idempotencyKey.count({ where: { key: "key-00000003" } })).toBe(0);
}, 240_000);

it("pauses in Airflow and in the read model", async () => {
  expect(await setPaused(db.prisma, orchestrator(), "simple_addition", true)).toEqual({ dagId: "simple_addition", paused: true });
  expect((await orchestrator().dags()).find((d) => d.dagId === "simple_addition")?.paused).toBe(true);
  await setPaused(db.prisma, orchestrator(), "simple_addition", false);
  expect((await db.prisma.dag.findUniqueOrThrow({ where: { dagId: "simple_addition" } })).paused).toBe(false);
}, 300_000);
