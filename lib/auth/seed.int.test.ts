import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { LOCAL_ROLES, localEmail, seedLocalAccounts } from "./seed";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing/test-database";

describe("seeding the local accounts", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  const accounts = () => db.prisma.user.findMany({ orderBy: { email: "asc" } });

  it("creates one account per role with the password hashed", async () => {
    const result = await seedLocalAccounts(db.prisma, { password: "first-password-1", resetPasswords: false });
    expect(result.created).toEqual(LOCAL_ROLES.map(localEmail));
    for (const user of await accounts()) {
      expect(user.email).toBe(localEmail(user.role!));
      expect(user.passwordHash).not.toContain("first-password-1");
      expect(await verifyPassword("first-password-1", user.passwordHash!)).toBe(true);
    }
  });

  it("leaves existing accounts alone on a second run, even when changed by an admin", async () => {
    await db.prisma.user.update({ where: { email: "viewer@local" }, data: { disabled: true, name: "Renamed" } });
    const before = await accounts();
    const result = await seedLocalAccounts(db.prisma, { password: "second-password", resetPasswords: false });
    expect(result).toEqual({ created: [], reset: [], unchanged: LOCAL_ROLES.map(localEmail) });
    expect(await accounts()).toEqual(before);
  });

  it("recreates a deleted account and, with resetPasswords, changes only passwords", async () => {
    await db.prisma.user.delete({ where: { email: "lead@local" } });
    const before = await accounts();
    const result = await seedLocalAccounts(db.prisma, { password: "third-password-3", resetPasswords: true });
    expect(result.created).toEqual(["lead@local"]);
    expect(result.reset).toEqual(["viewer@local", "engineer@local", "admin@local"]);
    const after = await accounts();
    for (const user of after) expect(await verifyPassword("third-password-3", user.passwordHash!)).toBe(true);
    const viewer = after.find((u) => u.email === "viewer@local")!;
    const viewerBefore = before.find((u) => u.email === "viewer@local")!;
    expect({ ...viewer, passwordHash: "", updatedAt: null }).toEqual({ ...viewerBefore, passwordHash: "", updatedAt: null });
  });
});
