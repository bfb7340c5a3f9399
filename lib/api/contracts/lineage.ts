import { z } from "zod";
import { runEvent } from "@/lib/lineage/event";
import { MAX_EVENT_BYTES } from "@/lib/lineage/lake-import";
import { defineRoute } from "../handler";
import { list } from "./lists";

const iso = z.iso.datetime();
const bucket = z.string().min(3).max(63).regex(/^[a-z0-9][a-z0-9.-]*$/, "not a bucket name");
const datasetName = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[A-Za-z0-9_.=-]+(\/[A-Za-z0-9_.=-]+)*$/, "a dataset path such as curated/orders");
const verdict = z.enum(["passed", "failed", "warnings"]).nullable().describe("the quality job's verdict for this dataset in that run; null when unchecked");

export const postLineageEvent = defineRoute({
  method: "post",
  path: "/api/v1/lineage",
  summary: "Receive one OpenLineage RunEvent (the path OpenLineage's HTTP transport and Marquez use); stored once however often it is sent",
  tag: "lineage",
  access: "api-key",
  body: runEvent.meta({ id: "OpenLineageRunEvent" }),
  maxBodyBytes: MAX_EVENT_BYTES,
  status: 201,
  response: z.object({ runId: z.string(), stored: z.boolean().describe("false when the same event was already stored") }),
});

export const Producer = z
  .object({
    dagId: z.string().nullable(),
    runId: z.string().nullable().describe("Airflow's run id"),
    job: z.string(),
    lineageRunId: z.string(),
    endedAt: iso,
    rows: z.number().int().nullable(),
    bytes: z.number().int().nullable(),
    qualityStatus: verdict,
    portalRunId: z.string().nullable().describe("the run's id in the portal's history (/runs/{id}); null if not synced"),
    triggeredBy: z.string().nullable(),
  })
  .meta({ id: "LineageProducer" });

export const getObjectLineage = defineRoute({
  method: "get",
  path: "/api/lineage",
  summary: "Which runs wrote an object's partition (or its unpartitioned dataset), newest first; empty when unknown",
  tag: "lineage",
  access: "viewer",
  errors: ["not_found"],
  query: z.object({ bucket, key: z.string().min(1).max(1024) }),
  response: z.object({ dataset: z.string(), partition: z.string().nullable(), producers: z.array(Producer) }).meta({ id: "ObjectLineage" }),
});

const DatasetRef = z.object({ namespace: z.string(), name: z.string() });

export const listDatasets = defineRoute({
  method: "get",
  path: "/api/datasets",
  summary: "Datasets the lineage events named, with their latest write",
  tag: "lineage",
  access: "viewer",
  response: list("DatasetList", DatasetRef.extend({ lastWrittenAt: iso.nullable() }), {}),
});

export const getDataset = defineRoute({
  method: "get",
  path: "/api/datasets/{name}",
  summary: "One dataset (name URL-encoded: curated%2Forders): schema, writes, quality trend, upstream and downstream",
  tag: "lineage",
  access: "viewer",
  params: z.object({ name: datasetName }),
  query: z.object({ bucket: bucket.optional().describe("default: the portal's first lake bucket") }),
  errors: ["not_found"],
  response: DatasetRef.extend({
    schema: z.array(z.object({ name: z.string(), type: z.string().nullable() })).nullable(),
    writes: z.array(
      z.object({
        lineageRunId: z.string(),
        job: z.string(),
        dagId: z.string().nullable(),
        runId: z.string().nullable(),
        endedAt: iso.nullable(),
        rows: z.number().int().nullable(),
        bytes: z.number().int().nullable(),
        partitions: z.array(z.string()),
      }),
    ),
    quality: z.array(
      z.object({ lineageRunId: z.string(), dagId: z.string().nullable(), runId: z.string().nullable(), endedAt: iso.nullable(), checks: z.number().int(), failed: z.number().int(), verdict }),
    ),
    upstream: z.array(DatasetRef.extend({ job: z.string() })),
    downstream: z.array(DatasetRef.extend({ job: z.string() })),
  }).meta({ id: "DatasetDetail" }),
});

export const RunLineage = z
  .array(
    z.object({
      runId: z.string(),
      job: z.string(),
      state: z.string(),
      startedAt: iso.nullable(),
      endedAt: iso.nullable(),
      errorMessage: z.string().nullable(),
      datasets: z.array(
        DatasetRef.extend({
          direction: z.enum(["input", "output"]),
          rows: z.number().int().nullable(),
          bytes: z.number().int().nullable(),
          partitions: z.array(z.string()),
          quality: verdict,
        }),
      ),
    }),
  )
  .meta({ id: "RunLineage", description: "What each job of the run read and wrote (OpenLineage)" });
