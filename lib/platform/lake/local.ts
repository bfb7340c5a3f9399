import { createReadStream, createWriteStream, type Dirent } from "node:fs";
import { link, mkdir, open, readdir, realpath, rename, rm, rmdir, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Conflict, InvalidInput, NotFound } from "../errors";
import { MAX_PAGE, MAX_READ_BYTES, type Lake, type LakeEntry, type LakeObjectHead, type LakePage } from "./port";
import { checkBucket, checkKey, checkLimit, checkPrefix, checkRange } from "./validate";

export interface LocalLakeOptions {
  /** The lake root: each configured bucket is a directory under it. */
  root: string;
  buckets: readonly string[];
}

// Uploads land here first and are linked into place, so a reader never sees half a file.
const UPLOAD_PREFIX = ".lake-upload-";

const encodeCursor = (key: string) => Buffer.from(key, "utf8").toString("base64url");
function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  try {
    // A cursor is the last key of a page: it must re-encode to itself and be a valid key or folder.
    if (encodeCursor(key) !== cursor) throw new Error("not canonical");
    if (key.endsWith("/")) checkPrefix(key);
    else checkKey(key);
  } catch {
    throw new InvalidInput("Invalid cursor: not one this lake returned.");
  }
  return key;
}

// UTF-16 code-unit order (JavaScript's) equals UTF-8 byte order (S3's) unless a key holds a surrogate pair:
// the native string comparison in the common case, the byte comparison only when it would differ.
const SURROGATE = /[\uD800-\uDFFF]/;
type Order = (a: string, b: string) => number;
const byBytes: Order = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));
const byUnits: Order = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const s3Order = (keys: string[]): Order => (keys.some((k) => SURROGATE.test(k)) ? byBytes : byUnits);

/** Index of the first key that sorts after `after` (binary search). */
function firstAfter(sorted: string[], after: string, order: Order): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order(sorted[mid]!, after) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const isMissing = (err: unknown) => (err as NodeJS.ErrnoException)?.code === "ENOENT" || (err as NodeJS.ErrnoException)?.code === "ENOTDIR";

