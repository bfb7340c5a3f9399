import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testDatabase } from "@/lib/db/testing/per-file";
import { setDisabled, setRoleOverride } from "@/lib/people/people";
import { signInFromIdp, type GroupMapping } from "./idp";

// Sign-in through the IdP against a real Postgres: accounts bound to (iss, sub), roles from the
// groups claim at every sign-in, an admin's override winning, and sessions ending when an account is
// disabled (the session version).
const bed = testDatabase();
const ISS = "https://idp.example/";
const mapping: GroupMapping = { claim: "cognito:groups", map: { "data-engineers": "engineer", "platform-admins": "admin", readers: "viewer" } };
const claims = (sub: string, email: string, groups: string[] | string = [], more: Record<string, unknown> = {}) => ({
  iss: ISS,
  sub,
  email,
  email_verified: true,
  name: `Person ${sub}`,
  "cognito:groups": groups,
  ...more,
});
const SECRET = "x".repeat(40);
const saved = { ...process.env };

afterAll(async () => {
  await (await import("@/lib/db")).prisma.$disconnect();
  process.env = saved;
});

describe("signInFromIdp", () => {
  it("creates an account bound to (iss, sub) with the highest role its groups map to", async () => {
    const result = await signInFromIdp(bed.db.prisma, claims("alice", "Alice@Example.com", ["readers", "data-engineers", "unmapped"]), mapping);
    expect(result).toMatchObject({ ok: true, sessionVersion: 0 });
    const row = await bed.db.prisma.user.findUniqueOrThrow({ where: { email: "alice@example.com" } });
    expect(row).toMatchObject({ oidcIssuer: ISS, oidcSubject: "alice", role: "engineer", idpRole: "engineer", passwordHash: null });
    expect(row.lastSignInAt).toBeInstanceOf(Date);
  });

  it("re-reads the groups at every sign-in, and follows a changed email of the same subject", async () => {
    await signInFromIdp(bed.db.prisma, claims("alice", "alice.new@example.com", "readers"), mapping);
    const row = await bed.db.prisma.user.findUniqueOrThrow({ where: { oidcIssuer_oidcSubject: { oidcIssuer: ISS, oidcSubject: "alice" } } });
    expect(row).toMatchObject({ email: "alice.new@example.com", role: "viewer", idpRole: "viewer" });
    await signInFromIdp(bed.db.prisma, claims("alice", "alice@example.com", ["data-engineers"]), mapping);
  });

  it("refuses an email the IdP has not verified, writing nothing", async () => {
    for (const email_verified of [false, "true", undefined]) {
      const result = await signInFromIdp(bed.db.prisma, claims("bob", "bob@example.com", ["data-engineers"], { email_verified }), mapping);
      expect(result).toEqual({ ok: false, refusal: "unverified_email" });
    }
    expect(await bed.db.prisma.user.count({ where: { email: "bob@example.com" } })).toBe(0);
  });

  it("refuses a second subject claiming an existing email, in any case, and does not merge", async () => {
    for (const [iss, sub] of [[ISS, "mallory"], ["https://other-idp.example/", "alice"]]) {
      const result = await signInFromIdp(bed.db.prisma, { ...claims(sub!, "ALICE@example.com", ["platform-admins"]), iss }, mapping);
      expect(result).toEqual({ ok: false, refusal: "email_taken" });
    }
    const row = await bed.db.prisma.user.findUniqueOrThrow({ where: { email: "alice@example.com" } });
    expect(row).toMatchObject({ oidcSubject: "alice", role: "engineer" });
    expect(await bed.db.prisma.user.count({ where: { oidcSubject: "mallory" } })).toBe(0);
  });

  it("refuses a local account's email too: an IdP sign-in never takes over a password account", async () => {
    await bed.db.prisma.user.create({ data: { email: "admin@local", role: "admin", passwordHash: "x" } });
    expect(await signInFromIdp(bed.db.prisma, claims("eve", "admin@local", ["platform-admins"]), mapping)).toEqual({ ok: false, refusal: "email_taken" });
  });

  it("records a person in no mapped group without a role and gives no session, unless a default role is configured", async () => {
    expect(await signInFromIdp(bed.db.prisma, claims("carol", "carol@example.com", ["marketing"]), mapping)).toEqual({ ok: false, refusal: "no_access" });
    expect(await bed.db.prisma.user.findUniqueOrThrow({ where: { email: "carol@example.com" } })).toMatchObject({ role: null, idpRole: null });
    const withDefault = await signInFromIdp(bed.db.prisma, claims("carol", "carol@example.com", []), { ...mapping, defaultRole: "viewer" });
    expect(withDefault.ok).toBe(true);
  });

  it("reads Entra ID's roles claim when configured so", async () => {
    const entra: GroupMapping = { claim: "roles", map: { "Platform.Engineer": "engineer" } };
    const result = await signInFromIdp(bed.db.prisma, { ...claims("dave", "dave@example.com"), roles: ["Platform.Engineer"] }, entra);
    expect(result.ok).toBe(true);
    expect(await bed.db.prisma.user.findUniqueOrThrow({ where: { email: "dave@example.com" } })).toMatchObject({ role: "engineer" });
  });

  it("refuses a token without issuer, subject or email", async () => {
    expect(await signInFromIdp(bed.db.prisma, { ...claims("x", "x@example.com"), sub: undefined }, mapping)).toEqual({ ok: false, refusal: "bad_token" });
    expect(await signInFromIdp(bed.db.prisma, { ...claims("x", ""), email: 42 }, mapping)).toEqual({ ok: false, refusal: "bad_token" });
  });
});

