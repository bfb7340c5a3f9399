import { expect, it } from "vitest";
import { contractSuite, type AdapterUnderTest } from "../contract";
import { TooLarge } from "../errors";
import type { Lake, LakeEntry } from "./port";

export interface LakeFixture {
  /** A configured, empty bucket. */
  bucket: string;
  /** A configured bucket with versioning on, where the store has versions (S3). */
  versionedBucket?: string;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const streamOf = (data: Uint8Array) => new Blob([data as BlobPart]).stream();

async function put(lake: Lake, bucket: string, key: string, text: string, replace = false) {
  return lake.upload(bucket, key, streamOf(bytes(text)), { replace });
}

/** A body that sends `prefix` and then fails, as a capped upload stream does past its limit. */
function failingStream(prefix: string, error: Error): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes(prefix));
      controller.error(error);
    },
  });
}

async function collect(lake: Lake, bucket: string, prefix: string, limit: number, recursive = false) {
  const pages: LakeEntry[][] = [];
  let cursor: string | null = null;
  do {
    const page = await lake.list(bucket, prefix, cursor, limit, { recursive });
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return pages;
}

async function bodyOf(lake: Lake, bucket: string, key: string): Promise<string> {
  const d = await lake.download(bucket, key);
  const res = d.kind === "url" ? await fetch(d.url) : new Response(d.body);
  expect(res.ok).toBe(true);
  return res.text();
}

/** The domain error kind a call ends with (the API maps each to its status: 400, 404, 409). */
const kind = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (err: { kind?: string }) => err.kind ?? `untyped ${String(err)}`,
  );

const BAD_KEYS = [
  "../outside.txt",
  "raw/../../outside.txt",
  "/etc/passwd",
  "raw/a\u0000b",
  "raw/%2e%2e/%2E%2E/x",
  "raw/..%2fx",
  "raw\\..\\x",
  "raw//x",
  "./raw/x",
  "raw/x/",
  "",
  "k".repeat(1025),
];

