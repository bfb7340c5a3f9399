import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RouteSpec } from "@/lib/api/handler";
import { hasRole, ROLES, type Role } from "@/lib/auth/roles";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing/test-database";

// The role × route matrix, generated from the route table: every route, every role and signed out.
// A role below the route's access level (or no session) is refused before any work, with a valid
// request; a role at or above it passes the gate. The expected levels are written out here, so
// loosening a route's access, or adding a route without one, fails this test.
const SECRET = "test-secret-that-is-at-least-32-characters-long";
const ORIGIN = "http://127.0.0.1:3000";
const BUCKET = "matrix-lake";
const API_KEY = "matrix-lineage-key-that-is-at-least-32-characters";

type Access = Role | "public" | "api-key";
const EXPECTED_ACCESS: Record<string, Access> = {
  "GET /api/health": "public",
  "GET /api/status": "viewer",
  "GET /api/alarms": "viewer",
  "GET /api/audit": "admin",
  "GET /api/people": "admin",
  "POST /api/people/{id}/access": "admin",
  "POST /api/people/{id}/role": "admin",
  "GET /api/lake/buckets": "viewer",
  "GET /api/lake/objects": "viewer",
  "GET /api/lake/summary": "viewer",
  "GET /api/lake/preview": "viewer",
  "GET /api/lake/download": "viewer",
  "POST /api/lake/upload": "engineer",
  "DELETE /api/lake/objects": "admin",
  "GET /api/clusters": "viewer",
  "GET /api/clusters/{id}": "viewer",
  "GET /api/clusters/{id}/steps/{stepId}/logs": "viewer",
  "GET /api/clusters/{id}/steps/{stepId}/logs/download": "viewer",
  "POST /api/clusters/{id}/terminate": "engineer",
  "GET /api/costs": "lead",
  "GET /api/budget": "lead",
  "GET /api/dags": "viewer",
  "GET /api/dags/{dagId}": "viewer",
  "POST /api/dags/{dagId}/runs": "engineer",
  "POST /api/dags/{dagId}/pause": "engineer",
  "POST /api/dags/{dagId}/estimate": "engineer",
  "POST /api/dags/{dagId}/backfills/preview": "engineer",
  "POST /api/dags/{dagId}/backfills": "engineer",
  "GET /api/backfills": "viewer",
  "GET /api/backfills/{id}": "viewer",
  "GET /api/runs": "viewer",
  "GET /api/runs/summary": "viewer",
  "GET /api/runs/{id}": "viewer",
  "GET /api/runs/{id}/tasks/{taskId}/logs": "viewer",
  "GET /api/runs/{id}/tasks/{taskId}/logs/download": "viewer",
  "POST /api/runs/{id}/rerun": "engineer",
  "POST /api/v1/lineage": "api-key",
  "GET /api/lineage": "viewer",
  "GET /api/datasets": "viewer",
  "GET /api/datasets/{name}": "viewer",
};

const today = new Date().toISOString().slice(0, 10);
const weekAgo = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);