describe("a manual override", () => {
  it("wins over the IdP's groups across sign-ins, and removing it brings the IdP's role back", async () => {
    const alice = await bed.db.prisma.user.findUniqueOrThrow({ where: { email: "alice@example.com" } });
    expect(await setRoleOverride(bed.db.prisma, alice.id, "lead", "runs the cost review this quarter")).toMatchObject({ role: "lead", source: "override" });
    await signInFromIdp(bed.db.prisma, claims("alice", "alice@example.com", ["readers"]), mapping);
    expect(await bed.db.prisma.user.findUniqueOrThrow({ where: { id: alice.id } })).toMatchObject({ role: "lead", idpRole: "viewer" });
    expect(await setRoleOverride(bed.db.prisma, alice.id, null, "review done")).toMatchObject({ role: "viewer", source: "idp" });
    await expect(setRoleOverride(bed.db.prisma, alice.id, null, "again")).rejects.toThrow(/no manual role/);
  });

  it("never leaves the portal without an enabled admin", async () => {
    const admin = await bed.db.prisma.user.findUniqueOrThrow({ where: { email: "admin@local" } });
    await expect(setRoleOverride(bed.db.prisma, admin.id, "engineer", "stepping down")).rejects.toThrow(/without an enabled admin/);
    await expect(setDisabled(bed.db.prisma, "someone-else", admin.id, true)).rejects.toThrow(/without an enabled admin/);
    await expect(setDisabled(bed.db.prisma, admin.id, admin.id, true)).rejects.toThrow(/your own account/);
    expect(await bed.db.prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ role: "admin", disabled: false });
  });
});

describe("open sessions", () => {
  let userFromRequest: typeof import("./current-user").userFromRequest;
  const requestWith = async (uid: string, sv?: number) =>
    new NextRequest("http://127.0.0.1:3000/api/dags", { headers: { cookie: `next-auth.session-token=${await encode({ token: { uid, sv }, secret: SECRET })}` } });

  beforeAll(async () => {
    vi.resetModules();
    Object.assign(process.env, { DATABASE_URL: bed.db.url, NEXTAUTH_SECRET: SECRET });
    ({ userFromRequest } = await import("./current-user"));
  });

  it("stop at the next request once the person is disabled, and stay stopped after enabling again", async () => {
    const result = await signInFromIdp(bed.db.prisma, claims("erin", "erin@example.com", ["data-engineers"]), mapping);
    if (!result.ok) throw new Error(result.refusal);
    const admin = await bed.db.prisma.user.findUniqueOrThrow({ where: { email: "admin@local" } });
    const session = await requestWith(result.userId, result.sessionVersion);
    expect(await userFromRequest(session)).toMatchObject({ email: "erin@example.com", role: "engineer" });

    await setDisabled(bed.db.prisma, admin.id, result.userId, true);
    expect(await userFromRequest(await requestWith(result.userId, result.sessionVersion))).toBeNull();
    expect(await signInFromIdp(bed.db.prisma, claims("erin", "erin@example.com", ["data-engineers"]), mapping)).toEqual({ ok: false, refusal: "disabled" });

    await setDisabled(bed.db.prisma, admin.id, result.userId, false);
    expect(await userFromRequest(await requestWith(result.userId, result.sessionVersion))).toBeNull();
    const again = await signInFromIdp(bed.db.prisma, claims("erin", "erin@example.com", ["data-engineers"]), mapping);
    expect(again).toMatchObject({ ok: true, sessionVersion: 2 });
    expect(await userFromRequest(await requestWith(result.userId, 2))).toMatchObject({ role: "engineer" });
  });

  it("carry a role change at the next request without ending", async () => {
    const erin = await bed.db.prisma.user.findUniqueOrThrow({ where: { email: "erin@example.com" } });
    await setRoleOverride(bed.db.prisma, erin.id, "viewer", "on leave from on-call");
    expect(await userFromRequest(await requestWith(erin.id, erin.sessionVersion))).toMatchObject({ role: "viewer" });
  });
});
