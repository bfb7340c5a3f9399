import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ROLES, type Role } from "./roles";

/** How the IdP's groups become roles (OIDC_GROUPS_CLAIM, OIDC_ROLE_MAP, OIDC_DEFAULT_ROLE). */
export interface GroupMapping {
  claim: string;
  map: Record<string, Role>;
  defaultRole?: Role;
}

/** Why a sign-in through the IdP was refused; each has its own message on the login page. */
export type Refusal = "unverified_email" | "email_taken" | "no_access" | "disabled" | "bad_token";

export type IdpSignIn = { ok: true; userId: string; sessionVersion: number } | { ok: false; refusal: Refusal };

/** The groups claim as a list: an array of strings, or one string (some IdPs send a single group so). */
export function groupsOf(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === "string") : [];
}

/** The highest role any of the groups maps to, else the default role, else null (no access). */
export function roleFromGroups(groups: string[], mapping: GroupMapping): Role | null {
  const roles = groups.map((g) => mapping.map[g]).filter((r): r is Role => r !== undefined);
  if (roles.length === 0) return mapping.defaultRole ?? null;
  return roles.reduce((a, b) => (ROLES.indexOf(b) > ROLES.indexOf(a) ? b : a));
}

/**
 * Records a sign-in from the ID token's claims. The account is found by (iss, sub) only: an email
 * already held by another account is refused, never merged, and an email the IdP has not verified
 * is refused before anything is written. The role is re-read from the groups at every sign-in; a
 * manual override set by an admin wins. A person in no mapped group is recorded (admins see them on
 * the People page) but gets no session.
 */
export async function signInFromIdp(prisma: PrismaClient, claims: Record<string, unknown>, mapping: GroupMapping): Promise<IdpSignIn> {
  const { iss, sub } = claims;
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (typeof iss !== "string" || typeof sub !== "string" || !iss || !sub || !email) return { ok: false, refusal: "bad_token" };
  if (claims.email_verified !== true) return { ok: false, refusal: "unverified_email" };

  const idpRole = roleFromGroups(groupsOf(claims, mapping.claim), mapping);
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 200) : null;
  const now = new Date();
  const bound = await prisma.user.findUnique({ where: { oidcIssuer_oidcSubject: { oidcIssuer: iss, oidcSubject: sub } } });
  let row;
  if (bound) {
    if (bound.email !== email && (await prisma.user.findUnique({ where: { email }, select: { id: true } }))) {
      return { ok: false, refusal: "email_taken" };
    }
    row = await prisma.user.update({
      where: { id: bound.id },
      data: { email, name: name ?? bound.name, idpRole, role: bound.roleOverride ?? idpRole, lastSignInAt: now },
    });
  } else {
    if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) return { ok: false, refusal: "email_taken" };
    try {
      row = await prisma.user.create({
        data: { email, name, oidcIssuer: iss, oidcSubject: sub, idpRole, role: idpRole, lastSignInAt: now },
      });
    } catch (err) {
      // Another sign-in of the same email (or subject) won the race: the unique indexes refuse the second.
      if ((err as { code?: string }).code === "P2002") return { ok: false, refusal: "email_taken" };
      throw err;
    }
  }
  if (row.disabled) return { ok: false, refusal: "disabled" };
  if (!row.role) return { ok: false, refusal: "no_access" };
  return { ok: true, userId: row.id, sessionVersion: row.sessionVersion };
}

/** Where next-auth sends a refused sign-in: its own page for "no access", the login page otherwise. */
export function refusalPath(refusal: Refusal): string {
  return refusal === "no_access" ? "/no-access" : `/login?error=${refusal}`;
}

export const REFUSAL_MESSAGES: Record<Exclude<Refusal, "no_access">, string> = {
  unverified_email: "Your identity provider has not verified your email address, so the portal cannot sign you in.",
  email_taken: "Another account already uses this email address. Ask an admin of the portal.",
  disabled: "Your access to the portal has been disabled. Ask an admin of the portal.",
  bad_token: "The identity provider's answer lacked an issuer, a subject or an email.",
};
