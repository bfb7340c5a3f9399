import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing/test-database";
import { isAlive, startStandInMaster, writeLocalCluster } from "@/lib/platform/clusters/testing/local-lake";

// The clusters and costs API on the local estate, end to end below the browser: a real Postgres,
// a lake holding what local runs write, the DAGs' own termination code, a process standing in for a master.
const SECRET = "test-secret-that-is-at-least-32-characters-long";
const ORIGIN = "http://127.0.0.1:3000";
const ENDED = "j-ENDEDCLUSTER1";
const LIVE = "j-LIVECLUSTER01";
const OWN = "j-OWNCLUSTER001";

let db: TestDatabase;
let home: string;
let master: number;
const users: Record<string, { id: string; email: string }> = {};
let api: {
  list: typeof import("@/app/api/clusters/route");
  detail: typeof import("@/app/api/clusters/[id]/route");
  terminate: typeof import("@/app/api/clusters/[id]/terminate/route");
  costs: typeof import("@/app/api/costs/route");
};

beforeAll(async () => {
  db = await createTestDatabase();
  home = await mkdtemp(path.join(tmpdir(), "costs-home-"));
  const lake = path.join(home, "lake", "builditall-lake");
  const hourAgo = new Date(Date.now() - 3_600_000);
  master = startStandInMaster(path.resolve(".venv/bin/python"));
  await writeLocalCluster(lake, ENDED, { state: "TERMINATED", createdAt: hourAgo, dagId: "big_data_pipeline", runId: "manual__1" });
  await writeLocalCluster(lake, LIVE, { state: "WAITING", createdAt: new Date(Date.now() - 600_000), dagId: "big_data_pipeline", runId: "manual__2", processes: { master_pid: master, worker_pids: [] } });
  await writeLocalCluster(lake, OWN, { state: "WAITING", createdAt: new Date(Date.now() - 300_000), dagId: "big_data_pipeline", runId: "manual__3" });
  const metrics = path.join(lake, "logs", "metrics", "big_data_pipeline");
  await mkdir(metrics, { recursive: true });
  const datum = (MetricName: string, Value: number, Unit: string, usage: Record<string, string> = {}) => ({
    MetricName,
    Dimensions: Object.entries({ DagId: "big_data_pipeline", ...usage }).map(([Name, Value]) => ({ Name, Value })),
    Timestamp: hourAgo.toISOString(),
    Value,
    Unit,
  });
  // What dags/builditall/figures.py writes: usage, no price.
  await writeFile(
    path.join(metrics, "manual__1.json"),
    JSON.stringify({
      Namespace: "BuildItAll/Platform",
      DagId: "big_data_pipeline",
      RunId: "manual__1",
      MetricData: [
        datum("RecordsProcessed", 6265, "Count"),
        datum("ClusterDurationSeconds", 160, "Seconds"),
        datum("InstanceSeconds", 160, "Seconds", { Market: "ON_DEMAND", InstanceType: "local.spark-standalone" }),
        datum("InstanceSeconds", 320, "Seconds", { Market: "SPOT", InstanceType: "local.spark-standalone" }),
      ],
    }),
  );
  Object.assign(process.env, { DATABASE_URL: db.url, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: ORIGIN, PLATFORM_HOME: home, PLATFORM_MODE: "local" });
  vi.resetModules();
  api = {
    list: await import("@/app/api/clusters/route"),
    detail: await import("@/app/api/clusters/[id]/route"),
    terminate: await import("@/app/api/clusters/[id]/terminate/route"),
    costs: await import("@/app/api/costs/route"),
  };
  for (const role of ["viewer", "engineer", "lead"] as const) {
    users[role] = await db.prisma.user.create({ data: { email: `${role}@test`, role } });
  }
  await db.prisma.pipelineRun.create({
    data: { dagId: "big_data_pipeline", runId: "manual__3", triggeredBy: "engineer@test", state: "running", environment: "local" },
  });
});

