import { ROLES, type Role } from "../lib/auth/roles";

export { ROLES, type Role };
export const PASSWORD = process.env.E2E_PASSWORD ?? "e2e-local-password";
export const storageState = (role: Role) => `e2e/.auth/${role}.json`;