/** A valid request per route: path parameters, query, and the body a refused role sends. */
const SAMPLES: Record<string, { params?: Record<string, string>; query?: Record<string, string>; body?: Record<string, unknown> }> = {
  "GET /api/lake/objects": { query: { bucket: BUCKET, prefix: "" } },
  "GET /api/lake/summary": { query: { bucket: BUCKET, prefix: "raw/" } },
  "GET /api/lake/preview": { query: { bucket: BUCKET, key: "raw/hello.txt" } },
  "GET /api/lake/download": { query: { bucket: BUCKET, key: "raw/hello.txt" } },
  "POST /api/lake/upload": { body: { bucket: BUCKET, key: "raw/matrix.csv" } },
  "DELETE /api/lake/objects": { body: { bucket: BUCKET, key: "raw/hello.txt" } },
  "GET /api/clusters/{id}": { params: { id: "j-NOSUCHCLUSTER" } },
  "POST /api/clusters/{id}/terminate": { params: { id: "j-NOSUCHCLUSTER" }, body: { confirm: "j-NOSUCHCLUSTER" } },
  "GET /api/costs": { query: { from: weekAgo, to: today } },
  "POST /api/people/{id}/access": { params: { id: "nosuchperson" }, body: { disabled: false } },
  "POST /api/people/{id}/role": { params: { id: "nosuchperson" }, body: { role: "viewer", reason: "route matrix" } },
  "GET /api/dags/{dagId}": { params: { dagId: "simple_addition" } },
  "POST /api/dags/{dagId}/runs": { params: { dagId: "simple_addition" }, body: { conf: {}, idempotencyKey: "matrix-00000001" } },
  "POST /api/dags/{dagId}/pause": { params: { dagId: "simple_addition" }, body: { paused: true } },
  "POST /api/dags/{dagId}/backfills/preview": { params: { dagId: "simple_addition" }, body: { from: weekAgo, to: today } },
  "POST /api/dags/{dagId}/backfills": { params: { dagId: "simple_addition" }, body: { from: weekAgo, to: today, idempotencyKey: "matrix-00000002" } },
  "GET /api/backfills/{id}": { params: { id: "nosuchbackfill" } },
  "GET /api/runs/{id}": { params: { id: "nosuchrun" } },
  "GET /api/runs/{id}/tasks/{taskId}/logs": { params: { id: "nosuchrun", taskId: "start" }, query: { try: "1" } },
  "GET /api/runs/{id}/tasks/{taskId}/logs/download": { params: { id: "nosuchrun", taskId: "start" }, query: { try: "1" } },
  "POST /api/runs/{id}/rerun": { params: { id: "nosuchrun" }, body: { idempotencyKey: "matrix-00000003" } },
  "GET /api/clusters/{id}/steps/{stepId}/logs": { params: { id: "j-NOSUCHCLUSTER", stepId: "s-NOSUCHSTEP" }, query: { stream: "stderr" } },
  "GET /api/clusters/{id}/steps/{stepId}/logs/download": { params: { id: "j-NOSUCHCLUSTER", stepId: "s-NOSUCHSTEP" }, query: { stream: "stderr" } },
  "POST /api/dags/{dagId}/estimate": { params: { dagId: "simple_addition" }, body: { conf: {} } },
  "GET /api/lineage": { query: { bucket: BUCKET, key: "curated/orders/order_date=2025-12-07/part-0.parquet" } },
  "GET /api/datasets/{name}": { params: { name: "curated/orders" } },
  "POST /api/v1/lineage": {
    body: {
      eventType: "START",
      eventTime: "2025-12-07T00:00:00.000Z",
      producer: "https://example.com/matrix",
      schemaURL: "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
      run: { runId: "01930000-0000-7000-8000-000000000001" },
      job: { namespace: "matrix", name: "job" },
    },
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySpec = RouteSpec<any, any, any, any>;
type Handler = (req: NextRequest, route?: { params: Promise<Record<string, string>> }) => Promise<Response>;

let db: TestDatabase;
let home: string;
let routes: AnySpec[];
const users = {} as Record<Role, { id: string; email: string }>;
const nameOf = (spec: AnySpec) => `${spec.method.toUpperCase()} ${spec.path}`;
/** The level written above (what the handler must enforce), whatever the spec now says. */
const levelOf = (spec: AnySpec): Access => EXPECTED_ACCESS[nameOf(spec)] ?? "admin";
// A key-authenticated route lets no session through: every role and the signed-out get 401.
const mayCall = (spec: AnySpec, who: Role | null) =>
  levelOf(spec) === "public" || (levelOf(spec) !== "api-key" && who !== null && hasRole(who, levelOf(spec) as Role));

beforeAll(async () => {
  db = await createTestDatabase();
  home = await mkdtemp(path.join(tmpdir(), "route-matrix-"));
  await mkdir(path.join(home, "lake", BUCKET, "raw"), { recursive: true });
  await writeFile(path.join(home, "lake", BUCKET, "raw", "hello.txt"), "hello\n");
  Object.assign(process.env, { LINEAGE_API_KEY: API_KEY, DATABASE_URL: db.url, NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: ORIGIN, PLATFORM_HOME: home, PLATFORM_MODE: "local", LAKE_BUCKETS: BUCKET, SYNC_ENABLED: "false" });
  vi.resetModules();
  routes = (await import("@/lib/api/routes")).ROUTES;
  for (const role of ROLES) users[role] = await db.prisma.user.create({ data: { email: `${role}@matrix`, role } });
});

afterAll(async () => {
  await (await import("@/lib/db")).prisma.$disconnect();
  await db?.drop();
  await rm(home, { recursive: true, force: true });
});

async function cookie(user: { id: string; email: string }, role: Role) {
  return `next-auth.session-token=${await encode({ token: { uid: user.id, email: user.email, role }, secret: SECRET })}`;
}

/** The route's handler, from its file under app/ (the path with {x} as [x]). */
async function handlerOf(spec: AnySpec): Promise<Handler> {
  const file = path.resolve("app", `.${spec.path.replace(/\{(\w+)\}/g, "[$1]")}`, "route.ts");
  const mod = (await import(/* @vite-ignore */ file)) as Record<string, Handler>;
  const handler = mod[spec.method.toUpperCase()];
  if (!handler) throw new Error(`${file} exports no ${spec.method.toUpperCase()}`);
  return handler;
}

/** The request a role sends: valid for a role that is refused; for an allowed mutation, a body missing its fields (400 after the gate, nothing done). */
function requestFor(spec: AnySpec, cookieHeader: string | null, allowed: boolean): NextRequest {
  const sample = SAMPLES[nameOf(spec)] ?? {};
  let url = spec.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(sample.params?.[name] ?? "x"));
  if (sample.query) url += `?${new URLSearchParams(sample.query)}`;
  const headers: Record<string, string> = { origin: ORIGIN };
  if (cookieHeader) headers.cookie = cookieHeader;
  if (spec.method === "get") return new NextRequest(new URL(url, ORIGIN), { headers });
  const fields = allowed ? {} : (sample.body ?? {});
  if (spec.bodyType === "multipart") {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, String(v));
    if (!allowed) form.set("file", new File(["a,b\n"], "matrix.csv", { type: "text/csv" }));
    return new NextRequest(new URL(url, ORIGIN), { method: spec.method.toUpperCase(), headers, body: form });
  }
  headers["content-type"] = "application/json";
  return new NextRequest(new URL(url, ORIGIN), { method: spec.method.toUpperCase(), headers, body: JSON.stringify(fields) });
}

