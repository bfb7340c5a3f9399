import { prisma } from "@/lib/db";
import type { PortalUser } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";

/**
 * Who may terminate a cluster (ARCHITECTURE.md, roles): a lead or an admin any cluster; an engineer
 * the clusters of DAG runs they triggered; a viewer none.
 */
export async function mayTerminate(user: Pick<PortalUser, "role" | "email">, dagRun: { dagId: string; runId: string } | null): Promise<boolean> {
  if (hasRole(user.role, "lead")) return true;
  if (!hasRole(user.role, "engineer") || !dagRun) return false;
  const run = await prisma.pipelineRun.findUnique({ where: { dagId_runId: dagRun }, select: { triggeredBy: true } });
  return run?.triggeredBy === user.email;
}
