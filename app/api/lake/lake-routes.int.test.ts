import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing/test-database";

// The lake API end to end below the browser: real session cookies, real Postgres for audit and
// rate limits, the real local adapter on a temporary lake.
const SECRET = "test-secret-that-is-at-least-32-characters-long";
const ORIGIN = "http://127.0.0.1:3000";
const BUCKET = "routes-lake";

let db: TestDatabase;
let home: string;
let routes: {
  buckets: typeof import("./buckets/route");
  objects: typeof import("./objects/route");
  summary: typeof import("./summary/route");
  preview: typeof import("./preview/route");
  download: typeof import("./download/route");
  upload: typeof import("./upload/route");
};
const users: Record<string, { id: string; email: string }> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  home = await mkdtemp(path.join(tmpdir(), "lake-routes-"));
  const bucketDir = path.join(home, "lake", BUCKET);
  await mkdir(path.join(bucketDir, "raw", "orders", "order_date=2025-01-01"), { recursive: true });
  await copyFile(path.resolve("lib/lake/fixtures/orders.parquet"), path.join(bucketDir, "raw", "orders", "order_date=2025-01-01", "part-0.parquet"));
  await writeFile(path.join(bucketDir, "raw", "hello.txt"), "hello lake\n");
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    NEXTAUTH_SECRET: SECRET,
    NEXTAUTH_URL: ORIGIN,
    PLATFORM_HOME: home,
    PLATFORM_MODE: "local",
    LAKE_BUCKETS: BUCKET,
  });
  vi.resetModules();
  routes = {
    buckets: await import("./buckets/route"),
    objects: await import("./objects/route"),
    summary: await import("./summary/route"),
    preview: await import("./preview/route"),
    download: await import("./download/route"),
    upload: await import("./upload/route"),
  };
  for (const role of ["viewer", "engineer", "admin"] as const) {
    users[role] = await db.prisma.user.create({ data: { email: `${role}@test`, role } });
  }
});

afterAll(async () => {
  await (await import("@/lib/db")).prisma.$disconnect();
  await db?.drop();
  await rm(home, { recursive: true, force: true });
});

async function cookie(role: Role): Promise<string> {
  const user = users[role]!;
  return `next-auth.session-token=${await encode({ token: { uid: user.id, email: user.email, role }, secret: SECRET })}`;
}

async function get(url: string, role: Role = "viewer") {
  return new NextRequest(new URL(url, ORIGIN), { headers: { cookie: await cookie(role) } });
}

async function uploadRequest(
  role: Role,
  fields: { bucket?: string; key: string; content?: string },
  headers: Record<string, string> = {},
  search = "",
) {
  const form = new FormData();
  form.set("bucket", fields.bucket ?? BUCKET);
  form.set("key", fields.key);
  form.set("file", new File([fields.content ?? "a,b\n1,2\n"], "upload.csv", { type: "text/csv" }));
  // The multipart body as a browser sends it (Content-Type with its boundary), then the extra headers.
  const encoded = new Request(ORIGIN, { method: "POST", body: form });
  return new NextRequest(new URL(`/api/lake/upload${search}`, ORIGIN), {
    method: "POST",
    headers: { cookie: await cookie(role), origin: ORIGIN, "content-type": encoded.headers.get("content-type")!, ...headers },
    body: await encoded.arrayBuffer(),
  });
}

async function deleteRequest(role: Role, key: string) {
  return new NextRequest(new URL("/api/lake/objects", ORIGIN), {
    method: "DELETE",
    headers: { cookie: await cookie(role), origin: ORIGIN, "content-type": "application/json" },
    body: JSON.stringify({ bucket: BUCKET, key }),
  });
}

const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
const lakeFiles = () => readdir(path.join(home, "lake", BUCKET), { recursive: true });

