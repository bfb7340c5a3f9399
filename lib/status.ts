import { prisma } from "@/lib/db";
import { BUDGET_LABEL, budgetPort } from "@/lib/budget";
import { getPlatform, PORT_LABELS, PORT_NAMES } from "@/lib/platform";
import type { AdapterStatus } from "@/lib/api/contracts/system";

const PROBE_TIMEOUT_MS = 5_000;

async function timed(fn: () => Promise<string>): Promise<Pick<AdapterStatus, "state" | "latencyMs" | "message">> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
    });
    const message = await Promise.race([fn(), timeout]);
    return { state: "ok", latencyMs: Math.round(performance.now() - started), message };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { state: "down", latencyMs: Math.round(performance.now() - started), message };
  } finally {
    clearTimeout(timer);
  }
}

export async function pingDatabase(): Promise<string> {
  await prisma.$queryRaw`SELECT 1`;
  return "Postgres answers";
}

/** Every source probed at once, so the slowest one bounds the page, not their sum. */
export async function platformStatus(): Promise<AdapterStatus[]> {
  const platform = getPlatform();
  const database = timed(pingDatabase).then((r) => ({
    port: "database" as const,
    label: "Run history (Postgres)",
    adapter: platform.mode,
    ...r,
  }));
  const ports = PORT_NAMES.map(async (name) => {
    const port = platform[name];
    const base = { port: name, label: PORT_LABELS[name] };
    if (!port) {
      return { ...base, adapter: null, state: "missing" as const, latencyMs: null, message: `No ${platform.mode} adapter yet` };
    }
    return { ...base, adapter: port.adapter, ...(await timed(() => port.probe())) };
  });
  const budgetAdapter = budgetPort();
  const budget = (async () => {
    const base = { port: "budget" as const, label: BUDGET_LABEL };
    if (!budgetAdapter) return { ...base, adapter: null, state: "missing" as const, latencyMs: null, message: "AWS_ACCOUNT_ID is unset: no budget to read" };
    return { ...base, adapter: budgetAdapter.adapter, ...(await timed(() => budgetAdapter.probe())) };
  })();
  return Promise.all([database, ...ports, budget]);
}
