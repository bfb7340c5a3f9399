import path from "node:path";
import { expect, inject, it } from "vitest";
import { Conflict, Unconfirmed } from "@/lib/platform/errors";
import { testDatabase } from "@/lib/db/testing/per-file";
import { airflowOrchestrator } from "@/lib/platform/orchestrator/airflow";
import { localCli } from "@/lib/platform/orchestrator/local-cli";
import { AirflowNoAnswer, type CliTransport } from "@/lib/platform/orchestrator/transport";
import { pipelinesSync } from "@/lib/sync/pipelines";
import { CLAIM_LEASE_MS, triggerRun } from "./actions";
import { createBackfill } from "./backfills";

// Ambiguous failures against the real local Airflow and a real Postgres: the faults are made at
// the network boundary (the CLI transport), everything behind it is the real thing.
const user = { id: "u-once", email: "once@test" };
const cliOptions = () => ({ repoRoot: path.resolve("."), platformHome: inject("airflowPlatformHome"), airflowPort: inject("airflowPort") });
const orchestrator = (transport: CliTransport = localCli(cliOptions())) => airflowOrchestrator(transport);

/** The command runs in Airflow, then its answer is lost on the way back (dry runs are answered). */
function answerLostAfter(verb: string): CliTransport {
  const real = localCli(cliOptions());
  return {
    adapter: real.adapter,
    async run(argv) {
      const out = await real.run(argv);
      if (argv.slice(0, 2).join(" ") === verb && !argv.includes("--dry-run")) throw new AirflowNoAnswer(`the answer to ${verb} was lost (fault injected)`);
      return out;
    },
  };
}

const bed = testDatabase(async (db) => {
  await db.prisma.user.create({ data: { id: user.id, email: user.email, role: "engineer" } });
  await db.prisma.dag.create({ data: { dagId: "simple_addition", paused: false, syncedAt: new Date() } });
});

const request = (key: string) => ({ dagId: "simple_addition", conf: { n: 2 }, user, idempotencyKey: key, environment: "local" as const });
const claimOf = (key: string) => bed.db.prisma.idempotencyKey.findUniqueOrThrow({ where: { userId_key: { userId: user.id, key } } });
const airflowRunsNamed = async (runId: string) => (await orchestrator().runs("simple_addition")).filter((r) => r.runId === runId);

it("keeps the key and the run when Airflow started it but the answer was lost; the retry finds that run and starts none", async () => {
  const error = await triggerRun(bed.db.prisma, orchestrator(answerLostAfter("dags trigger")), request("once-lost-answer")).catch((e) => e);
  expect(error).toBeInstanceOf(Unconfirmed);
  expect((await claimOf("once-lost-answer")).unconfirmedAt).not.toBeNull();
  const kept = await bed.db.prisma.pipelineRun.findMany({ where: { triggeredBy: user.email } });
  expect(kept).toHaveLength(1);

  const retried = await triggerRun(bed.db.prisma, orchestrator(), request("once-lost-answer"));
  expect(retried).toEqual({ id: kept[0]!.id, runId: kept[0]!.runId });
  expect(await airflowRunsNamed(retried.runId)).toHaveLength(1);
  expect(await bed.db.prisma.pipelineRun.count({ where: { triggeredBy: user.email } })).toBe(1);
  expect((await claimOf("once-lost-answer")).response).toEqual(retried);
}, 240_000);

it("settles a trigger whose CLI call hung past its timeout: one run after the retry, whatever Airflow had done", async () => {
  // A real timeout: the process is killed by the transport.
  const hung = airflowOrchestrator(localCli({ ...cliOptions(), timeoutMs: 50 }));
  await expect(triggerRun(bed.db.prisma, hung, request("once-timeout"))).rejects.toBeInstanceOf(Unconfirmed);
  const retried = await triggerRun(bed.db.prisma, orchestrator(), request("once-timeout"));
  expect(await airflowRunsNamed(retried.runId)).toHaveLength(1);
  expect(await bed.db.prisma.pipelineRun.count({ where: { runId: retried.runId } })).toBe(1);
}, 240_000);

it("lets a retry take over a claim left by a request that died, but not one still inside its lease", async () => {
  const fresh = { userId: user.id, key: "once-busy", route: "POST /api/dags/simple_addition/runs" };
  await bed.db.prisma.idempotencyKey.create({ data: fresh });
  await expect(triggerRun(bed.db.prisma, orchestrator(), request("once-busy"))).rejects.toBeInstanceOf(Conflict);

  const dead = new Date(Date.now() - CLAIM_LEASE_MS - 1_000);
  await bed.db.prisma.idempotencyKey.create({ data: { ...fresh, key: "once-dead", createdAt: dead, claimedAt: dead } });
  const taken = await triggerRun(bed.db.prisma, orchestrator(), request("once-dead"));
  expect(taken.runId).toContain(dead.toISOString());
  expect(await airflowRunsNamed(taken.runId)).toHaveLength(1);
}, 240_000);

it("ends a run Airflow never had, once its trigger cannot still be on its way, and goes on syncing the others", async () => {
  const old = new Date(Date.now() - CLAIM_LEASE_MS - 1_000);
  const lost = await bed.db.prisma.pipelineRun.create({
    data: { dagId: "simple_addition", runId: "manual__2020-01-01T00:00:00+00:00_lost", triggeredBy: user.email, state: "queued", environment: "local", createdAt: old },
  });
  const young = await bed.db.prisma.pipelineRun.create({
    data: { dagId: "simple_addition", runId: "manual__2020-01-02T00:00:00+00:00_young", triggeredBy: user.email, state: "queued", environment: "local" },
  });
  const summary = await pipelinesSync({ orchestrator: orchestrator(), prisma: bed.db.prisma, environment: "local", intervalMs: 1_000 }).poll();
  expect(summary).toMatch(/1 runs Airflow never had/);
  expect(await bed.db.prisma.pipelineRun.findUniqueOrThrow({ where: { id: lost.id } })).toMatchObject({ state: "failed", stateReason: expect.stringMatching(/Airflow has no run/) });
  expect((await bed.db.prisma.pipelineRun.findUniqueOrThrow({ where: { id: young.id } })).state).toBe("queued");
  // The runs the earlier tests started were synced in the same cycle.
  expect(await bed.db.prisma.taskInstance.count({ where: { pipelineRun: { triggeredBy: user.email } } })).toBeGreaterThan(0);
}, 240_000);

it("keeps a backfill whose answer was lost, and the retry settles it as the same group", async () => {
  const may = (d: number) => new Date(Date.UTC(2025, 4, d));
  const req = (o = orchestrator()) => [bed.db.prisma, o, { dagId: "simple_addition", range: { from: may(1), to: may(2), reprocess: "none" as const }, maxActiveRuns: 2, user, idempotencyKey: "once-backfill", environment: "local" as const }] as const;
  await expect(createBackfill(...req(orchestrator(answerLostAfter("backfill create"))))).rejects.toBeInstanceOf(Unconfirmed);
  const group = await bed.db.prisma.backfill.findFirstOrThrow({ where: { requestedBy: user.email } });
  expect(await createBackfill(...req())).toEqual({ id: group.id });
  expect(await bed.db.prisma.backfill.count({ where: { requestedBy: user.email } })).toBe(1);
}, 240_000);
