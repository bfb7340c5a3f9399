import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing/test-database";
import { hashPassword } from "./password";

// Sign-in with local accounts against a real Postgres: the password check, the per-address
// rate limit kept in the database, disabled accounts, and the refusal under NODE_ENV=production.
type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;

let db: TestDatabase;
let authorize: Authorize;
const saved = { ...process.env };

/** next-auth keeps a provider's own options (its id among them) apart until it runs. */
const providerId = (p: { id: string; options?: unknown }) => (p.options as { id?: string } | undefined)?.id ?? p.id;

async function loadAuth(env: Record<string, string>) {
  vi.resetModules();
  Object.assign(process.env, env);
  return (await import("./options")).authOptions;
}

beforeAll(async () => {
  db = await createTestDatabase();
  const passwordHash = await hashPassword("right-password-123");
  await db.prisma.user.createMany({
    data: [
      { email: "engineer@local", role: "engineer", passwordHash },
      { email: "gone@local", role: "admin", passwordHash, disabled: true },
    ],
  });
  const options = await loadAuth({ DATABASE_URL: db.url, NEXTAUTH_SECRET: "x".repeat(40) });
  const local = options.providers.find((p) => providerId(p) === "local") as unknown as { options: { authorize: Authorize } };
  authorize = local.options.authorize;
});

afterAll(async () => {
  await (await import("@/lib/db")).prisma.$disconnect();
  await db?.drop();
  process.env = saved;
});

const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });

describe("local sign-in", () => {
  it("lets the right password in, with the session version the session will carry", async () => {
    const user = await authorize({ email: "Engineer@Local", password: "right-password-123" }, from("10.0.0.1"));
    expect(user).toMatchObject({ email: "engineer@local", sessionVersion: 0 });
  });

  it("refuses a wrong password, an unknown account and a disabled one with the same message", async () => {
    for (const email of ["engineer@local", "nobody@local", "gone@local"]) {
      const password = email === "gone@local" ? "right-password-123" : "wrong";
      await expect(authorize({ email, password }, from("10.0.0.2"))).rejects.toThrow("Wrong email or password.");
    }
  });

  it("refuses malformed credentials before touching the database", async () => {
    await expect(authorize({ email: "no-at-sign", password: "x" }, from("10.0.0.3"))).rejects.toThrow(/Enter an email/);
    await expect(authorize({ email: "a@b", password: "x".repeat(2000) }, from("10.0.0.3"))).rejects.toThrow(/Enter an email/);
  });

  it("locks an address out after 10 attempts in 15 minutes, even with the right password", async () => {
    const email = "engineer@local";
    // 1 success and 1 failure above; 8 more failures reach the limit.
    for (let i = 0; i < 8; i++) {
      await expect(authorize({ email, password: "wrong" }, from(`10.1.0.${i}`))).rejects.toThrow("Wrong email or password.");
    }
    await expect(authorize({ email, password: "right-password-123" }, from("10.1.1.1"))).rejects.toThrow(
      /Too many sign-in attempts/,
    );
    const counters = await db.prisma.rateLimitHit.findMany({ where: { key: `signin:email:${email}` } });
    expect(counters.reduce((n, c) => n + c.count, 0)).toBe(11);
  });
});

describe("the per-address limit", () => {
  it("counts the address the trusted proxy saw, whatever the client puts first", async () => {
    // 30 attempts from one real address, each with a different forged first entry, then a refusal.
    for (let i = 0; i < 30; i++) {
      const email = `nobody${i}@local`;
      await expect(authorize({ email, password: "wrong" }, from(`198.51.100.${i}, 203.0.113.7`))).rejects.toThrow("Wrong email or password.");
    }
    await expect(authorize({ email: "fresh@local", password: "wrong" }, from("192.0.2.1, 203.0.113.7"))).rejects.toThrow(/Too many sign-in attempts/);
    expect(await db.prisma.rateLimitHit.count({ where: { key: { startsWith: "signin:ip:198.51.100." } } })).toBe(0);
  });

  it("purges windows older than any limit's, whoever they belonged to", async () => {
    const old = new Date(Date.now() - 2 * 60 * 60_000);
    await db.prisma.rateLimitHit.create({ data: { key: "signin:ip:192.0.2.250", windowStart: old, count: 3 } });
    const { rateLimit } = await import("./rate-limit");
    await rateLimit("purge-trigger", 10, 60_000, Date.now() + 2 * 60_000);
    expect(await db.prisma.rateLimitHit.count({ where: { windowStart: { lte: old } } })).toBe(0);
  });
});

describe("next-auth's routes", () => {
  it("refuse a body over 64 KiB with a 413 before next-auth reads it", async () => {
    const { NextRequest } = await import("next/server");
    const { POST } = await import("@/app/api/auth/[...nextauth]/route");
    const req = new NextRequest("http://localhost:3000/api/auth/callback/local", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `email=a%40b&password=${"x".repeat(100_000)}`,
    });
    const res = await POST(req, { params: Promise.resolve({ nextauth: ["callback", "local"] }) });
    expect(res.status).toBe(413);
  });
});

describe("under NODE_ENV=production", () => {
  it("offers no local accounts at all, only the IdP", async () => {
    const options = await loadAuth({
      NODE_ENV: "production",
      DATABASE_URL: db.url,
      NEXTAUTH_SECRET: "x".repeat(40),
      NEXTAUTH_URL: "https://portal.example",
      OIDC_ISSUER: "https://idp.example",
      OIDC_CLIENT_ID: "portal",
      OIDC_CLIENT_SECRET: "secret",
      OIDC_ROLE_MAP: "data-engineers=engineer",
    });
    expect(options.providers.map(providerId)).toEqual(["oidc"]);
  });
});
