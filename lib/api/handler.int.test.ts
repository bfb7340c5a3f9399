import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing/test-database";

// The wrapper every route handler goes through, against a real Postgres: each refusal
// (401, 403, 400, 415, cross-site) must leave the database exactly as it was.
const SECRET = "test-secret-that-is-at-least-32-characters-long";
const ORIGIN = "http://127.0.0.1:3000";

let db: TestDatabase;
let mod: {
  handle: typeof import("./handler").handle;
  defineRoute: typeof import("./handler").defineRoute;
  audit: typeof import("@/app/api/audit/route");
  health: typeof import("@/app/api/health/route");
  status: typeof import("@/app/api/status/route");
  dag: typeof import("@/app/api/dags/[dagId]/route");
  trigger: typeof import("@/app/api/dags/[dagId]/runs/route");
};
const users: Record<string, { id: string; email: string }> = {};
const json = { "content-type": "application/json", origin: ORIGIN };

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.NEXTAUTH_URL = ORIGIN;
  // lib/env reads the environment once: load the portal's modules afresh with the test database's.
  vi.resetModules();
  const handler = await import("./handler");
  mod = {
    handle: handler.handle,
    defineRoute: handler.defineRoute,
    audit: await import("@/app/api/audit/route"),
    health: await import("@/app/api/health/route"),
    status: await import("@/app/api/status/route"),
    dag: await import("@/app/api/dags/[dagId]/route"),
    trigger: await import("@/app/api/dags/[dagId]/runs/route"),
  };
  for (const role of ["viewer", "engineer", "admin"] as const) {
    users[role] = await db.prisma.user.create({ data: { email: `${role}@test`, role } });
  }
});

afterAll(async () => {
  await (await import("@/lib/db")).prisma.$disconnect();
  await db?.drop();
});

async function cookieFor(role: Role): Promise<string> {
  const user = users[role]!;
  const token = await encode({ token: { uid: user.id, email: user.email, role }, secret: SECRET });
  return `next-auth.session-token=${token}`;
}

function request(url: string, init: { method?: string; role?: Role; body?: unknown; headers?: Record<string, string> } = {}) {
  return (async () => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.role) headers.cookie = await cookieFor(init.role);
    return new NextRequest(new URL(url, ORIGIN), {
      method: init.method ?? "GET",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  })();
}

/** Everything a refused request might have touched. */
async function snapshot() {
  const [audit, runs, users, limits] = await Promise.all([
    db.prisma.auditEvent.count(),
    db.prisma.pipelineRun.count(),
    db.prisma.user.count(),
    db.prisma.rateLimitHit.count(),
  ]);
  return { audit, runs, users, limits };
}