afterAll(async () => {
  if (master && isAlive(master)) process.kill(-master, "SIGKILL");
  await (await import("@/lib/db")).prisma.$disconnect();
  await db?.drop();
  await rm(home, { recursive: true, force: true });
});

async function call(
  handler: (req: NextRequest, route?: { params: Promise<Record<string, string>> }) => Promise<Response>,
  url: string,
  init: { role?: Role; method?: string; body?: unknown; params?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json", origin: ORIGIN };
  if (init.role) {
    const user = users[init.role]!;
    headers.cookie = `next-auth.session-token=${await encode({ token: { uid: user.id, email: user.email, role: init.role }, secret: SECRET })}`;
  }
  const req = new NextRequest(new URL(url, ORIGIN), { method: init.method ?? "GET", headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const res = await handler(req, { params: Promise.resolve(init.params ?? {}) });
  return { status: res.status, body: await res.json() };
}

describe("the costs query", () => {
  it("refuses days before 1970 with a 400 (a range reaches a day before its start; year 1 was a 500)", async () => {
    const res = await call(api.costs.GET, "/api/costs?from=0001-01-01&to=0001-01-06", { role: "lead" });
    expect(res.status).toBe(400);
  });
});

describe("clusters", () => {
  it("lists the local clusters from snapshots, filling the cache on the first view only", async () => {
    const first = await call(api.list.GET, "/api/clusters", { role: "viewer" });
    expect(first.status).toBe(200);
    expect(first.body.freshness.refreshed).toBe(true);
    expect(first.body.items.map((c: { id: string }) => c.id)).toEqual([OWN, LIVE, ENDED]);
    const ended = first.body.items.find((c: { id: string }) => c.id === ENDED);
    expect(ended).toMatchObject({ state: "TERMINATED", dagRun: { dagId: "big_data_pipeline", runId: "manual__1" }, idleSeconds: 19 });
    expect(ended.instanceGroups).toContainEqual({ role: "CORE", instanceType: "local.spark-standalone", count: 2, market: "SPOT" });
    // Costs are for the roles the Costs pages allow: a viewer's list has none.
    expect(first.body.items.every((c: object) => !("estimatedEur" in c))).toBe(true);
    const asLead = await call(api.list.GET, "/api/clusters", { role: "lead" });
    // ready 18 s → ended 160 s, less a 123 s step: 19 s idle; 160 s of 1 on-demand + 2 spot m5.xlarge in eu-west-1, in EUR
    expect(asLead.body.items.find((c: { id: string }) => c.id === ENDED).estimatedEur).toBeCloseTo((160 / 3600) * (0.262 + 2 * 0.1229) * 0.87, 4);
    expect(await db.prisma.clusterSnapshot.count()).toBe(3);
    const second = await call(api.list.GET, "/api/clusters", { role: "viewer" });
    expect(second.body.freshness.refreshed).toBe(false);
    expect(await db.prisma.clusterSnapshot.count()).toBe(3);
  });

  it("refuses a malformed query or id", async () => {
    expect((await call(api.list.GET, "/api/clusters?days=1000", { role: "viewer" })).status).toBe(400);
    expect((await call(api.detail.GET, "/api/clusters/x", { role: "viewer", params: { id: "../etc" } })).status).toBe(400);
    expect((await call(api.detail.GET, "/api/clusters/j-NOSUCH", { role: "viewer", params: { id: "j-NOSUCH" } })).status).toBe(404);
  });

  it("shows a cluster's steps, and whether the viewer may terminate it", async () => {
    const asViewer = await call(api.detail.GET, `/api/clusters/${LIVE}`, { role: "viewer", params: { id: LIVE } });
    expect(asViewer.status).toBe(200);
    expect(asViewer.body.steps).toEqual([expect.objectContaining({ name: "transform", state: "COMPLETED", durationSeconds: 123 })]);
    expect(asViewer.body.canTerminate).toBe(false);
    const asLead = await call(api.detail.GET, `/api/clusters/${LIVE}`, { role: "lead", params: { id: LIVE } });
    expect(asLead.body.canTerminate).toBe(true);
    // The cost figure only for the roles that may see costs.
    expect(asViewer.body.cluster).not.toHaveProperty("estimatedEur");
    const asEngineer = await call(api.detail.GET, `/api/clusters/${LIVE}`, { role: "engineer", params: { id: LIVE } });
    expect(asEngineer.body.cluster).not.toHaveProperty("estimatedEur");
    expect(asLead.body.cluster.estimatedEur).toBeGreaterThan(0);
  });

  it("refuses a termination without the confirmation, by a viewer, or by an engineer for someone else's run, and changes nothing", async () => {
    const terminate = (role: Role, confirm: string) => call(api.terminate.POST, `/api/clusters/${LIVE}/terminate`, { role, method: "POST", body: { confirm }, params: { id: LIVE } });
    expect((await terminate("lead", OWN)).status).toBe(409);
    expect((await terminate("viewer", LIVE)).status).toBe(403);
    const engineer = await terminate("engineer", LIVE);
    expect(engineer.status).toBe(403);
    expect(engineer.body.error.message).toMatch(/their own runs/);
    expect(isAlive(master)).toBe(true);
  });

  it("lets a lead terminate a running cluster: its processes stop, the list shows it, the audit records it", async () => {
    const res = await call(api.terminate.POST, `/api/clusters/${LIVE}/terminate`, { role: "lead", method: "POST", body: { confirm: LIVE }, params: { id: LIVE } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: LIVE, state: "TERMINATED" });
    expect(isAlive(master)).toBe(false);
    const listed = await call(api.list.GET, "/api/clusters", { role: "viewer" });
    expect(listed.body.items.find((c: { id: string }) => c.id === LIVE).state).toBe("TERMINATED");
    const audit = await db.prisma.auditEvent.findMany({ where: { action: "cluster.terminate", target: LIVE } });
    expect(audit.map((a) => [a.actor, a.result])).toContainEqual(["lead@test", "ok"]);
    const again = await call(api.terminate.POST, `/api/clusters/${LIVE}/terminate`, { role: "lead", method: "POST", body: { confirm: LIVE }, params: { id: LIVE } });
    expect(again.status).toBe(409);
  });

  it("lets an engineer terminate the cluster of a run they triggered", async () => {
    const res = await call(api.terminate.POST, `/api/clusters/${OWN}/terminate`, { role: "engineer", method: "POST", body: { confirm: OWN }, params: { id: OWN } });
    expect(res.status).toBe(200);
  });
});

describe("costs", () => {
  const today = new Date().toISOString().slice(0, 10);
  const weekAgo = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);

  it("is for leads: an engineer gets 403", async () => {
    expect((await call(api.costs.GET, `/api/costs?from=${weekAgo}&to=${today}`, { role: "engineer" })).status).toBe(403);
  });

  it("refuses a malformed day, swaps a reversed range and cuts a long one, saying so", async () => {
    expect((await call(api.costs.GET, `/api/costs?from=2026-02-30&to=${today}`, { role: "lead" })).status).toBe(400);
    const reversed = await call(api.costs.GET, `/api/costs?from=${today}&to=${weekAgo}`, { role: "lead" });
    expect(reversed.status).toBe(200);
    expect(reversed.body.adjusted).toMatch(/swapped/);
    expect(reversed.body.report.days).toHaveLength(7);
    const long = await call(api.costs.GET, `/api/costs?from=2020-01-01&to=${today}`, { role: "lead" });
    expect(long.body.adjusted).toMatch(/last 455 days/);
    expect(long.body.report.days).toHaveLength(455);
  });

  it("reports the local runs' cost as estimated as on AWS, per service, run and DAG, with records per euro", async () => {
    const res = await call(api.costs.GET, `/api/costs?from=${weekAgo}&to=${today}&groupBy=run`, { role: "lead" });
    expect(res.status).toBe(200);
    const { report, totals, freshness } = res.body;
    expect(freshness.costs.lastSuccessAt).not.toBeNull();
    expect(report.estimatedAsOnAws).toBe(true);
    expect(report.days).toHaveLength(7);
    const emr = report.services.find((s: { service: string }) => s.service === "emr");
    expect(emr.measured).toBe(false);
    expect(emr.total).toBeCloseTo(report.runs.reduce((a: number, r: { eur: number }) => a + r.eur, 0), 3);
    expect(report.runs).toHaveLength(3);
    expect(totals.map((t: { key: string }) => t.key).sort()).toEqual([ENDED, LIVE, OWN].sort());
    expect(report.records).toMatchObject({ total: 6265, measured: true });
    expect(report.recordsPerEur.value).toBe(Math.round(6265 / emr.total));
    expect(report.spotSavings.eur).toBeGreaterThan(0);
    expect(report.dags).toContainEqual(expect.objectContaining({ dagId: "big_data_pipeline", runs: 3, records: 6265 }));
    expect(report.storage.find((s: { prefix: string }) => s.prefix === "logs/").dailyGb.at(-1)).toBeGreaterThan(0);
    const again = await call(api.costs.GET, `/api/costs?from=${weekAgo}&to=${today}`, { role: "lead" });
    expect(again.body.freshness.costs.refreshed).toBe(false);
  });

  it("gives a run one cost: the same number on the Costs and Clusters pages, in the CSV export and through the API", async () => {
    const { dashboardReport } = await import("@/lib/costs/dashboard");
    const { clusterRows } = await import("@/lib/clusters/list");
    const { clusterDetail } = await import("@/lib/clusters/detail");
    const { RUN_COST_CSV_HEADER, runCostCsvRows } = await import("@/components/costs/csv");
    const { toCsv } = await import("@/components/ui/csv");
    // 160 s of 1 on-demand + 2 spot m5.xlarge (what a local cluster is priced as) in eu-west-1, in EUR.
    const expected = Math.round((160 / 3600) * (0.214 + 0.048 + 2 * (0.0749 + 0.048)) * 0.87 * 10_000) / 10_000;

    const costsPage = (await dashboardReport(new Date(`${weekAgo}T00:00:00Z`), new Date())).runs.find((r) => r.clusterId === ENDED)!;
    const clustersPage = (await clusterRows({ days: 14 })).find((c) => c.id === ENDED)!;
    const clusterPage = (await clusterDetail(ENDED)).row;
    const [header, ...lines] = toCsv(RUN_COST_CSV_HEADER, runCostCsvRows([costsPage])).trimEnd().split("\r\n");
    const csv = Number(lines[0]!.split(",")[header!.split(",").indexOf("EUR")]);
    const costsApi = await call(api.costs.GET, `/api/costs?from=${weekAgo}&to=${today}&groupBy=run`, { role: "lead" });
    const listApi = await call(api.list.GET, "/api/clusters", { role: "lead" });
    const detailApi = await call(api.detail.GET, `/api/clusters/${ENDED}`, { role: "lead", params: { id: ENDED } });

    const figures = {
      costsPage: costsPage.eur,
      clustersPage: clustersPage.estimatedEur,
      clusterPage: clusterPage.estimatedEur,
      csv,
      costsApiRun: costsApi.body.report.runs.find((r: { clusterId: string }) => r.clusterId === ENDED).eur,
      costsApiTotal: costsApi.body.totals.find((t: { key: string }) => t.key === ENDED).eur,
      clustersApi: listApi.body.items.find((c: { id: string }) => c.id === ENDED).estimatedEur,
      clusterApi: detailApi.body.cluster.estimatedEur,
    };
    expect(figures).toEqual(Object.fromEntries(Object.keys(figures).map((k) => [k, expected])));
  });
});
