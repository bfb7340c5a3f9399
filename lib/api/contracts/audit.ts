import { z } from "zod";
import { defineRoute } from "../handler";
import { page } from "./lists";

export const AuditEvent = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    actor: z.string(),
    action: z.string(),
    target: z.string(),
    params: z.unknown(),
    result: z.string(),
    requestId: z.string(),
  })
  .meta({ id: "AuditEvent" });

const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());

export const auditQuery = z.object({
  actor: z.string().min(1).max(254).optional(),
  action: z.string().regex(/^[a-z]+(\.[a-z_]+)+$/, "an action looks like dag.trigger").optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cursor: z.string().regex(/^[a-z0-9]{1,64}$/, "not a cursor this API returned").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const listAuditEvents = defineRoute({
  method: "get",
  path: "/api/audit",
  summary: "Audit events, newest first",
  tag: "audit",
  access: "admin",
  query: auditQuery,
  response: page("AuditPage", AuditEvent),
});
