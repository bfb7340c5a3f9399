import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { seedLocalAccounts } from "@/lib/auth/seed";
import { testDatabase } from "@/lib/db/testing/per-file";
import { CLAIM_LEASE_MS } from "@/lib/pipelines/actions";
import { orchestrator, uniqueRunId, waitFor } from "./estate";
import { PORTAL_PASSWORD, signIn, startPortal, type Portal } from "./portal";

// The built portal (`next start`) as a real process on a fresh database and the suite's Airflow:
// killed with SIGKILL in the middle of a trigger, stopped while Airflow goes on, and handed a run
// Airflow never had. Each case checks what the person sees through the portal's own API.

const bed = testDatabase(async (db) => {
  await seedLocalAccounts(db.prisma, { password: PORTAL_PASSWORD, resetPasswords: false });
});
let portal: Portal;
let engineer: string;

const start = () => startPortal({ databaseUrl: bed.db.url, platformHome: inject("airflowPlatformHome"), airflowPort: inject("airflowPort"), port: portal?.port });
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${portal.url}${path}`, { ...init, headers: { cookie: engineer, origin: portal.url, "content-type": "application/json", ...init.headers } });
const trigger = (key: string) => api("/api/dags/simple_addition/runs", { method: "POST", body: JSON.stringify({ conf: { n: 4 }, idempotencyKey: key }) });
/** The fields of the portal's answers the cases read (each answer has some of them). */
type Answer = {
  id: string;
  runId: string;
  error: { message: string };
  items: { runId: string }[];
  run: { state: string; stateReason: string | null; tasks: { state: string }[] };
  sync: { unreachableSince: string | null };
};
const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Answer });

beforeAll(async () => {
  portal = await start();
  engineer = await signIn(portal.url, "engineer@local");
  // The sync has seen the DAGs: a trigger of an unknown DAG is refused with 404.
  await waitFor("the sync to list simple_addition", () => bed.db.prisma.dag.findUnique({ where: { dagId: "simple_addition" } }).then((d) => d ?? undefined));
});
afterAll(async () => {
  await portal?.stop();
});

it("the portal SIGKILLed in the middle of a trigger: the retry with the same key is told to wait, then gets the one run", async () => {
  const key = `faults-kill-${Date.now()}`;
  const sent = trigger(key).catch((error: Error) => error);
  // In the middle: the key is claimed and the run recorded, the CLI call to Airflow is on its way.
  await waitFor("the trigger to be recorded", () => bed.db.prisma.pipelineRun.findFirst({ where: { triggeredBy: "engineer@local", conf: { equals: { n: 4 } } } }).then((r) => r ?? undefined), 30_000, 20);
  await portal.kill();
  expect(await sent).toBeInstanceOf(Error); // the browser saw the connection drop

  portal = await start();
  // Within the lease the request may still be alive somewhere: a conflict, never a second run.
  const early = await json(await trigger(key));
  expect(early.status).toBe(409);
  expect(early.body.error.message).toMatch(/still being processed/);

  // The lease passes (moved back here rather than waited for: 5 minutes).
  await bed.db.prisma.idempotencyKey.updateMany({ where: { key }, data: { claimedAt: new Date(Date.now() - CLAIM_LEASE_MS - 1_000) } });
  const retried = await json(await trigger(key));
  expect(retried.status).toBe(201);
  const again = await json(await trigger(key));
  expect(again).toEqual(retried);

  const runId = retried.body.runId;
  expect((await orchestrator().runs("simple_addition")).filter((r) => r.runId === runId)).toHaveLength(1);
  expect(await bed.db.prisma.pipelineRun.count({ where: { triggeredBy: "engineer@local", conf: { equals: { n: 4 } } } })).toBe(1);
  // The audit log has each answered request once: the refused retry as an error, the retry and its
  // replay as ok (one run between them), nothing of the killed request.
  const audit = await bed.db.prisma.auditEvent.findMany({ where: { action: "dag.trigger", actor: "engineer@local" } });
  expect(audit.filter((a) => a.result === "ok")).toHaveLength(2);
  expect(audit.filter((a) => a.result === "error")).toHaveLength(1);

  // The run page shows it through to the end, tasks and all.
  const detail = await waitFor("the run to succeed on its page", async () => {
    const { body } = await json(await api(`/api/runs/${retried.body.id}`));
    return body.run.state === "success" && body.run.tasks.length > 0 && body;
  });
  expect(detail.run.tasks.every((t) => t.state === "success")).toBe(true);
}, 600_000);

it("runs started while the portal was down appear once it is back, each once", async () => {
  await portal.stop();
  const runIds = [uniqueRunId("down"), uniqueRunId("down")];
  for (const runId of runIds) await orchestrator().trigger("simple_addition", runId, { n: 5 });
  portal = await start();
  const listed = await waitFor("both runs on the Runs page's API", async () => {
    const { body } = await json(await api("/api/runs?dagId=simple_addition&limit=100"));
    const rows = body.items.filter((r) => runIds.includes(r.runId));
    return rows.length === 2 && rows;
  });
  expect(new Set(listed.map((r) => r.runId)).size).toBe(2);
  expect(await bed.db.prisma.pipelineRun.count({ where: { runId: { in: runIds } } })).toBe(2);
}, 600_000);

it("a run the history holds as active that Airflow does not know: ended with the reason, the sync carries on and the next run has its tasks", async () => {
  const old = new Date(Date.now() - CLAIM_LEASE_MS - 60_000);
  const lost = await bed.db.prisma.pipelineRun.create({
    data: { dagId: "simple_addition", runId: uniqueRunId("unknown"), triggeredBy: "engineer@local", state: "running", environment: "local", createdAt: old },
  });
  // A sync cycle takes minutes when every CLI call takes seconds on a loaded machine.
  const ended = await waitFor("the lost run to be ended on its page", async () => {
    const { body } = await json(await api(`/api/runs/${lost.id}`));
    return body.run.state === "failed" && body;
  }, 300_000, 2_000);
  expect(ended.run.stateReason).toMatch(/Airflow has no run with this id/);
  // The Pipelines page does not call Airflow unreachable.
  const pipelines = await json(await api("/api/dags"));
  expect(pipelines.body.sync.unreachableSince).toBeNull();

  const next = await json(await trigger(`faults-after-lost-${Date.now()}`));
  expect(next.status).toBe(201);
  const detail = await waitFor("the next run's tasks", async () => {
    const { body } = await json(await api(`/api/runs/${next.body.id}`));
    return body.run.state === "success" && body.run.tasks.length > 0 && body;
  });
  expect(detail.run.tasks.length).toBeGreaterThan(0);
}, 600_000);
