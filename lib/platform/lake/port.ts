import type { Probe } from "../probe";

export interface LakeBucket {
  name: string;
  versioned: boolean;
}

export interface LakeEntry {
  key: string;
  /** A common prefix ("folder") rather than an object. */
  isFolder: boolean;
  size: number;
  lastModified: Date | null;
  storageClass: string | null;
  /** Versions of the object (S3 versioned buckets); null where the store keeps no versions. */
  versionCount: number | null;
}

export interface LakeObjectHead {
  key: string;
  size: number;
  lastModified: Date;
  contentType: string | null;
  etag: string | null;
}

export interface LakePage {
  items: LakeEntry[];
  /** Opaque; pass it back to get the next page. Null on the last page. */
  nextCursor: string | null;
}

export interface ListOptions {
  /** Every object under the prefix (no folders), as S3 lists without a delimiter. */
  recursive?: boolean;
}

export interface UploadOptions {
  /** Replace an existing object (on a versioned bucket its earlier version is kept). */
  replace?: boolean;
}

export interface LakeUploaded extends LakeObjectHead {
  /** An object was there before and this upload replaced it. */
  replaced: boolean;
}

/** How a browser gets an object's bytes: a short-lived URL (S3) or a stream the portal serves (local). */
export type LakeDownload =
  | { kind: "url"; url: string; expiresInSeconds: number }
  | { kind: "stream"; body: ReadableStream<Uint8Array>; size: number; contentType: string | null };

/** The largest page a list call returns: S3 ListObjectsV2's own maximum. */
export const MAX_PAGE = 1000;
/** The largest single ranged read: previews read footers and pages, never whole large objects. */
export const MAX_READ_BYTES = 64 * 1024 * 1024;

/**
 * The S3 lake, or a directory shaped like one. Keys use "/" and never escape the bucket
 * (see validate.ts: both adapters validate the same way, and throw InvalidInput / NotFound).
 * Listing follows ListObjectsV2 with delimiter "/": folders and objects in key order.
 */
export interface Lake extends Probe {
  buckets(): Promise<LakeBucket[]>;
  list(bucket: string, prefix: string, cursor: string | null, limit: number, options?: ListOptions): Promise<LakePage>;
  head(bucket: string, key: string): Promise<LakeObjectHead>;
  /** Bytes [start, end) of an object: previews read footers and first row groups, never whole files. */
  read(bucket: string, key: string, start: number, end: number): Promise<Uint8Array>;
  download(bucket: string, key: string): Promise<LakeDownload>;
  /**
   * Create-only: an existing key is a Conflict unless `replace` is set (S3: a conditional write,
   * local: an exclusive create). The body's length is its own; callers cap it (a failing stream stores nothing).
   */
  upload(bucket: string, key: string, body: ReadableStream<Uint8Array>, options?: UploadOptions): Promise<LakeUploaded>;
  /** On a versioned bucket this writes a delete marker and earlier versions remain. */
  delete(bucket: string, key: string): Promise<{ deleteMarker: boolean }>;
}