describe("reading the lake", () => {
  it("lists the configured buckets", async () => {
    const res = await routes.buckets.GET(await get("/api/lake/buckets"));
    expect(await res.json()).toEqual({ items: [{ name: BUCKET, versioned: false }] });
  });

  it("lists a folder with names, sizes and folder flags", async () => {
    const res = await routes.objects.GET(await get(`/api/lake/objects?${q({ bucket: BUCKET, prefix: "raw/" })}`));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items.map((e: { name: string; isFolder: boolean; size: number }) => [e.name, e.isFolder, e.size])).toEqual([
      ["hello.txt", false, 11],
      ["orders/", true, 0],
    ]);
    expect(body.nextCursor).toBeNull();
  });

  const bad: [string, string, number, RegExp][] = [
    ["a traversal prefix", q({ bucket: BUCKET, prefix: "raw/../../" }), 400, /'\.' or '\.\.' segment/],
    ["an encoded traversal", q({ bucket: BUCKET, prefix: "raw/%2e%2e/" }), 400, /percent-encoded/],
    ["an absolute prefix", q({ bucket: BUCKET, prefix: "/etc/" }), 400, /starts with '\/'/],
    ["a NUL in the prefix", q({ bucket: BUCKET, prefix: "raw/\u0000/" }), 400, /NUL character/],
    ["a huge limit", q({ bucket: BUCKET, prefix: "", limit: "100000" }), 400, /query\.limit/],
    ["an unknown bucket", q({ bucket: "someone-elses-bucket", prefix: "" }), 404, /Unknown bucket/],
    ["a forged cursor", q({ bucket: BUCKET, prefix: "", cursor: "AAAA" }), 400, /cursor/],
  ];
  for (const [what, query, status, message] of bad) {
    it(`answers ${status} to ${what}, with the error shape and no stack`, async () => {
      const res = await routes.objects.GET(await get(`/api/lake/objects?${query}`));
      expect(res.status).toBe(status);
      const body = await res.json();
      expect(body.error.message).toMatch(message);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    });
  }

  it("summarises a dataset's partitions", async () => {
    const res = await routes.summary.GET(await get(`/api/lake/summary?${q({ bucket: BUCKET, prefix: "raw/orders/" })}`));
    const body = await res.json();
    expect(body).toMatchObject({ objects: 1, partitions: [{ name: "order_date=2025-01-01", objects: 1 }], truncated: false });
  });

  it("previews Parquet with bytesRead below the size", async () => {
    const key = "raw/orders/order_date=2025-01-01/part-0.parquet";
    const res = await routes.preview.GET(await get(`/api/lake/preview?${q({ bucket: BUCKET, key, rows: "3" })}`));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ kind: "parquet", rowCount: 20000 });
    expect(body.rows).toHaveLength(3);
    expect(body.bytesRead).toBeLessThan(body.size);
  });

  it("refuses a preview of a traversal key and of too many rows", async () => {
    expect((await routes.preview.GET(await get(`/api/lake/preview?${q({ bucket: BUCKET, key: "../../etc/passwd" })}`))).status).toBe(400);
    expect((await routes.preview.GET(await get(`/api/lake/preview?${q({ bucket: BUCKET, key: "raw/hello.txt", rows: "5000" })}`))).status).toBe(400);
  });

  it("streams a download of a local object as an attachment", async () => {
    const res = await routes.download.GET(await get(`/api/lake/download?${q({ bucket: BUCKET, key: "raw/hello.txt" })}`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="hello.txt"/);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await res.text()).toBe("hello lake\n");
  });

  it("needs a session", async () => {
    const res = await routes.objects.GET(new NextRequest(new URL(`/api/lake/objects?${q({ bucket: BUCKET })}`, ORIGIN)));
    expect(res.status).toBe(401);
  });
});

