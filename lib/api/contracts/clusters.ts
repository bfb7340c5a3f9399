import { z } from "zod";
import { defineRoute } from "../handler";
import { CLUSTER_ID, CLUSTER_STATES, STEP_STATES } from "@/lib/platform/clusters/port";
import { list } from "./lists";
import { logCursorSchema, STEP_STREAMS, stepIdSchema } from "@/lib/platform/logs/port";

const iso = z.iso.datetime();

export const ClusterIdParams = z.object({
  id: z.string().regex(CLUSTER_ID, "a cluster id looks like j-1A2B3C4D5E6F7"),
});

export const Freshness = z
  .object({
    lastSuccessAt: iso.nullable(),
    maxAgeSeconds: z.number().int(),
    refreshed: z.boolean(),
    error: z.string().nullable(),
  })
  .meta({ id: "CacheFreshness", description: "How old the cached figures are, and whether this view refreshed them." });

const InstanceGroup = z.object({
  role: z.enum(["MASTER", "CORE", "TASK"]),
  instanceType: z.string(),
  count: z.number().int().nonnegative(),
  market: z.enum(["SPOT", "ON_DEMAND"]),
});

const StateChange = z.object({ state: z.enum(CLUSTER_STATES), at: iso, reason: z.string().nullable() });

export const ClusterSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    state: z.enum(CLUSTER_STATES),
    stateReason: z.string().nullable(),
    releaseLabel: z.string().nullable(),
    createdAt: iso,
    readyAt: iso.nullable(),
    endedAt: iso.nullable(),
    uptimeSeconds: z.number().int().nonnegative(),
    instanceGroups: z.array(InstanceGroup),
    normalizedInstanceHours: z.number().nonnegative(),
    autoTerminateIdleSeconds: z.number().int().nullable(),
    idleSince: iso.nullable(),
    idleSeconds: z.number().int().nonnegative(),
    idleTooLong: z.boolean(),
    dagRun: z.object({ dagId: z.string(), runId: z.string() }).nullable(),
    pipelineRunId: z.string().nullable().describe("The run-history id of that DAG run, once synced"),
    stateHistory: z.array(StateChange),
    estimatedEur: z.number().optional().describe("Compute cost so far, estimated from the price table; only for the roles that may see costs"),
    capturedAt: iso,
  })
  .meta({ id: "ClusterSummary" });

export const listClusters = defineRoute({
  method: "get",
  path: "/api/clusters",
  summary: "Active clusters and those created in the last `days` days, from the cached snapshots",
  tag: "clusters",
  access: "viewer",
  query: z.object({ days: z.coerce.number().int().min(1).max(90).default(14) }),
  errors: ["not_implemented"],
  response: list("ClusterList", ClusterSummary, { freshness: Freshness }),
});

const Step = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(STEP_STATES),
  startedAt: iso.nullable(),
  endedAt: iso.nullable(),
  durationSeconds: z.number().nonnegative().nullable(),
  failureReason: z.string().nullable(),
  logUri: z.string().nullable(),
});

const Series = z.object({
  id: z.string(),
  label: z.string(),
  unit: z.string(),
  points: z.array(z.object({ at: iso, value: z.number() })),
});

export const getCluster = defineRoute({
  method: "get",
  path: "/api/clusters/{id}",
  summary: "One cluster, its steps and its EMR metrics, read live from the source",
  tag: "clusters",
  access: "viewer",
  readsPerMinute: 30,
  params: ClusterIdParams,
  errors: ["not_found", "not_implemented", "bad_gateway"],
  response: z
    .object({
      cluster: ClusterSummary,
      steps: z.array(Step),
      metrics: z.object({ source: z.string(), measured: z.literal(true), series: z.array(Series) }),
      canTerminate: z.boolean().describe("Whether the signed-in user may terminate this cluster"),
    })
    .meta({ id: "ClusterDetail" }),
});

export const terminateCluster = defineRoute({
  method: "post",
  path: "/api/clusters/{id}/terminate",
  summary: "Terminate a cluster: engineers their own runs' clusters, leads and admins any; 409 when `confirm` is not this cluster's id or it has already ended",
  tag: "clusters",
  access: "engineer",
  params: ClusterIdParams,
  body: z.object({ confirm: z.string().regex(CLUSTER_ID).describe("The cluster id again, as the confirmation") }).strict(),
  errors: ["not_found", "conflict", "not_implemented", "bad_gateway"],
  audit: ({ params }) => ({ action: "cluster.terminate", target: params.id }),
  response: z.object({ id: z.string(), state: z.enum(CLUSTER_STATES) }).meta({ id: "ClusterTerminated" }),
});

// An EMR step's stdout/stderr read in place (lib/platform/logs): the same role as the cluster page.
const stepLogParams = ClusterIdParams.extend({ stepId: stepIdSchema });
const stepStream = z.object({ stream: z.enum(STEP_STREAMS).default("stderr").describe("stdout or stderr of the step") });

export const getStepLog = defineRoute({
  method: "get",
  path: "/api/clusters/{id}/steps/{stepId}/logs",
  summary: "An EMR step's stdout or stderr: without a cursor its tail (at most 256 KiB), with one what was written since (S3: EMR's gzipped upload)",
  tag: "clusters",
  access: "viewer",
  params: stepLogParams,
  query: stepStream.extend({ cursor: logCursorSchema.optional() }),
  errors: ["not_found", "bad_gateway", "not_implemented"],
  response: z
    .object({ text: z.string(), cursor: z.string(), more: z.boolean(), truncated: z.boolean() })
    .meta({ id: "StepLogChunk" }),
});

export const downloadStepLog = defineRoute({
  method: "get",
  path: "/api/clusters/{id}/steps/{stepId}/logs/download",
  summary: "An EMR step's whole stdout or stderr as a text file, streamed",
  tag: "clusters",
  access: "viewer",
  params: stepLogParams,
  query: stepStream,
  errors: ["not_found", "bad_gateway", "not_implemented"],
  // The body is the log's text; this schema only documents that.
  response: z.string().meta({ id: "StepLogText", description: "The log as text/plain" }),
});
