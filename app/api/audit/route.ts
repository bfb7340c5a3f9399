import { handle } from "@/lib/api/handler";
import { listAuditEvents } from "@/lib/api/contracts/audit";
import { listAudit } from "@/lib/audit";

export const GET = handle(listAuditEvents, async ({ input: { query } }) => {
  const page = await listAudit({
    ...query,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
  });
  return {
    items: page.items.map((e) => ({ ...e, at: e.at.toISOString(), params: e.params ?? null })),
    nextCursor: page.nextCursor,
  };
});
