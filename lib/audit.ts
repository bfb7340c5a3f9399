import type { Prisma } from "@/lib/generated/prisma/client";
import { prisma } from "@/lib/db";

export type AuditResult = "ok" | "error";

export interface AuditEntry {
  actor: string;
  action: string;
  target: string;
  params?: unknown;
  result: AuditResult;
  requestId: string;
}

/** The one way a change is recorded; route handlers reach it through `handle()`'s `audit` option. */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  await prisma.auditEvent.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      params: (entry.params ?? undefined) as Prisma.InputJsonValue | undefined,
      result: entry.result,
      requestId: entry.requestId,
    },
  });
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

/** Newest first; the cursor is the id of the last event of the previous page. */
export async function listAudit(q: AuditQuery) {
  const rows = await prisma.auditEvent.findMany({
    where: {
      actor: q.actor,
      action: q.action,
      at: q.from || q.to ? { gte: q.from, lt: q.to } : undefined,
    },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, q.limit);
  return { items: page, nextCursor: rows.length > q.limit ? (page.at(-1)?.id ?? null) : null };
}