describe("changing the lake", () => {
  it("lets an engineer upload into raw/, and audits it without the file's bytes", async () => {
    const res = await routes.upload.POST(await uploadRequest("engineer", { key: "raw/uploads/new.csv" }));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ key: "raw/uploads/new.csv", size: 8 });
    const [event] = await db.prisma.auditEvent.findMany({ where: { action: "lake.upload" } });
    expect(event).toMatchObject({ actor: "engineer@test", target: `s3://${BUCKET}/raw/uploads/new.csv`, result: "ok" });
    expect(event!.params).toMatchObject({ key: "raw/uploads/new.csv", file: { name: "upload.csv", type: "text/csv" } });
  });

  const refused: [string, () => Promise<NextRequest>, number, RegExp][] = [
    ["an upload outside raw/", () => uploadRequest("engineer", { key: "curated/planted.csv" }), 403, /raw\//],
    ["a viewer's upload", () => uploadRequest("viewer", { key: "raw/v.csv" }), 403, /engineer role/],
    ["a traversal key", () => uploadRequest("engineer", { key: "raw/../../../escaped.csv" }), 400, /segment/],
    ["a cross-site upload", () => uploadRequest("engineer", { key: "raw/x.csv" }, { origin: "https://evil.example" }), 403, /Cross-site/],
    ["an unknown bucket", () => uploadRequest("engineer", { bucket: "other-bucket", key: "raw/x.csv" }), 404, /Unknown bucket/],
  ];
  for (const [what, make, status, message] of refused) {
    it(`refuses ${what} with ${status} and writes nothing`, async () => {
      const before = await lakeFiles();
      const res = await routes.upload.POST(await make());
      expect(res.status).toBe(status);
      expect((await res.json()).error.message).toMatch(message);
      expect(await lakeFiles()).toEqual(before);
    });
  }

  it("refuses an upload sent as JSON (415)", async () => {
    const req = new NextRequest(new URL("/api/lake/upload", ORIGIN), {
      method: "POST",
      headers: { cookie: await cookie("engineer"), origin: ORIGIN, "content-type": "application/json" },
      body: JSON.stringify({ bucket: BUCKET, key: "raw/x.csv" }),
    });
    const res = await routes.upload.POST(req);
    expect(res.status).toBe(415);
  });

  it("refuses a second upload to a key (409) and keeps the first file", async () => {
    expect((await routes.upload.POST(await uploadRequest("engineer", { key: "raw/once.csv", content: "first" }))).status).toBe(201);
    const res = await routes.upload.POST(await uploadRequest("engineer", { key: "raw/once.csv", content: "second" }));
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/already exists/);
    expect(await readFile(path.join(home, "lake", BUCKET, "raw", "once.csv"), "utf8")).toBe("first");
  });

  it("lets only an admin replace, explicitly and audited, and says the old content is gone on an unversioned bucket", async () => {
    const engineer = await routes.upload.POST(await uploadRequest("engineer", { key: "raw/once.csv", content: "mine" }, {}, "?replace=true"));
    expect(engineer.status).toBe(403);
    const res = await routes.upload.POST(await uploadRequest("admin", { key: "raw/once.csv", content: "replaced" }, {}, "?replace=true"));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ replaced: true, previousVersionKept: false, message: /earlier content is gone/ });
    expect(await readFile(path.join(home, "lake", BUCKET, "raw", "once.csv"), "utf8")).toBe("replaced");
    expect(await db.prisma.auditEvent.count({ where: { action: "lake.replace", result: "ok", actor: "admin@test" } })).toBe(1);
  });

  it("refuses form fields it would ignore (400), as its OpenAPI schema says (additionalProperties: false)", async () => {
    const form = new FormData();
    form.set("bucket", BUCKET);
    form.set("key", "raw/extra.csv");
    form.set("note", "ignored?");
    form.set("file", new File(["a\n"], "extra.csv", { type: "text/csv" }));
    const encoded = new Request(ORIGIN, { method: "POST", body: form });
    const req = new NextRequest(new URL("/api/lake/upload", ORIGIN), {
      method: "POST",
      headers: { cookie: await cookie("engineer"), origin: ORIGIN, "content-type": encoded.headers.get("content-type")! },
      body: await encoded.arrayBuffer(),
    });
    const res = await routes.upload.POST(req);
    expect(res.status).toBe(400);
    expect(await lakeFiles()).not.toContain(path.join("raw", "extra.csv"));
  });

  it("refuses an upload whose declared length is over the cap (413) before reading it", async () => {
    const res = await routes.upload.POST(await uploadRequest("engineer", { key: "raw/huge.csv" }, { "content-length": String(2 ** 40) }));
    expect(res.status).toBe(413);
    expect(await lakeFiles()).not.toContain(path.join("raw", "huge.csv"));
  });

  it("refuses an engineer's delete and keeps the object", async () => {
    const res = await routes.objects.DELETE(await deleteRequest("engineer", "raw/hello.txt"));
    expect(res.status).toBe(403);
    expect(await lakeFiles()).toContain(path.join("raw", "hello.txt"));
  });

  it("lets an admin delete, audited; a second delete is 404", async () => {
    const res = await routes.objects.DELETE(await deleteRequest("admin", "raw/uploads/new.csv"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ bucket: BUCKET, key: "raw/uploads/new.csv", deleteMarker: false });
    expect(await db.prisma.auditEvent.count({ where: { action: "lake.delete", result: "ok" } })).toBe(1);
    expect((await routes.objects.DELETE(await deleteRequest("admin", "raw/uploads/new.csv"))).status).toBe(404);
  });
});
