import { ROLES, type Role } from "../env/roles";

/** Roles are ordered: each one can do everything the ones before it can. */
export { ROLES, isRole, type Role } from "../env/roles";

export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

/** Who may see what the platform costs: the Costs section, and every cost figure shown elsewhere. */
export const COSTS_ROLE = "lead" satisfies Role;

export const maySeeCosts = (role: Role) => hasRole(role, COSTS_ROLE);

/** The portal's sections, the least role that may see each, in navigation order. */
export const SECTIONS = [
  { href: "/lake", label: "Lake", role: "viewer" },
  { href: "/datasets", label: "Datasets", role: "viewer" },
  { href: "/pipelines", label: "Pipelines", role: "viewer" },
  { href: "/clusters", label: "Clusters", role: "viewer" },
  { href: "/costs", label: "Costs", role: COSTS_ROLE },
  { href: "/runs", label: "Runs", role: "viewer" },
  { href: "/people", label: "People", role: "admin" },
  { href: "/audit", label: "Audit", role: "admin" },
  { href: "/status", label: "Status", role: "viewer" },
] as const satisfies readonly { href: string; label: string; role: Role }[];

export function sectionsFor(role: Role) {
  return SECTIONS.filter((s) => hasRole(role, s.role));
}
