import { getDag } from "@/lib/api/contracts/pipelines";
import { ApiError } from "@/lib/api/errors";
import { handle } from "@/lib/api/handler";
import { hasRole } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { dagParams } from "@/lib/pipelines/params";
import { dagDetailJson } from "@/lib/pipelines/run-history";

export const GET = handle(getDag, async ({ input: { params }, user }) => {
  const detail = await dagDetailJson(prisma, params.dagId, { withTraceback: hasRole(user!.role, "engineer") });
  if (!detail) throw new ApiError("not_found", `No DAG ${params.dagId} (the Airflow sync has not seen it).`);
  return { ...detail, params: dagParams(params.dagId) };
});