describe("a mutating route behind handle()", () => {
  // A stand-in business step that writes a row, so a leak through any guard would show.
  const spec = () =>
    mod.defineRoute({
      method: "post",
      path: "/api/test/{dagId}/runs",
      summary: "test",
      tag: "test",
      access: "engineer",
      params: z.object({ dagId: z.string().regex(/^[a-z_]+$/) }),
      body: z.object({ note: z.string().max(20) }),
      response: z.object({ id: z.string() }),
      audit: ({ params }) => ({ action: "dag.trigger", target: params.dagId }),
    });
  const route = () =>
    mod.handle(spec(), async ({ input, user }) => {
      const run = await db.prisma.pipelineRun.create({
        data: {
          dagId: input.params.dagId,
          runId: `manual__${Date.now()}`,
          conf: { note: input.body.note },
          triggeredBy: user!.email,
          state: "queued",
          environment: "local",
        },
      });
      return { id: run.id };
    });
  const params = (dagId: string) => ({ params: Promise.resolve({ dagId }) });

  const refusals: [string, () => Promise<NextRequest>, string, number, RegExp][] = [
    ["signed out", () => request("/api/test/x/runs", { method: "POST", headers: json, body: { note: "a" } }), "x", 401, /Sign in/],
    ["a viewer", () => request("/api/test/x/runs", { method: "POST", role: "viewer", headers: json, body: { note: "a" } }), "x", 403, /engineer role/],
    ["bad input", () => request("/api/test/x/runs", { method: "POST", role: "engineer", headers: json, body: { note: "x".repeat(21) } }), "x", 400, /Invalid body\.note/],
    ["a bad path parameter", () => request("/api/test/x/runs", { method: "POST", role: "engineer", headers: json, body: { note: "a" } }), "x; rm -rf /", 400, /Invalid path\.dagId/],
    ["a cross-site origin", () => request("/api/test/x/runs", { method: "POST", role: "engineer", headers: { ...json, origin: "https://evil.example" }, body: { note: "a" } }), "x", 403, /Cross-site/],
    ["no Origin nor Referer", () => request("/api/test/x/runs", { method: "POST", role: "engineer", headers: { "content-type": "application/json" }, body: { note: "a" } }), "x", 403, /Cross-site/],
    // Postgres cannot store U+0000: caught at the door, not as a 500 from the insert.
    ["a NUL character", () => request("/api/test/x/runs", { method: "POST", role: "engineer", headers: json, body: { note: "a\u0000b" } }), "x", 400, /Invalid body: .*NUL/],
    // 12 MB once read whole: now refused as soon as the count passes 64 KiB.
    ["a body over 64 KiB", () => request("/api/test/x/runs", { method: "POST", role: "engineer", headers: json, body: { note: "x".repeat(200_000) } }), "x", 413, /over 65536 bytes/],
    ["a form post", () => request("/api/test/x/runs", { method: "POST", role: "engineer", headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" }, body: { note: "a" } }), "x", 415, /application\/json/],
  ];

  for (const [who, make, dagId, status, message] of refusals) {
    it(`refuses ${who} with ${status} and changes nothing`, async () => {
      const before = await snapshot();
      const res = await route()(await make(), params(dagId));
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(body.error.message).toMatch(message);
      expect(await snapshot()).toEqual(before);
    });
  }

  it("refuses a body that is not JSON with a 400", async () => {
    const req = new NextRequest(new URL("/api/test/x/runs", ORIGIN), {
      method: "POST",
      headers: { ...json, cookie: await cookieFor("engineer") },
      body: "{not json",
    });
    const res = await route()(req, params("x"));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/not valid JSON/);
  });

  it("refuses a chunked body over 64 KiB (no Content-Length) with a 413", async () => {
    const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(chunk); // endless: only the counter stops it
      },
    });
    const req = new NextRequest(new URL("/api/test/x/runs", ORIGIN), {
      method: "POST",
      headers: { ...json, cookie: await cookieFor("engineer") },
      body,
      duplex: "half",
    } as ConstructorParameters<typeof NextRequest>[1]);
    const before = await snapshot();
    const res = await route()(req, params("x"));
    expect(res.status).toBe(413);
    expect(await snapshot()).toEqual(before);
  });

  it("runs the business step for an engineer and audits it", async () => {
    const res = await route()(
      await request("/api/test/simple_addition/runs", { method: "POST", role: "engineer", headers: json, body: { note: "hello" } }),
      params("simple_addition"),
    );
    expect(res.status).toBe(200);
    const events = await db.prisma.auditEvent.findMany({ where: { action: "dag.trigger" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: "engineer@test", target: "simple_addition", result: "ok" });
    expect(events[0]!.params).toMatchObject({ dagId: "simple_addition", note: "hello" });
    expect(events[0]!.requestId).toBe(res.headers.get("x-request-id"));
  });
});

describe("a GET that reaches AWS", () => {
  it("is rate-limited per user: 429 with Retry-After past its reads per minute, other users unaffected", async () => {
    const spec = mod.defineRoute({ method: "get", path: "/api/test/expensive", summary: "t", tag: "t", access: "viewer", readsPerMinute: 2, response: z.object({ ok: z.boolean() }) });
    const route = mod.handle(spec, async () => ({ ok: true }));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await route(await request("/api/test/expensive", { role: "viewer" }))).status);
    expect(statuses).toEqual([200, 200, 429]);
    const refused = await route(await request("/api/test/expensive", { role: "viewer" }));
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await route(await request("/api/test/expensive", { role: "engineer" }))).status).toBe(200);
  });

  it("cluster detail and the lake summary carry a per-user read limit", async () => {
    const { getCluster } = await import("./contracts/clusters");
    const { summarizePrefix } = await import("./contracts/lake");
    expect(getCluster.readsPerMinute).toBeGreaterThan(0);
    expect(summarizePrefix.readsPerMinute).toBeGreaterThan(0);
  });
});

