import { z } from "zod";
import { defineRoute } from "../handler";
import type { ErrorCode } from "../errors";
import { list, page } from "./lists";

/** Engineers upload into this prefix only; curated data is written by the pipeline. */
export const UPLOAD_PREFIX = "raw/";
/** Who may replace an existing object with an upload: the role that may delete one. */
export const REPLACE_ROLE = "admin" as const;
/** One upload's byte cap: the file streams to the lake (S3 in 8 MiB parts) and past this is a 413. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

// Syntax only; what a key may be (no traversal, no encoded tricks) is checked once, by the adapters' rules.
const bucket = z.string().min(3).max(63).regex(/^[a-z0-9][a-z0-9.-]*$/, "not a bucket name");
const key = z.string().min(1).max(1024);
const prefix = z.string().max(1024).regex(/^(.*\/)?$/, "a prefix is a folder: empty or ending with '/'").default("");
const cursor = z.string().min(1).max(4096).regex(/^[A-Za-z0-9_-]+$/, "not a cursor this API returned");
const iso = z.iso.datetime();

export const LakeBucket = z.object({ name: z.string(), versioned: z.boolean() }).meta({ id: "LakeBucket" });

export const LakeEntry = z
  .object({
    key: z.string(),
    name: z.string(),
    isFolder: z.boolean(),
    size: z.number().int().nonnegative(),
    lastModified: iso.nullable(),
    storageClass: z.string().nullable(),
    versionCount: z.number().int().nonnegative().nullable(),
  })
  .meta({ id: "LakeEntry" });
export type LakeEntry = z.infer<typeof LakeEntry>;

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ParquetField = z
  .object({ name: z.string(), physicalType: z.string(), logicalType: z.string().nullable(), nullable: z.boolean() })
  .meta({ id: "ParquetField" });
export type ParquetField = z.infer<typeof ParquetField>;

export const RowGroupInfo = z
  .object({
    index: z.number().int(),
    rows: z.number().int(),
    compressedBytes: z.number().int(),
    uncompressedBytes: z.number().int(),
    compression: z.array(z.string()),
  })
  .meta({ id: "ParquetRowGroup" });
export type RowGroupInfo = z.infer<typeof RowGroupInfo>;

export const ColumnStatistics = z
  .object({
    column: z.string(),
    min: Cell,
    max: Cell,
    nullCount: z.number().int().nullable(),
    distinctCount: z.number().int().nullable(),
  })
  .meta({ id: "ParquetColumnStatistics" });
export type ColumnStatistics = z.infer<typeof ColumnStatistics>;

export const LakePreview = z
  .object({
    bucket: z.string(),
    key: z.string(),
    kind: z.enum(["parquet", "csv", "json", "text", "metadata"]),
    size: z.number().int().nonnegative(),
    lastModified: iso,
    contentType: z.string().nullable(),
    /** What the preview read from the store: the footer and first pages, or the first 64 KiB. */
    bytesRead: z.number().int().nonnegative(),
    /** Why the content is not (fully) shown: a 0-byte object, a file that cannot be read, … */
    message: z.string().nullable(),
    rowCount: z.number().int().nullable(),
    columns: z.array(z.string()),
    rows: z.array(z.array(Cell)),
    schema: z.array(ParquetField).nullable(),
    rowGroups: z.array(RowGroupInfo).nullable(),
    statistics: z.array(ColumnStatistics).nullable(),
    text: z.string().nullable(),
    truncated: z.boolean(),
  })
  .meta({ id: "LakePreview" });
export type LakePreview = z.infer<typeof LakePreview>;

export const LakeSummary = z
  .object({
    bucket: z.string(),
    prefix: z.string(),
    objects: z.number().int(),
    bytes: z.number().int(),
    partitions: z.array(z.object({ name: z.string(), objects: z.number().int(), bytes: z.number().int() })),
    truncated: z.boolean(),
  })
  .meta({ id: "LakeSummary" });
export type LakeSummary = z.infer<typeof LakeSummary>;

