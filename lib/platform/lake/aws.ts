import {
  DeleteObjectCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  S3Client,
  S3ServiceException,
  type ListObjectsV2CommandOutput,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Conflict, DomainError, InvalidInput, NotFound, Refused } from "../errors";
import { MAX_PAGE, MAX_READ_BYTES, type Lake, type LakeEntry, type LakeObjectHead } from "./port";
import { checkBucket, checkKey, checkLimit, checkPrefix, checkRange } from "./validate";

export interface S3LakeOptions {
  buckets: readonly string[];
  region: string;
  /** A protocol peer (moto server) instead of AWS; path-style addressing then. */
  endpoint?: string;
  /** Seconds a presigned download URL stays valid. */
  presignSeconds?: number;
}

// Uploads above one part go multipart; 8 MiB parts keep a 5 GiB object under S3's 10,000 parts.
const PART_SIZE = 8 * 1024 * 1024;
const VERSION_PAGES = 5;

/** S3's answers in the port's words: a missing key is NotFound, S3 failing or silent is Refused; never an SDK stack. */
function mapError(err: unknown, what: string): never {
  if (err instanceof DomainError) throw err;
  if (err instanceof S3ServiceException) {
    const status = err.$metadata.httpStatusCode;
    if (err.name === "NoSuchKey" || err.name === "NotFound" || status === 404) throw new NotFound(`No ${what}.`);
    if (err.name === "InvalidArgument" || err.name === "InvalidToken") throw new InvalidInput(`S3 refused ${what}: ${err.message}`);
    throw new Refused(`S3 failed on ${what}: ${err.name}`);
  }
  throw new Refused(`S3 did not answer for ${what}.`);
}

