import path from "node:path";
import { inject } from "vitest";
import { airflowOrchestrator } from "@/lib/platform/orchestrator/airflow";
import { localCli } from "@/lib/platform/orchestrator/local-cli";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { pipelinesSync } from "@/lib/sync/pipelines";

/** The local Airflow the suite's global setup started (one for every case). */
export const airflowOptions = () => ({ repoRoot: path.resolve("."), platformHome: inject("airflowPlatformHome"), airflowPort: inject("airflowPort") });

/** The orchestrator on that Airflow, through the real CLI transport; `timeoutMs` makes a call hang past its timeout. */
export const orchestrator = (timeoutMs?: number) => airflowOrchestrator(localCli({ ...airflowOptions(), timeoutMs }));

/**
 * The portal's Airflow sync, tuned for a suite where every CLI call costs seconds on a loaded
 * machine: every DAG's runs listed each other cycle, the tasks of the two newest runs a cycle sees
 * for the first time (the case's own) read, broken DAG files left alone.
 */
export const syncOf = (prisma: PrismaClient, timeoutMs?: number) =>
  pipelinesSync({ orchestrator: orchestrator(timeoutMs), prisma, environment: "local", intervalMs: 500, fullEvery: 2, newRunTaskFetches: 2, importErrorsEvery: 1_000 });

/** Polls `probe` until it returns something other than undefined/null/false, or throws with `what` after `ms`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 120_000, everyMs = 500): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ""}`);
}

/** A run id no other case or earlier suite run uses. */
export const uniqueRunId = (label: string) => `faults__${label}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
