import { z } from "zod";

/**
 * An OpenLineage RunEvent (spec 2-0-2), as much of it as the read model uses; other fields and
 * facets pass through untouched (they are kept in LineageEvent.body). Shared by the lake import
 * and POST /api/v1/lineage, so both accept exactly the same events.
 */
const facets = z.record(z.string(), z.unknown()).optional();
const dataset = z.looseObject({
  namespace: z.string().min(1).max(1024),
  name: z.string().min(1).max(1024),
  facets,
});
export const runEvent = z.looseObject({
  eventType: z.enum(["START", "RUNNING", "COMPLETE", "ABORT", "FAIL", "OTHER"]),
  eventTime: z.iso.datetime({ offset: true }),
  producer: z.url().max(2048),
  schemaURL: z.url().max(2048),
  run: z.looseObject({ runId: z.uuid(), facets }),
  job: z.looseObject({ namespace: z.string().min(1).max(1024), name: z.string().min(1).max(1024), facets }),
  inputs: z.array(dataset.extend({ inputFacets: facets })).max(1000).optional(),
  outputs: z.array(dataset.extend({ outputFacets: facets })).max(1000).optional(),
});
export type RunEvent = z.infer<typeof runEvent>;

/** Our run facet (docs/lineage/facets/AirflowRunFacet.json): the Airflow run a job belongs to. */
export const airflowFacet = z.object({ dagId: z.string(), runId: z.string(), taskId: z.string(), tryNumber: z.number().int() });
/** Our output dataset facet (docs/lineage/facets/PartitionsDatasetFacet.json). */
export const partitionsFacet = z.object({
  partitions: z.array(z.object({ name: z.string(), rows: z.number().int().nonnegative().optional(), bytes: z.number().int().nonnegative().optional() })),
});
export const outputStatistics = z.object({
  rowCount: z.number().int().nonnegative().optional(),
  size: z.number().int().nonnegative().optional(),
  fileCount: z.number().int().nonnegative().optional(),
});
export const qualityAssertions = z.object({
  assertions: z.array(
    z.object({ assertion: z.string(), success: z.boolean(), severity: z.string().optional(), description: z.string().optional(), column: z.string().optional() }),
  ),
});

/** A facet read leniently: one a producer got wrong is left out, never the whole event. */
export function facet<T>(schema: z.ZodType<T>, facets: Record<string, unknown> | undefined, key: string): T | null {
  const parsed = schema.safeParse(facets?.[key]);
  return parsed.success ? parsed.data : null;
}

/** Lifecycle order: a run's stored state only moves forward, so events may arrive in any order. */
export const STATE_RANK: Record<RunEvent["eventType"], number> = { OTHER: 0, START: 1, RUNNING: 2, COMPLETE: 3, ABORT: 3, FAIL: 3 };
export const FINAL_STATES = ["COMPLETE", "ABORT", "FAIL"] as const;
