import { z } from "zod";
import { dagIdSchema } from "@/lib/platform/orchestrator/ids";
import { REPROCESS } from "@/lib/platform/orchestrator/port";
import { MAX_BACKFILL_DATES } from "@/lib/pipelines/backfills";
import { defineRoute } from "../handler";
import { dagParams, idempotencyKey, RunEstimate } from "./pipelines";
import { list } from "./lists";

// Backfills: Airflow runs a DAG once per logical date of a range; the portal plans it (preview),
// asks Airflow for it, and follows its runs as one group. Both POSTs call Airflow synchronously.
const iso = z.iso.datetime();
const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

/** A range of days as an engineer gives it: whole UTC days, both included, none in the future. */
export const backfillRange = z
  .object({
    from: z.iso.date().describe("first day, YYYY-MM-DD (its 00:00 UTC)"),
    to: z.iso.date().describe("last day, YYYY-MM-DD, included"),
    reprocess: z.enum(REPROCESS).default("none").describe("dates that already have a run: none, failed or completed runs run again"),
  })
  .refine((r) => r.from <= r.to, { message: "from must not be after to", path: ["to"] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) < MAX_RANGE_DAYS * DAY_MS, { message: `at most ${MAX_RANGE_DAYS} days`, path: ["to"] })
  .refine((r) => Date.parse(r.from) <= Date.now(), { message: "from is in the future", path: ["from"] });

/** The range as the Orchestrator port takes it: every logical date of the days, up to 23:59:59.999 of the last. */
export function toBackfillRange(r: z.infer<typeof backfillRange>) {
  return { from: new Date(`${r.from}T00:00:00Z`), to: new Date(Date.parse(`${r.to}T00:00:00Z`) + DAY_MS - 1), reprocess: r.reprocess };
}

const backfillId = z.object({ id: z.string().regex(/^[a-z0-9]{1,64}$/, "not a backfill this API returned") });

export const PlannedDate = z
  .object({
    logicalDate: iso,
    willRun: z.boolean(),
    existing: z.object({ runId: z.string(), state: z.string() }).nullable(),
  })
  .meta({ id: "PlannedDate" });

export const previewBackfill = defineRoute({
  method: "post",
  path: "/api/dags/{dagId}/backfills/preview",
  summary: "What a backfill of the range would run, date by date, and what already ran (asks Airflow; changes nothing)",
  tag: "pipelines",
  access: "engineer",
  params: dagParams,
  body: backfillRange,
  errors: ["not_found", "bad_gateway", "unavailable", "gateway_timeout"],
  response: z
    .object({
      dates: z.array(PlannedDate),
      willRun: z.number().int(),
      limit: z.number().int(),
      /** The dates that will run, one after another at the Params' defaults. */
      estimate: RunEstimate,
    })
    .meta({ id: "BackfillPreview" }),
});

export const createBackfill = defineRoute({
  method: "post",
  path: "/api/dags/{dagId}/backfills",
  summary: `Start a backfill of at most ${MAX_BACKFILL_DATES} logical dates; the same idempotency key never starts a second one`,
  tag: "pipelines",
  access: "engineer",
  status: 201,
  params: dagParams,
  body: backfillRange.and(
    z.object({
      maxActiveRuns: z.number().int().min(1).max(16).default(1).describe("runs of the backfill at a time"),
      idempotencyKey,
    }),
  ),
  errors: ["not_found", "conflict", "bad_gateway", "unavailable", "gateway_timeout"],
  response: z.object({ id: z.string() }).meta({ id: "CreatedBackfill" }),
  audit: ({ params, body }) => ({ action: "dag.backfill", target: `${params.dagId} ${body.from}..${body.to}` }),
});

export const BackfillSummary = z
  .object({
    id: z.string(),
    dagId: z.string(),
    from: iso,
    to: iso,
    reprocess: z.string(),
    maxActiveRuns: z.number().int(),
    requestedBy: z.string(),
    createdAt: iso,
    completedAt: iso.nullable(),
    total: z.number().int(),
    /** Runs per state; dates Airflow has not made a run for yet count as "pending". */
    counts: z.record(z.string(), z.number().int()),
  })
  .meta({ id: "Backfill" });

export const listBackfills = defineRoute({
  method: "get",
  path: "/api/backfills",
  summary: "Backfills, newest first, with their progress",
  tag: "pipelines",
  access: "viewer",
  query: z.object({ dagId: dagIdSchema.optional() }),
  response: list("BackfillList", BackfillSummary, {}),
});

export const getBackfill = defineRoute({
  method: "get",
  path: "/api/backfills/{id}",
  summary: "One backfill: each logical date with its run",
  tag: "pipelines",
  access: "viewer",
  params: backfillId,
  errors: ["not_found"],
  response: z
    .object({
      backfill: BackfillSummary,
      dates: z.array(z.object({ logicalDate: iso, run: z.object({ id: z.string(), runId: z.string(), state: z.string(), startedAt: iso.nullable(), endedAt: iso.nullable() }).nullable() })),
    })
    .meta({ id: "BackfillDetail" }),
});
