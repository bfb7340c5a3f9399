import { getBudget } from "@/lib/api/contracts/health";
import { handle } from "@/lib/api/handler";
import { BUDGET_LABEL, budgetPort } from "@/lib/budget";
import { budgetView } from "@/lib/budget/store";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { NotAvailable } from "@/lib/platform/errors";
import { freshBudget, freshCostCaches } from "@/lib/sync/fresh";

export const dynamic = "force-dynamic";

export const GET = handle(getBudget, async () => {
  if (!budgetPort()) throw new NotAvailable(`The ${BUDGET_LABEL} adapter is not configured (AWS_ACCOUNT_ID is unset).`);
  if (env.PLATFORM_MODE === "local") await freshCostCaches(); // the local budget is priced from them
  const freshness = await freshBudget();
  return { budget: await budgetView(prisma, env.BUDGET_NAME), freshness };
});