/** What every read of an object or prefix shares: anyone signed in, and the errors of a lake lookup. */
const lakeRead = () => ({ method: "get" as const, tag: "lake", access: "viewer" as const, errors: ["not_found", "not_implemented", "bad_gateway"] as ErrorCode[] });

export const listBuckets = defineRoute({
  method: "get",
  path: "/api/lake/buckets",
  summary: "The configured lake buckets",
  tag: "lake",
  access: "viewer",
  errors: ["not_implemented", "bad_gateway"],
  response: list("LakeBuckets", LakeBucket, {}),
});

export const listObjects = defineRoute({
  ...lakeRead(),
  path: "/api/lake/objects",
  summary: "Folders and objects directly under a prefix, one page (at most 1,000) at a time",
  query: z.object({ bucket, prefix, cursor: cursor.optional(), limit: z.coerce.number().int().min(1).max(1000).default(1000) }),
  response: page("LakePage", LakeEntry),
});

export const summarizePrefix = defineRoute({
  ...lakeRead(),
  path: "/api/lake/summary",
  summary: "Object count, bytes and key=value partition sizes under a prefix (first 100,000 objects)",
  readsPerMinute: 30,
  query: z.object({ bucket, prefix }),
  response: LakeSummary,
});

export const previewObject = defineRoute({
  ...lakeRead(),
  path: "/api/lake/preview",
  summary: "Schema, statistics and first rows of Parquet; first 64 KiB of CSV, JSON and text; metadata otherwise",
  query: z.object({ bucket, key, rows: z.coerce.number().int().min(0).max(1000).default(100) }),
  response: LakePreview,
});

export const downloadObject = defineRoute({
  ...lakeRead(),
  path: "/api/lake/download",
  summary: "The object's bytes: a redirect to a short-lived presigned URL (S3) or a stream (local)",
  query: z.object({ bucket, key }),
  // The body is the object itself (or a 302); this schema only documents that.
  response: z.string().meta({ id: "LakeObjectBytes", description: "The object's bytes" }),
});

export const uploadObject = defineRoute({
  method: "post",
  path: "/api/lake/upload",
  summary:
    "Upload a new file into raw/ (multipart/form-data: bucket, key, then file); an existing key is a 409 unless ?replace=true (admin)",
  tag: "lake",
  access: "engineer",
  bodyType: "multipart",
  maxFileBytes: MAX_UPLOAD_BYTES,
  query: z.object({
    replace: z
      .enum(["true", "false"])
      .default("false")
      .transform((v) => v === "true")
      .meta({ description: "Replace an existing object (admin only; on a versioned bucket the old version is kept)" }),
  }),
  // Exactly these parts: a multipart body has no room for fields the portal would ignore.
  body: z.strictObject({ bucket, key, file: z.file() }),
  status: 201,
  errors: ["not_found", "conflict", "payload_too_large", "not_implemented", "bad_gateway"],
  audit: ({ body, query }) => ({ action: query.replace ? "lake.replace" : "lake.upload", target: `s3://${body.bucket}/${body.key}` }),
  response: z
    .object({
      bucket: z.string(),
      key: z.string(),
      size: z.number().int(),
      lastModified: iso,
      replaced: z.boolean(),
      /** Set when an object was replaced: whether the bucket keeps its earlier version. */
      previousVersionKept: z.boolean().nullable(),
      message: z.string(),
    })
    .meta({ id: "LakeUploaded" }),
});

export const deleteObject = defineRoute({
  method: "delete",
  path: "/api/lake/objects",
  summary: "Delete an object (a delete marker on a versioned bucket)",
  tag: "lake",
  access: "admin",
  body: z.object({ bucket, key }),
  errors: ["not_found", "not_implemented", "bad_gateway"],
  audit: ({ body }) => ({ action: "lake.delete", target: `s3://${body.bucket}/${body.key}` }),
  response: z.object({ bucket: z.string(), key: z.string(), deleteMarker: z.boolean() }).meta({ id: "LakeDeleted" }),
});