async function call(spec: AnySpec, who: Role | null): Promise<number> {
  const allowed = mayCall(spec, who);
  const req = requestFor(spec, who ? await cookie(users[who], who) : null, allowed);
  const params = SAMPLES[nameOf(spec)]?.params ?? {};
  const res = await (await handlerOf(spec))(req, { params: Promise.resolve(params) });
  return res.status;
}

describe("the role × route matrix", () => {
  it("has every route of the table, each with the access level written here", () => {
    const actual = Object.fromEntries(routes.map((r) => [nameOf(r), r.access]));
    expect(actual).toEqual(EXPECTED_ACCESS);
  });

  it("refuses every role below each route's level, and signed out, before any work", async () => {
    const refusals: string[] = [];
    for (const spec of routes) {
      for (const who of [null, ...ROLES] as const) {
        if (mayCall(spec, who)) continue;
        const status = await call(spec, who);
        const expected = who === null || levelOf(spec) === "api-key" ? 401 : 403;
        if (status !== expected) refusals.push(`${nameOf(spec)} as ${who ?? "signed out"}: ${status}, expected ${expected}`);
      }
    }
    expect(refusals).toEqual([]);
  }, 120_000);

  it("lets every role at or above each route's level through the gate", async () => {
    const wrong: string[] = [];
    for (const spec of routes) {
      for (const who of [null, ...ROLES] as const) {
        if (!mayCall(spec, who)) continue;
        const status = await call(spec, who);
        // Past the gate: the work's own answer (200, 201, 404 for a sample id, 400 for the empty mutation body, 501), never 401/403 or a 5xx.
        // A POST that only reads (an estimate: every field optional) answers like a GET.
        const answered = status < 500 && status !== 401 && status !== 403;
        const ok = spec.method === "get" || !spec.audit ? answered && (spec.method === "get" || status !== 201) : status === 400;
        if (!ok) wrong.push(`${nameOf(spec)} as ${who ?? "signed out"}: ${status}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);
});

describe("an existing session cookie", () => {
  it("is refused on the next request once its person is demoted or disabled", async () => {
    const person = await db.prisma.user.create({ data: { email: "demoted@matrix", role: "admin" } });
    const sessionCookie = await cookie(person, "admin");
    const audit = (await import("@/app/api/audit/route")).GET as Handler;
    const get = () => audit(new NextRequest(new URL("/api/audit", ORIGIN), { headers: { cookie: sessionCookie } }));
    expect((await get()).status).toBe(200);
    await db.prisma.user.update({ where: { id: person.id }, data: { role: "viewer" } });
    expect((await get()).status).toBe(403);
    await db.prisma.user.update({ where: { id: person.id }, data: { role: "admin", disabled: true } });
    expect((await get()).status).toBe(401);
  });
});

describe("the API-key route", () => {
  const post = async (body: unknown, headers: Record<string, string>) => {
    const handler = (await import("@/app/api/v1/lineage/route")).POST as Handler;
    const req = new NextRequest(new URL("/api/v1/lineage", ORIGIN), { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    return handler(req);
  };
  const event = SAMPLES["POST /api/v1/lineage"]!.body!;

  it("takes the key from any origin, stores an event once, and refuses a wrong key or a bad event with a clear message", async () => {
    const first = await post(event, { authorization: `Bearer ${API_KEY}` });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ runId: "01930000-0000-7000-8000-000000000001", stored: true });
    expect(await (await post(event, { authorization: `Bearer ${API_KEY}`, origin: "https://elsewhere.example" })).json()).toMatchObject({ stored: false });
    expect((await post(event, { authorization: "Bearer wrong-key" })).status).toBe(401);
    const bad = await post({ ...event, eventType: "DONE" }, { authorization: `Bearer ${API_KEY}` });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/eventType/);
    const huge = await post({ ...event, job: { namespace: "matrix", name: "x".repeat(2_000_000) } }, { authorization: `Bearer ${API_KEY}` });
    expect(huge.status).toBe(413);
  });
});