/** The lake as S3 buckets: ListObjectsV2 pages, ranged GETs, presigned downloads, multipart uploads. */
export function createS3Lake(options: S3LakeOptions): Lake {
  const buckets = [...options.buckets];
  const presignSeconds = options.presignSeconds ?? 300;
  // Credentials come from the default chain (env, profile, container or instance role).
  const s3 = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.endpoint !== undefined,
    retryMode: "adaptive",
    maxAttempts: 4,
  });
  const versioned = new Map<string, boolean>();

  async function isVersioned(bucket: string): Promise<boolean> {
    const known = versioned.get(bucket);
    if (known !== undefined) return known;
    const out = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket })).catch((err) => mapError(err, `bucket ${bucket}`));
    // "Suspended" buckets still hold the versions written while it was on.
    const value = out.Status === "Enabled" || out.Status === "Suspended";
    versioned.set(bucket, value);
    return value;
  }

  /** Version counts for the keys of one page: ListObjectVersions from the previous page's last key, a few pages at most. */
  async function versionCounts(bucket: string, prefix: string, after: string | null, keys: string[], recursive: boolean): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (keys.length === 0) return counts;
    const last = keys[keys.length - 1]!;
    let keyMarker = after ?? undefined;
    let versionMarker: string | undefined;
    for (let i = 0; i < VERSION_PAGES; i++) {
      const out = await s3.send(
        new ListObjectVersionsCommand({
          Bucket: bucket,
          Prefix: prefix || undefined,
          Delimiter: recursive ? undefined : "/",
          KeyMarker: keyMarker,
          VersionIdMarker: versionMarker,
        }),
      );
      for (const v of out.Versions ?? []) {
        if (v.Key) counts.set(v.Key, (counts.get(v.Key) ?? 0) + 1);
      }
      const reached = (out.Versions ?? []).some((v) => v.Key !== undefined && v.Key > last);
      if (!out.IsTruncated || reached) break;
      keyMarker = out.NextKeyMarker;
      versionMarker = out.NextVersionIdMarker;
    }
    return counts;
  }

  async function headObject(bucket: string, key: string): Promise<LakeObjectHead> {
    const out = await s3
      .send(new HeadObjectCommand({ Bucket: checkBucket(bucket, buckets), Key: checkKey(key) }))
      .catch((err) => mapError(err, `object ${key} in ${bucket}`));
    return {
      key,
      size: out.ContentLength ?? 0,
      lastModified: out.LastModified ?? new Date(0),
      contentType: out.ContentType ?? null,
      etag: out.ETag ?? null,
    };
  }

  return {
    adapter: "aws",

    async probe() {
      const first = buckets[0];
      if (!first) throw new Error("no lake bucket configured");
      await s3.send(new HeadBucketCommand({ Bucket: first }));
      return `S3 bucket ${first} answers`;
    },

    async buckets() {
      return Promise.all(buckets.map(async (name) => ({ name, versioned: await isVersioned(name) })));
    },

    async list(bucket, prefix, cursor, limit, listOptions = {}) {
      checkBucket(bucket, buckets);
      checkPrefix(prefix);
      checkLimit(limit, MAX_PAGE);
      const from = cursor === null ? null : decodeCursor(cursor);
      const out: ListObjectsV2CommandOutput = await s3
        .send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix || undefined,
            Delimiter: listOptions.recursive ? undefined : "/",
            ContinuationToken: from?.token,
            MaxKeys: limit,
          }),
        )
        .catch((err) => mapError(err, `listing of ${prefix || "/"} in ${bucket}`));
      const folders: LakeEntry[] = (out.CommonPrefixes ?? []).map((p) => ({
        key: p.Prefix!,
        isFolder: true,
        size: 0,
        lastModified: null,
        storageClass: null,
        versionCount: null,
      }));
      // A zero-byte "folder marker" object named like the prefix itself is the folder, not an entry in it.
      const objects = (out.Contents ?? []).filter((o) => o.Key !== prefix);
      const counts = (await isVersioned(bucket))
        ? await versionCounts(bucket, prefix, from?.after ?? null, objects.map((o) => o.Key!), listOptions.recursive ?? false)
        : null;
      const files: LakeEntry[] = objects.map((o) => ({
        key: o.Key!,
        isFolder: false,
        size: o.Size ?? 0,
        lastModified: o.LastModified ?? null,
        storageClass: o.StorageClass ?? "STANDARD",
        versionCount: counts ? (counts.get(o.Key!) ?? 1) : null,
      }));
      const items = [...folders, ...files].sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
      const token = out.IsTruncated ? out.NextContinuationToken : undefined;
      return { items, nextCursor: token ? encodeCursor({ token, after: items[items.length - 1]!.key }) : null };
    },

    head: headObject,

    async read(bucket, key, start, end) {
      const head = await headObject(bucket, key);
      checkRange(start, end, head.size, MAX_READ_BYTES);
      if (end === start) return new Uint8Array(0);
      const out = await s3
        .send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end - 1}` }))
        .catch((err) => mapError(err, `object ${key} in ${bucket}`));
      return out.Body!.transformToByteArray();
    },

    async download(bucket, key) {
      await headObject(bucket, key);
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: presignSeconds });
      return { kind: "url", url, expiresInSeconds: presignSeconds };
    },

    async upload(bucket, key, body, uploadOptions = {}) {
      checkBucket(bucket, buckets);
      checkKey(key);
      const replace = uploadOptions.replace === true;
      const replaced = replace ? await headObject(bucket, key).then(() => true, () => false) : false;
      const upload = new Upload({
        client: s3,
        // A conditional write: S3 refuses (412) when the key exists, however two uploads race.
        params: { Bucket: bucket, Key: key, Body: body, ...(replace ? {} : { IfNoneMatch: "*" }) },
        partSize: PART_SIZE,
        queueSize: 4,
        leavePartsOnError: false,
      });
      await upload.done().catch((err) => {
        if (err instanceof S3ServiceException && (err.$metadata.httpStatusCode === 412 || err.name === "PreconditionFailed")) {
          throw new Conflict(`${key} already exists in ${bucket}: upload under another name, or ask an admin to replace it (?replace=true).`);
        }
        mapError(err, `upload of ${key} to ${bucket}`);
      });
      return { ...(await headObject(bucket, key)), replaced };
    },

    async delete(bucket, key) {
      await headObject(bucket, key);
      const out = await s3
        .send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
        .catch((err) => mapError(err, `object ${key} in ${bucket}`));
      return { deleteMarker: out.DeleteMarker === true };
    },
  };
}

/**
 * The API's cursor: S3's continuation token plus the page's last key, from which the next page's
 * version counts start (ListObjectVersions takes a key marker, not a continuation token).
 */
interface Cursor {
  token: string;
  after: string;
}
const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.token, c.after]), "utf8").toString("base64url");
function decodeCursor(cursor: string): Cursor {
  try {
    const [token, after] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof token === "string" && typeof after === "string" && token && after) return { token, after };
  } catch {
    // falls through to the refusal
  }
  throw new InvalidInput("Invalid cursor: not one this lake returned.");
}
