import { randomUUID } from "node:crypto";
import { dimensionsKey } from "@/lib/db/cost-dimensions";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

/** One cached point of a metric or cost series (the CostSample table). */
export interface Sample {
  /** `<namespace>:<metric>`, e.g. `BuildItAll/Platform:RecordsProcessed`. */
  metric: string;
  dimensions: Record<string, string>;
  ts: Date;
  value: number;
  unit: string;
  source: "cloudwatch" | "local";
  measured: boolean;
}

export const metricName = (namespace: string, metric: string) => `${namespace}:${metric}`;


const CHUNK = 500;

/**
 * Inserts or refreshes samples: the same (metric, dimensions, ts) is updated, never duplicated,
 * so a sync can re-read today's partial period as often as it likes.
 */
export async function upsertSamples(prisma: PrismaClient, samples: Sample[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < samples.length; i += CHUNK) {
    const rows = samples.slice(i, i + CHUNK).map(
      (s) =>
        Prisma.sql`(${randomUUID()}, ${s.metric}, ${JSON.stringify(s.dimensions)}::jsonb, ${dimensionsKey(s.dimensions)}, ${s.ts}, ${s.value.toFixed(6)}::numeric, ${s.unit}, ${s.source}, ${s.measured})`,
    );
    written += await prisma.$executeRaw`
      INSERT INTO "CostSample" ("id", "metric", "dimensions", "dimensionsKey", "ts", "value", "unit", "source", "measured")
      VALUES ${Prisma.join(rows)}
      ON CONFLICT ("metric", "dimensionsKey", "ts")
      DO UPDATE SET "value" = EXCLUDED."value", "unit" = EXCLUDED."unit", "source" = EXCLUDED."source", "measured" = EXCLUDED."measured"`;
  }
  return written;
}
