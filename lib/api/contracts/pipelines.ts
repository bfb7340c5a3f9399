import { z } from "zod";
import { RunLineage } from "./lineage";
import type { ParamSchema as ParamSchemaType } from "@/lib/pipelines/params";
import { confSchema, dagIdSchema } from "@/lib/platform/orchestrator/ids";
import { RUN_STATES } from "@/lib/platform/orchestrator/port";
import { logCursorSchema, taskIdSchema } from "@/lib/platform/logs/port";

/** What the trigger form checks before sending (the port refuses more). */
import { defineRoute } from "../handler";
import { list, page } from "./lists";

// DAGs, runs and the run history. Reads come from Postgres (the Airflow sync's read model);
// trigger and pause call Airflow synchronously.
const iso = z.iso.datetime();
const isoDate = z.iso.datetime({ offset: true }).or(z.iso.date());
const cuid = z.string().regex(/^[a-z0-9]{1,64}$/, "not a run this API returned");

export const AirflowSync = z
  .object({ lastSuccessAt: iso.nullable(), unreachableSince: iso.nullable(), lastError: z.string().nullable() })
  .meta({ id: "AirflowSync" });

export const RunSummary = z
  .object({
    id: z.string(),
    dagId: z.string(),
    runId: z.string(),
    state: z.string(),
    triggeredBy: z.string(),
    conf: z.unknown(),
    logicalDate: iso.nullable(),
    queuedAt: iso.nullable(),
    startedAt: iso.nullable(),
    endedAt: iso.nullable(),
    createdAt: iso,
  })
  .meta({ id: "RunSummary" });

export const TaskTry = z
  .object({
    taskId: z.string(),
    mapIndex: z.number().int(),
    tryNumber: z.number().int(),
    state: z.string().nullable(),
    queuedAt: iso.nullable(),
    startedAt: iso.nullable(),
    endedAt: iso.nullable(),
    durationMs: z.number().int().nullable(),
  })
  .meta({ id: "TaskTry" });

export const DagInfo = z
  .object({
    dagId: z.string(),
    description: z.string().nullable(),
    schedule: z.string().nullable(),
    tags: z.array(z.string()),
    paused: z.boolean(),
    nextRunAt: iso.nullable(),
    tasks: z.array(z.object({ taskId: z.string(), downstream: z.array(z.string()) })),
    edgesKnown: z.boolean(),
    syncedAt: iso,
    relativeFileloc: z.string().nullable(),
  })
  .meta({ id: "Dag" });

export const DagImportError = z
  .object({
    filepath: z.string(),
    bundleName: z.string().nullable(),
    summary: z.string(),
    traceback: z.string().nullable().meta({ description: "Airflow's traceback; null below the engineer role" }),
    since: iso,
  })
  .meta({ id: "DagImportError" });

// A DAG's declared Param, from dags/params.json (generated from the DAG code of the same version).
// The portal checks every keyword before a trigger, as Airflow does again on it (lib/pipelines/param-ajv.ts).
const ParamSchema: z.ZodType<ParamSchemaType> = z
  .looseObject({
    type: z.union([z.string(), z.array(z.string())]).optional(),
    enum: z.array(z.unknown()).optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    exclusiveMinimum: z.number().optional(),
    exclusiveMaximum: z.number().optional(),
    format: z.string().optional(),
    minLength: z.number().int().optional(),
    maxLength: z.number().int().optional(),
    get items() {
      return ParamSchema.optional();
    },
    minItems: z.number().int().optional(),
    uniqueItems: z.boolean().optional(),
  })
  .meta({ id: "ParamSchema", description: "The Param's JSON schema, as Airflow serialises it" });

export const DagParam = z
  .object({ name: z.string(), default: z.unknown(), description: z.string().nullable(), schema: ParamSchema })
  .meta({ id: "DagParam" });

export const dagParams = z.object({ dagId: dagIdSchema });
/** Chosen by the client once per submission: a retry with the same key never acts twice. */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "8-64 letters, digits, _ or -");

