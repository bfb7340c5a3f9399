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
  nextCursor: string | null;
}

/** The S3 lake, or a directory shaped like one. Keys use "/" and never escape the bucket. */
export interface Lake extends Probe {
  buckets(): Promise<LakeBucket[]>;
  list(bucket: string, prefix: string, cursor: string | null, limit: number): Promise<LakePage>;
  head(bucket: string, key: string): Promise<LakeObjectHead>;
  /** Bytes [start, end) of an object: previews read footers and first row groups, never whole files. */
  read(bucket: string, key: string, start: number, end: number): Promise<Uint8Array>;
  upload(bucket: string, key: string, body: ReadableStream<Uint8Array>, size: number): Promise<LakeObjectHead>;
  delete(bucket: string, key: string): Promise<{ deleteMarker: boolean }>;
}
