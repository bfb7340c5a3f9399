import type { PrismaClient, User } from "@/lib/generated/prisma/client";
import { Conflict, InvalidInput, NotFound } from "@/lib/platform/errors";
import type { Role } from "@/lib/auth/roles";

/** Where a person's role comes from: an admin's override, the IdP's groups at the last sign-in, or a local account's own. */
export type RoleSource = "override" | "idp" | "local";

export interface Person {
  id: string;
  email: string;
  name: string | null;
  /** null: no access (an IdP account in no mapped group). */
  role: Role | null;
  source: RoleSource;
  /** Signed in through the IdP (bound to an issuer and subject): removing a manual role falls back to the IdP's. */
  boundToIdp: boolean;
  idpRole: Role | null;
  overrideReason: string | null;
  lastSignInAt: Date | null;
  disabled: boolean;
}

const sourceOf = (u: User): RoleSource => (u.roleOverride ? "override" : u.oidcIssuer ? "idp" : "local");

const person = (u: User): Person => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  source: sourceOf(u),
  boundToIdp: u.oidcIssuer !== null,
  idpRole: u.idpRole,
  overrideReason: u.roleOverride ? u.roleOverrideReason : null,
  lastSignInAt: u.lastSignInAt,
  disabled: u.disabled,
});

export async function listPeople(prisma: PrismaClient): Promise<Person[]> {
  return (await prisma.user.findMany({ orderBy: [{ disabled: "asc" }, { email: "asc" }] })).map(person);
}

/** Runs a change to one person, refusing it when afterwards no enabled admin would be left. */
async function change(prisma: PrismaClient, id: string, data: (u: User) => Partial<User>): Promise<Person> {
  return prisma.$transaction(async (tx) => {
    // Two admins demoting each other at once: the second waits for the first here, then counts what it left.
    await tx.$queryRaw`SELECT id FROM "User" WHERE role = 'admin' AND NOT disabled FOR UPDATE`;
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw new NotFound(`No person with id ${id}.`);
    const after = await tx.user.update({ where: { id }, data: data(before) });
    const admins = await tx.user.count({ where: { role: "admin", disabled: false } });
    if (admins === 0) throw new Conflict("That would leave the portal without an enabled admin; make someone else admin first.");
    return person(after);
  });
}

/**
 * Disables or enables a person. Either way the session version is bumped: a disabled person's open
 * session stops at its next request, and enabling again does not bring old sessions back.
 */
export async function setDisabled(prisma: PrismaClient, actorId: string, id: string, disabled: boolean): Promise<Person> {
  if (disabled && actorId === id) throw new Conflict("You cannot disable your own account.");
  return change(prisma, id, (u) => (u.disabled === disabled ? {} : { disabled, sessionVersion: u.sessionVersion + 1 }));
}

/**
 * Sets a manual role that wins over the IdP's groups (kept across sign-ins), with the reason for it;
 * `role: null` removes the override and the IdP's role applies again. The role is read from the
 * database on every request, so the change takes effect at the person's next request.
 */
export async function setRoleOverride(prisma: PrismaClient, id: string, role: Role | null, reason: string): Promise<Person> {
  return change(prisma, id, (u) => {
    if (role) return { roleOverride: role, roleOverrideReason: reason, role };
    if (!u.roleOverride) throw new InvalidInput(`${u.email} has no manual role to remove.`);
    if (!u.oidcIssuer) throw new Conflict(`${u.email} is a local account: it has no IdP role to fall back to; set a role instead.`);
    return { roleOverride: null, roleOverrideReason: null, role: u.idpRole };
  });
}

/** A person as the API and the page's client code carry it: dates as ISO strings. */
export const personJson = (p: Person) => ({ ...p, lastSignInAt: p.lastSignInAt?.toISOString() ?? null });
export type PersonJson = ReturnType<typeof personJson>;
