/**
 * The portal's roles, lowest first. They live here because the configuration names them
 * (OIDC_ROLE_MAP) and lib/env imports nothing of lib/; lib/auth/roles.ts is where the rest of the code reads them.
 */
export const ROLES = ["viewer", "engineer", "lead", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
