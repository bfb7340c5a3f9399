import { prisma } from "@/lib/db";
import { BUDGET_LABEL, budgetPort } from "@/lib/budget";
import { getPlatform, PORT_LABELS, PORT_NAMES } from "@/lib/platform";
import type { AdapterStatus } from "@/lib/api/contracts/system";
import { errorLine } from "@/lib/platform/errors";
import { recentResults } from "@/lib/platform/recent";

const PROBE_TIMEOUT_MS = 5_000;
/** One probe per source per interval, whatever the number of viewers: each probe can start a CLI process or an AWS call. */
export const PROBE_INTERVAL_MS = 15_000;

type Probed = Pick<AdapterStatus, "state" | "latencyMs" | "message">;
const recentProbes = recentResults<Probed>(PROBE_INTERVAL_MS);

/** The probe of `source` started within the interval (running or done), else a new one: single-flight and cached. */
const probeOnce = (source: string, label: string, fn: () => Promise<string>) => recentProbes(source, () => timed(source, label, fn));

async function timed(source: string, label: string, fn: () => Promise<string>): Promise<Probed> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
    });
    const message = await Promise.race([fn(), timeout]);
    return { state: "ok", latencyMs: Math.round(performance.now() - started), message };
  } catch (err) {
    // What failed, for the page; hosts, accounts and stderr only in the server log, under a reference.
    const ref = crypto.randomUUID();
    console.error(`[status] probe of ${source} failed (ref ${ref}): ${errorLine(err)}`);
    const message = `${label} did not answer; the details are in the server log (ref ${ref}).`;
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
  const database = probeOnce("database", "Run history (Postgres)", pingDatabase).then((r) => ({
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
    return { ...base, adapter: port.adapter, ...(await probeOnce(name, PORT_LABELS[name], () => port.probe())) };
  });
  const budgetAdapter = budgetPort();
  const budget = (async () => {
    const base = { port: "budget" as const, label: BUDGET_LABEL };
    if (!budgetAdapter) return { ...base, adapter: null, state: "missing" as const, latencyMs: null, message: "AWS_ACCOUNT_ID is unset: no budget to read" };
    return { ...base, adapter: budgetAdapter.adapter, ...(await probeOnce("budget", BUDGET_LABEL, () => budgetAdapter.probe())) };
  })();
  return Promise.all([database, ...ports, budget]);
}
