import { getServerSession } from "next-auth";
import { getToken } from "next-auth/jwt";
import type { NextRequest } from "next/server";
import { forbidden, redirect } from "next/navigation";
import { prisma } from "@/lib/db";
import { authOptions, authSecret } from "./options";
import { hasRole, type Role } from "./roles";

export interface PortalUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * The session names the user and the session version it was issued at; the role comes from the
 * database on every request, so a demotion takes effect at once, not at the next sign-in. Disabling
 * (or enabling) an account bumps its version: a session issued before no longer works, even after the
 * account is enabled again. Sessions issued before versions existed carry none and count as version 0.
 */
async function activeUser(id: string | undefined, version: number | undefined): Promise<PortalUser | null> {
  if (!id) return null;
  const row = await prisma.user.findUnique({ where: { id } });
  if (!row || row.disabled || !row.role || row.sessionVersion !== (version ?? 0)) return null;
  return { id: row.id, email: row.email, name: row.name ?? row.email, role: row.role };
}

/** For route handlers: the session cookie of the request. */
export async function userFromRequest(req: NextRequest): Promise<PortalUser | null> {
  const token = await getToken({ req, secret: authSecret() });
  return activeUser(token?.uid, token?.sv);
}

/** For server components. */
export async function currentUser(): Promise<PortalUser | null> {
  const session = await getServerSession(authOptions);
  return activeUser(session?.user?.id, session?.user?.sv);
}

/** For pages: sends a signed-out visitor to /login and answers 403 to a role that may not see it. */
export async function requireRole(role: Role): Promise<PortalUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (!hasRole(user.role, role)) forbidden();
  return user;
}
