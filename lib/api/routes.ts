import type { RouteSpec } from "./handler";
import { listAuditEvents } from "./contracts/audit";
import { health, status } from "./contracts/system";

/** Every route of the JSON API; /api/openapi.json is generated from this list. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ROUTES: RouteSpec<any, any, any, any>[] = [health, status, listAuditEvents];