export const listDags = defineRoute({
  method: "get",
  path: "/api/dags",
  summary: "DAGs with their last runs and the quality of their last run, and the DAG files Airflow cannot import",
  tag: "pipelines",
  access: "viewer",
  response: list(
    "DagList",
    DagInfo.extend({ broken: z.boolean(), recentRuns: z.array(RunSummary), quality: z.object({ checks: z.number().int(), failed: z.number().int() }).nullable() }),
    { sync: AirflowSync, importErrors: z.array(DagImportError) },
  ),
});

export const getDag = defineRoute({
  method: "get",
  path: "/api/dags/{dagId}",
  summary: "One DAG, its task graph, its declared Params and its recent runs with their task instances",
  tag: "pipelines",
  access: "viewer",
  params: dagParams,
  errors: ["not_found"],
  response: z
    .object({ dag: DagInfo, importError: DagImportError.nullable(), params: z.array(DagParam), runs: z.array(RunSummary.extend({ tasks: z.array(TaskTry) })), sync: AirflowSync })
    .meta({ id: "DagDetail" }),
});

export const triggerRun = defineRoute({
  method: "post",
  path: "/api/dags/{dagId}/runs",
  summary: "Trigger a run; the same idempotency key never starts a second one. A conf that fails the DAG's declared Params is refused (400) before anything is recorded",
  tag: "pipelines",
  access: "engineer",
  status: 201,
  params: dagParams,
  body: z.object({
    conf: confSchema.default({}),
    idempotencyKey,
  }),
  errors: ["not_found", "conflict", "bad_gateway", "unavailable", "gateway_timeout"],
  response: z.object({ id: z.string(), runId: z.string() }).meta({ id: "TriggeredRun" }),
  audit: ({ params }) => ({ action: "dag.trigger", target: params.dagId }),
});

const EstimateRange = z.object({ low: z.number(), expected: z.number(), high: z.number() }).meta({ id: "EstimateRange" });

/** A run's expected cost and duration from the DAG's successful runs (lib/pipelines/estimate.ts); null: no history yet. */
export const RunEstimate = z
  .object({ costEur: EstimateRange, durationS: EstimateRange, basedOnRuns: z.number().int() })
  .nullable()
  .meta({ id: "RunEstimate" });

export const estimateRun = defineRoute({
  method: "post",
  path: "/api/dags/{dagId}/estimate",
  summary: "What a run with this conf is expected to cost (EUR) and take (s), low to high, from the DAG's successful runs; null with no history yet. Changes nothing; a conf that fails the DAG's Params is refused (400)",
  tag: "pipelines",
  access: "engineer",
  params: dagParams,
  body: z.object({ conf: confSchema.default({}) }),
  errors: ["not_found"],
  response: z.object({ estimate: RunEstimate }).meta({ id: "EstimateAnswer" }),
});

export const pauseDag = defineRoute({
  method: "post",
  path: "/api/dags/{dagId}/pause",
  summary: "Pause or unpause a DAG",
  tag: "pipelines",
  access: "engineer",
  params: dagParams,
  body: z.object({ paused: z.boolean() }),
  errors: ["not_found", "bad_gateway", "unavailable", "gateway_timeout"],
  response: z.object({ dagId: z.string(), paused: z.boolean() }).meta({ id: "PausedDag" }),
  audit: ({ params, body }) => ({ action: body.paused ? "dag.pause" : "dag.unpause", target: params.dagId }),
});

export const rerunRun = defineRoute({
  method: "post",
  path: "/api/runs/{id}/rerun",
  summary:
    "Re-run a failed run from failure: Airflow clears its failed and upstream_failed tasks and runs them again in the same run (new tries; the old ones stay in the history). The same idempotency key never clears twice. A run that has not failed, or has no logical date (Airflow's CLI could not target it alone), is a 409",
  tag: "pipelines",
  access: "engineer",
  params: z.object({ id: cuid }),
  body: z.object({ idempotencyKey }),
  errors: ["not_found", "conflict", "bad_gateway", "unavailable"],
  response: z.object({ id: z.string(), runId: z.string() }).meta({ id: "RerunRun" }),
  audit: ({ params }) => ({ action: "run.rerun", target: params.id }),
});