/** A directory shaped like S3: `<root>/<bucket>/<key>`; no key, link or cursor reaches outside a bucket. */
export function createLocalLake(options: LocalLakeOptions): Lake {
  const root = path.resolve(options.root);
  const buckets = [...options.buckets];

  const bucketDir = (bucket: string) => path.join(root, checkBucket(bucket, buckets));

  /** The real path of `target`'s deepest existing ancestor must stay inside the bucket (symlinks included). */
  async function contained(bucket: string, target: string): Promise<void> {
    const base = bucketDir(bucket);
    const realBase = await realpath(base).catch(() => base);
    for (let probe = target; ; probe = path.dirname(probe)) {
      const real = await realpath(probe).catch((err) => {
        if (isMissing(err)) return null;
        throw err;
      });
      if (real !== null) {
        if (real !== realBase && !real.startsWith(realBase + path.sep)) {
          throw new InvalidInput("Invalid key: it resolves outside the lake (a link points elsewhere).");
        }
        return;
      }
      if (probe === base || probe === path.dirname(probe)) return;
    }
  }

  async function objectPath(bucket: string, key: string): Promise<string> {
    const file = path.join(bucketDir(bucket), ...checkKey(key).split("/"));
    await contained(bucket, file);
    return file;
  }

  async function statObject(bucket: string, key: string) {
    const file = await objectPath(bucket, key);
    const info = await stat(file).catch((err) => {
      if (isMissing(err)) return null;
      throw err;
    });
    if (!info?.isFile()) throw new NotFound(`No object ${key} in ${bucket}.`);
    return { file, info };
  }

  const headOf = (key: string, size: number, mtime: Date): LakeObjectHead => ({
    key,
    size,
    lastModified: mtime,
    contentType: null,
    etag: null,
  });

  /** Names directly under a folder, as keys (folders end with "/"), links leaving the bucket left out. */
  async function folderKeys(bucket: string, dir: string, prefix: string): Promise<string[]> {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return [];
      throw err;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith(UPLOAD_PREFIX)) continue;
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        const target = path.join(dir, entry.name);
        const ok = await contained(bucket, target).then(() => true, () => false);
        const info = ok ? await stat(target).catch(() => null) : null;
        if (!info) continue;
        isDir = info.isDirectory();
      } else if (!isDir && !entry.isFile()) {
        continue;
      }
      keys.push(prefix + entry.name + (isDir ? "/" : ""));
    }
    return keys;
  }

  /** Every object below a folder; a link back to a folder already walked is not walked again (no cycles). */
  async function allKeysUnder(bucket: string, dir: string, prefix: string, seen = new Set<string>()): Promise<string[]> {
    const real = await realpath(dir).catch(() => dir);
    if (seen.has(real)) return [];
    seen.add(real);
    const out: string[] = [];
    for (const key of await folderKeys(bucket, dir, prefix)) {
      if (key.endsWith("/")) out.push(...(await allKeysUnder(bucket, path.join(dir, path.basename(key)), key, seen)));
      else out.push(key);
    }
    return out;
  }

  const lake: Lake = {
    adapter: "local",

    async probe() {
      const info = await stat(root).catch(() => null);
      if (!info?.isDirectory()) throw new Error(`the lake root ${root} does not exist`);
      return `lake directory ${root} (${buckets.length} bucket${buckets.length === 1 ? "" : "s"})`;
    },

    async buckets() {
      return buckets.map((name) => ({ name, versioned: false }));
    },

    async list(bucket, prefix, cursor, limit, listOptions = {}): Promise<LakePage> {
      // The bucket first, as S3 would: a request to a bucket that is not there is 404 whatever else it says.
      const base = bucketDir(bucket);
      checkPrefix(prefix);
      checkLimit(limit, MAX_PAGE);
      const after = cursor === null ? null : decodeCursor(cursor);
      const dir = path.join(base, ...prefix.split("/").filter(Boolean));
      await contained(bucket, dir);
      const keys = listOptions.recursive ? await allKeysUnder(bucket, dir, prefix) : await folderKeys(bucket, dir, prefix);
      const order = s3Order(after === null ? keys : [...keys, after]);
      const sorted = keys.sort(order);
      const start = after === null ? 0 : firstAfter(sorted, after, order);
      const page = sorted.slice(start, start + limit);
      const items = await Promise.all(
        page.map(async (key): Promise<LakeEntry> => {
          if (key.endsWith("/")) {
            return { key, isFolder: true, size: 0, lastModified: null, storageClass: null, versionCount: null };
          }
          const info = await stat(path.join(bucketDir(bucket), ...key.split("/")));
          return { key, isFolder: false, size: info.size, lastModified: info.mtime, storageClass: "STANDARD", versionCount: null };
        }),
      );
      const more = start + limit < sorted.length;
      return { items, nextCursor: more ? encodeCursor(page[page.length - 1]!) : null };
    },

    async head(bucket, key) {
      const { info } = await statObject(bucket, key);
      return headOf(key, info.size, info.mtime);
    },

    async read(bucket, key, start, end) {
      const { file, info } = await statObject(bucket, key);
      checkRange(start, end, info.size, MAX_READ_BYTES);
      const buffer = new Uint8Array(end - start);
      if (buffer.length === 0) return buffer;
      const handle = await open(file, "r");
      try {
        let done = 0;
        while (done < buffer.length) {
          const { bytesRead } = await handle.read(buffer, done, buffer.length - done, start + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return buffer.subarray(0, done);
      } finally {
        await handle.close();
      }
    },

    async download(bucket, key) {
      const { file, info } = await statObject(bucket, key);
      const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
      return { kind: "stream", body, size: info.size, contentType: null };
    },

    async upload(bucket, key, body, uploadOptions = {}) {
      const file = await objectPath(bucket, key);
      const dir = path.dirname(file);
      const existing = await stat(file).catch(() => null);
      if (existing?.isDirectory()) throw new Conflict(`${key} is a folder in ${bucket}; choose another name.`);
      await mkdir(dir, { recursive: true }).catch((err) => {
        if ((err as NodeJS.ErrnoException).code === "EEXIST" || (err as NodeJS.ErrnoException).code === "ENOTDIR") {
          throw new Conflict(`A parent of ${key} is an object in ${bucket}, not a folder.`);
        }
        throw err;
      });
      await contained(bucket, dir);
      const temp = path.join(dir, `${UPLOAD_PREFIX}${crypto.randomUUID()}`);
      let replaced = false;
      try {
        await pipeline(Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>), createWriteStream(temp, { flags: "wx" }));
        // link() creates the name only if it is free: two uploads racing for one key cannot both win.
        const created = await link(temp, file).then(
          () => true,
          (err: NodeJS.ErrnoException) => {
            if (err.code === "EEXIST") return false;
            throw err;
          },
        );
        if (!created) {
          if (!uploadOptions.replace) throw new Conflict(`${key} already exists in ${bucket}: upload under another name, or ask an admin to replace it (?replace=true).`);
          await rename(temp, file);
          replaced = true;
        }
      } finally {
        await rm(temp, { force: true });
      }
      const info = await stat(file);
      return { ...headOf(key, info.size, info.mtime), replaced };
    },

    async delete(bucket, key) {
      const { file } = await statObject(bucket, key);
      await rm(file);
      // S3 has no empty folders: remove the parents this delete left empty, never the bucket itself.
      const base = bucketDir(bucket);
      for (let dir = path.dirname(file); dir !== base && dir.startsWith(base + path.sep); dir = path.dirname(dir)) {
        const removed = await rmdir(dir).then(() => true, () => false);
        if (!removed) break;
      }
      return { deleteMarker: false };
    },
  };
  return lake;
}