/** The Lake port's contract: the local adapter and the S3 adapter (on moto server) pass these same tests. */
export function lakeContract(adapterName: string, factory: () => Promise<AdapterUnderTest<Lake> & { fixture: LakeFixture }>) {
  let fixture: LakeFixture;
  contractSuite<Lake>("Lake", adapterName, async () => {
    const under = await factory();
    fixture = under.fixture;
    return under;
  }, (lake) => {
    it("lists the configured buckets and says whether each keeps versions", async () => {
      const buckets = await lake().buckets();
      expect(buckets).toContainEqual({ name: fixture.bucket, versioned: false });
      if (fixture.versionedBucket) expect(buckets).toContainEqual({ name: fixture.versionedBucket, versioned: true });
    });

    it("answers 404 for a bucket that is not configured", async () => {
      expect(await kind(lake().list("not-a-lake-bucket", "", null, 10))).toBe("not_found");
      expect(await kind(lake().head("not-a-lake-bucket", "a.txt"))).toBe("not_found");
    });

    it("lists folders and objects under a prefix with the '/' delimiter, in key order", async () => {
      const b = fixture.bucket;
      await put(lake(), b, "tree/b.txt", "bee");
      await put(lake(), b, "tree/a.csv", "x,y\n1,2\n");
      await put(lake(), b, "tree/sub/deep/c.txt", "see");
      await put(lake(), b, "tree/sub2/d.txt", "dee");
      const [page] = await collect(lake(), b, "tree/", 1000);
      expect(page!.map((e) => [e.key, e.isFolder])).toEqual([
        ["tree/a.csv", false],
        ["tree/b.txt", false],
        ["tree/sub/", true],
        ["tree/sub2/", true],
      ]);
      const a = page![0]!;
      expect(a.size).toBe(8);
      expect(a.lastModified).toBeInstanceOf(Date);
      expect(a.storageClass).toBe("STANDARD");
      expect((await lake().list(b, "", null, 1000)).items.map((e) => e.key)).toContain("tree/");
    });

    it("lists every object under a prefix when recursive", async () => {
      const pages = await collect(lake(), fixture.bucket, "tree/", 2, true);
      expect(pages.flat().map((e) => e.key)).toEqual(["tree/a.csv", "tree/b.txt", "tree/sub/deep/c.txt", "tree/sub2/d.txt"]);
      expect(pages.flat().every((e) => !e.isFolder)).toBe(true);
    });

    it("pages with a cursor: every key once, in order, pages no larger than the limit", async () => {
      const b = fixture.bucket;
      const keys = Array.from({ length: 23 }, (_, i) => `pages/obj-${String(i).padStart(3, "0")}.txt`);
      for (const key of keys) await put(lake(), b, key, key);
      const pages = await collect(lake(), b, "pages/", 10);
      expect(pages.map((p) => p.length)).toEqual([10, 10, 3]);
      expect(pages.flat().map((e) => e.key)).toEqual(keys);
    });

    it("orders keys by their UTF-8 bytes, as S3 does, across scripts and emoji", async () => {
      const keys = ["order/😀.txt", "order/～.txt", "order/é.txt", "order/z.txt"];
      for (const key of keys) await put(lake(), fixture.bucket, key, "x");
      const pages = await collect(lake(), fixture.bucket, "order/", 2);
      expect(pages.flat().map((e) => e.key)).toEqual(["order/z.txt", "order/é.txt", "order/～.txt", "order/😀.txt"]);
    });

    it("lists an absent prefix as empty", async () => {
      expect(await lake().list(fixture.bucket, "nothing-here/", null, 10)).toEqual({ items: [], nextCursor: null });
    });

    it("refuses a page limit outside 1..1000 and a prefix that is not a folder", async () => {
      expect(await kind(lake().list(fixture.bucket, "", null, 0))).toBe("invalid_input");
      expect(await kind(lake().list(fixture.bucket, "", null, 100_000))).toBe("invalid_input");
      expect(await kind(lake().list(fixture.bucket, "tree", null, 10))).toBe("invalid_input");
      expect(await kind(lake().list(fixture.bucket, "../", null, 10))).toBe("invalid_input");
    });

    it("heads an object, and answers 404 for a missing one", async () => {
      const head = await lake().head(fixture.bucket, "tree/b.txt");
      expect(head).toMatchObject({ key: "tree/b.txt", size: 3 });
      expect(head.lastModified).toBeInstanceOf(Date);
      expect(await kind(lake().head(fixture.bucket, "tree/missing.txt"))).toBe("not_found");
    });

    it("reads exact byte ranges, and refuses ranges outside the object", async () => {
      await put(lake(), fixture.bucket, "ranges/digits.txt", "0123456789");
      expect(new TextDecoder().decode(await lake().read(fixture.bucket, "ranges/digits.txt", 2, 5))).toBe("234");
      expect(new TextDecoder().decode(await lake().read(fixture.bucket, "ranges/digits.txt", 7, 10))).toBe("789");
      expect((await lake().read(fixture.bucket, "ranges/digits.txt", 4, 4)).length).toBe(0);
      expect(await kind(lake().read(fixture.bucket, "ranges/digits.txt", 5, 11))).toBe("invalid_input");
      expect(await kind(lake().read(fixture.bucket, "ranges/digits.txt", -1, 3))).toBe("invalid_input");
      expect(await kind(lake().read(fixture.bucket, "ranges/digits.txt", 6, 2))).toBe("invalid_input");
    });

    it("stores and reads a 0-byte object", async () => {
      await put(lake(), fixture.bucket, "raw/empty.csv", "");
      expect((await lake().head(fixture.bucket, "raw/empty.csv")).size).toBe(0);
      expect(await bodyOf(lake(), fixture.bucket, "raw/empty.csv")).toBe("");
    });

    it("downloads an object's bytes (presigned URL or stream)", async () => {
      expect(await bodyOf(lake(), fixture.bucket, "tree/a.csv")).toBe("x,y\n1,2\n");
      expect(await kind(lake().download(fixture.bucket, "tree/missing.csv"))).toBe("not_found");
    });

    it("uploads a multi-part-sized body intact", async () => {
      const big = new Uint8Array(9 * 1024 * 1024).map((_, i) => i % 251);
      const head = await lake().upload(fixture.bucket, "raw/big.bin", streamOf(big));
      expect(head.size).toBe(big.length);
      const tail = await lake().read(fixture.bucket, "raw/big.bin", big.length - 4, big.length);
      expect([...tail]).toEqual([...big.subarray(big.length - 4)]);
    });

    it("stores nothing when the body fails part-way (an upload past its cap)", async () => {
      const failed = lake().upload(fixture.bucket, "raw/short.txt", failingStream("part", new TooLarge("over the cap")));
      expect(await kind(failed)).toBe("too_large");
      expect(await kind(lake().head(fixture.bucket, "raw/short.txt"))).toBe("not_found");
      expect((await lake().list(fixture.bucket, "raw/", null, 1000)).items.map((e) => e.key)).not.toContain("raw/short.txt");
    });

    it("never replaces an object silently: a second upload to a key is a conflict, replacing is explicit", async () => {
      expect((await put(lake(), fixture.bucket, "raw/once.txt", "first")).replaced).toBe(false);
      expect(await kind(put(lake(), fixture.bucket, "raw/once.txt", "second"))).toBe("conflict");
      expect(await bodyOf(lake(), fixture.bucket, "raw/once.txt")).toBe("first");
      expect((await put(lake(), fixture.bucket, "raw/once.txt", "third", true)).replaced).toBe(true);
      expect(await bodyOf(lake(), fixture.bucket, "raw/once.txt")).toBe("third");
      // Only one of two racing uploads to a new key wins.
      const race = await Promise.allSettled([put(lake(), fixture.bucket, "raw/race.txt", "a"), put(lake(), fixture.bucket, "raw/race.txt", "b")]);
      expect(race.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    });

    it("refuses keys that could escape the bucket or are not canonical, on every operation", async () => {
      for (const key of BAD_KEYS) {
        expect.soft(await kind(lake().head(fixture.bucket, key)), key).toBe("invalid_input");
        expect.soft(await kind(lake().read(fixture.bucket, key, 0, 1)), key).toBe("invalid_input");
        expect.soft(await kind(put(lake(), fixture.bucket, key, "x")), key).toBe("invalid_input");
        expect.soft(await kind(lake().delete(fixture.bucket, key)), key).toBe("invalid_input");
        expect.soft(await kind(lake().download(fixture.bucket, key)), key).toBe("invalid_input");
      }
    });

    it("deletes an object; it is gone, and a second delete is 404", async () => {
      await put(lake(), fixture.bucket, "gone/x.txt", "x");
      expect(await lake().delete(fixture.bucket, "gone/x.txt")).toEqual({ deleteMarker: false });
      expect(await kind(lake().head(fixture.bucket, "gone/x.txt"))).toBe("not_found");
      expect((await lake().list(fixture.bucket, "", null, 1000)).items.map((e) => e.key)).not.toContain("gone/");
      expect(await kind(lake().delete(fixture.bucket, "gone/x.txt"))).toBe("not_found");
    });

    it("counts versions and deletes with a marker on a versioned bucket", async () => {
      const vb = fixture.versionedBucket;
      if (!vb) {
        // The store keeps no versions: every entry says so rather than inventing a count.
        const [page] = await collect(lake(), fixture.bucket, "tree/", 1000);
        expect(page!.every((e) => e.versionCount === null)).toBe(true);
        return;
      }
      await put(lake(), vb, "v/file.txt", "one");
      await put(lake(), vb, "v/file.txt", "two", true);
      await put(lake(), vb, "v/other.txt", "x");
      const [page] = await collect(lake(), vb, "v/", 1000);
      expect(page!.map((e) => [e.key, e.versionCount])).toEqual([
        ["v/file.txt", 2],
        ["v/other.txt", 1],
      ]);
      expect(await lake().delete(vb, "v/file.txt")).toEqual({ deleteMarker: true });
      expect(await kind(lake().head(vb, "v/file.txt"))).toBe("not_found");
    });
  });
}