export const runFilters = z.object({
  dagId: dagIdSchema.optional(),
  state: z.enum(RUN_STATES).optional(),
  triggeredBy: z.string().min(1).max(254).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  runId: z.string().min(1).max(250).optional(),
  conf: z.string().min(1).max(200).optional(),
});

export const listRuns = defineRoute({
  method: "get",
  path: "/api/runs",
  summary: "Run history from Postgres, newest first",
  tag: "pipelines",
  access: "viewer",
  query: runFilters.extend({
    cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, "not a cursor this API returned").optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  }),
  response: page("RunPage", RunSummary),
});

export const runsSummary = defineRoute({
  method: "get",
  path: "/api/runs/summary",
  summary: "Success rate and median duration per DAG over the same filters as the list",
  tag: "pipelines",
  access: "viewer",
  query: runFilters,
  response: list(
    "RunFigures",
    z.object({ dagId: z.string(), runs: z.number().int(), succeeded: z.number().int(), failed: z.number().int(), medianDurationMs: z.number().int().nullable() }),
    {},
  ),
});

export const QualityCheck = z
  .object({ dataset: z.string(), check: z.string(), severity: z.string(), status: z.string(), observed: z.unknown(), expected: z.unknown() })
  .meta({ id: "QualityCheck" });

export const getRun = defineRoute({
  method: "get",
  path: "/api/runs/{id}",
  summary: "One run: state, conf, who triggered it, task tries, cluster and quality report",
  tag: "pipelines",
  access: "viewer",
  params: z.object({ id: cuid }),
  errors: ["not_found"],
  response: z
    .object({
      run: RunSummary.extend({ tasks: z.array(TaskTry), stateReason: z.string().nullable().meta({ description: "Why the portal ended a run Airflow never had" }) }),
      dag: DagInfo.nullable(),
      cluster: z.object({ clusterId: z.string(), name: z.string(), state: z.string(), capturedAt: iso }).nullable(),
      quality: z.array(QualityCheck),
      lineage: RunLineage,
      sync: AirflowSync,
      estimate: z.object({
        expected: RunEstimate.describe("what the portal estimated when it triggered the run; null for runs triggered elsewhere or without history"),
        actual: z.object({ costEur: z.number(), durationS: z.number().int() }).nullable().describe("once the run has ended"),
      }),
    })
    .meta({ id: "RunDetail" }),
});

// A task try's log, read in place (lib/platform/logs): the same role as the run page that shows it.
const taskLogParams = z.object({ id: cuid, taskId: taskIdSchema });
const taskLogTry = z.object({
  try: z.coerce.number().int().min(1).max(1000).describe("the try number, as the run's task list gives it"),
  mapIndex: z.coerce.number().int().min(-1).max(1_000_000).default(-1).describe("-1 for a task that is not mapped"),
});

export const getTaskLog = defineRoute({
  method: "get",
  path: "/api/runs/{id}/tasks/{taskId}/logs",
  summary: "A task try's log: without a cursor its tail (at most 256 KiB), with one what was written since; poll with the returned cursor to follow a running task",
  tag: "pipelines",
  access: "viewer",
  params: taskLogParams,
  query: taskLogTry.extend({ cursor: logCursorSchema.optional() }),
  errors: ["not_found", "bad_gateway", "not_implemented"],
  response: z
    .object({
      text: z.string(),
      cursor: z.string().describe("give it back to read what comes next"),
      more: z.boolean().describe("more is there already: read again at once"),
      truncated: z.boolean().describe("the text starts after the log's beginning (download for all of it)"),
    })
    .meta({ id: "TaskLogChunk" }),
});

export const downloadTaskLog = defineRoute({
  method: "get",
  path: "/api/runs/{id}/tasks/{taskId}/logs/download",
  summary: "A task try's whole log as a text file, streamed",
  tag: "pipelines",
  access: "viewer",
  params: taskLogParams,
  query: taskLogTry,
  errors: ["not_found", "bad_gateway", "not_implemented"],
  // The body is the log's text; this schema only documents that.
  response: z.string().meta({ id: "TaskLogText", description: "The log as text/plain" }),
});