describe("the foundation's routes", () => {
  it("health answers without a session and shows no secrets", async () => {
    const res = await mod.health.GET(await request("/api/health"));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ status: "ok", database: "ok" });
    expect(text).not.toMatch(/postgres(ql)?:\/\//);
  });

  it("status needs a session", async () => {
    expect((await mod.status.GET(await request("/api/status"))).status).toBe(401);
    const res = await mod.status.GET(await request("/api/status", { role: "viewer" }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items.find((i: { port: string }) => i.port === "database")).toMatchObject({ state: "ok" });
  });

  it("status probes each source once per interval, however many ask at once, and shows no internals", async () => {
    const { getPlatform } = await import("@/lib/platform");
    const lake = getPlatform().lake!;
    const probe = vi.spyOn(lake, "probe").mockRejectedValue(new Error("connect ECONNREFUSED 10.9.8.7:443 arn:aws:iam::123456789012:role/portal"));
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 60 * 60_000); // past any earlier test's probes
      const answers = await Promise.all(Array.from({ length: 10 }, async () => mod.status.GET(await request("/api/status", { role: "viewer" }))));
      expect(answers.every((r) => r.status === 200)).toBe(true);
      expect(probe).toHaveBeenCalledTimes(1);
      const item = (await answers[0]!.json()).items.find((i: { port: string }) => i.port === "lake");
      expect(item.state).toBe("down");
      expect(item.message).toMatch(/did not answer; the details are in the server log \(ref [0-9a-f-]{36}\)/);
      expect(item.message).not.toMatch(/10\.9\.8\.7|123456789012|ECONNREFUSED/);
    } finally {
      vi.useRealTimers();
      probe.mockRestore();
    }
  });

  it("audit is for admins only and validates its filters", async () => {
    expect((await mod.audit.GET(await request("/api/audit", { role: "engineer" }))).status).toBe(403);
    const bad = await mod.audit.GET(await request("/api/audit?limit=100000", { role: "admin" }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/query\.limit/);
    const nul = await mod.audit.GET(await request("/api/audit?actor=a%00b", { role: "admin" }));
    expect(nul.status).toBe(400);
    expect((await nul.json()).error.message).toMatch(/Invalid query: .*NUL/);
    const ok = await mod.audit.GET(await request("/api/audit?action=dag.trigger", { role: "admin" }));
    expect(ok.status).toBe(200);
    expect((await ok.json()).items.length).toBeGreaterThan(0);
  });

  it("audit pages with a cursor, newest first", async () => {
    for (let i = 0; i < 3; i++) {
      await db.prisma.auditEvent.create({
        data: { actor: "admin@test", action: "lake.delete", target: `raw/${i}`, result: "ok", requestId: `r${i}`, at: new Date(Date.UTC(2026, 0, 1 + i)) },
      });
    }
    const first = await (await mod.audit.GET(await request("/api/audit?action=lake.delete&limit=2", { role: "admin" }))).json();
    expect(first.items.map((e: { target: string }) => e.target)).toEqual(["raw/2", "raw/1"]);
    const second = await (
      await mod.audit.GET(await request(`/api/audit?action=lake.delete&limit=2&cursor=${first.nextCursor}`, { role: "admin" }))
    ).json();
    expect(second.items.map((e: { target: string }) => e.target)).toEqual(["raw/0"]);
    expect(second.nextCursor).toBeNull();
  });
});

describe("a DAG's declared Params (dags/params.json)", () => {
  const route = { params: Promise.resolve({ dagId: "big_data_pipeline" }) };

  it("come with the DAG, so the trigger form can be built from them", async () => {
    await db.prisma.dag.create({ data: { dagId: "big_data_pipeline", paused: false, syncedAt: new Date() } });
    const res = await mod.dag.GET(await request("/api/dags/big_data_pipeline", { role: "viewer" }), route);
    expect(res.status).toBe(200);
    const { params } = await res.json();
    expect(params.map((p: { name: string }) => p.name)).toEqual(["run_date", "scale", "seed", "steps"]);
    expect(params[1]).toEqual({
      name: "scale",
      default: null,
      description: "Data volume; 1.0 is the full 5M+ record set",
      schema: { exclusiveMinimum: 0, maximum: 100, type: ["null", "number"] },
    });
  });

  it("refuse a trigger whose conf fails them with a 400, before a run or its key is recorded", async () => {
    const runs = await db.prisma.pipelineRun.count();
    const body = { conf: { scale: 0, seed: -1, note: "not a param: Airflow allows it" }, idempotencyKey: "params-00000001" };
    const res = await mod.trigger.POST(await request("/api/dags/big_data_pipeline/runs", { method: "POST", role: "engineer", headers: json, body }), route);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe("The conf does not fit the DAG's Params: scale: must be greater than 0; seed: must be at least 0.");
    expect(await db.prisma.pipelineRun.count()).toBe(runs);
    expect(await db.prisma.idempotencyKey.count({ where: { key: body.idempotencyKey } })).toBe(0);
  });

  it("refuse a conf that could not be stored and sent exactly as received, rather than change it", async () => {
    const runs = await db.prisma.pipelineRun.count();
    const raw = [
      ['{"conf": {"__proto__": {"admin": true}, "seed": 1}, "idempotencyKey": "params-00000002"}', /__proto__/],
      ['{"conf": {"seed": 12345678901234567890}, "idempotencyKey": "params-00000003"}', /beyond 2\^53/],
    ] as const;
    for (const [body, message] of raw) {
      const req = new NextRequest(new URL("/api/dags/big_data_pipeline/runs", ORIGIN), { method: "POST", headers: { ...json, cookie: await cookieFor("engineer") }, body });
      const res = await mod.trigger.POST(req, route);
      expect(res.status, body).toBe(400);
      expect((await res.json()).error.message).toMatch(message);
    }
    expect(await db.prisma.pipelineRun.count()).toBe(runs);
  });
});
