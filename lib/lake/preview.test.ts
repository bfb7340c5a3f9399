import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalLake } from "@/lib/platform/lake/local";
import { previewParquet } from "./parquet";
import { previewObject } from "./preview";
import { rangedFile } from "./ranged-file";
import { partitionOf, summarize } from "./summary";

// Real files through the real local adapter: the preview reads them with ranged reads as it would from S3.
let root: string;
const B = "preview-lake";
const lake = () => createLocalLake({ root, buckets: [B] });
const fixture = path.join(import.meta.dirname, "fixtures", "orders.parquet");

async function put(key: string, data: string | Uint8Array) {
  const file = path.join(root, B, ...key.split("/"));
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, data);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "lake-preview-"));
  await mkdir(path.join(root, B, "raw", "orders", "order_date=2025-01-01"), { recursive: true });
  await copyFile(fixture, path.join(root, B, "raw", "orders", "order_date=2025-01-01", "part-0.parquet"));
  await copyFile(fixture, path.join(root, B, "raw", "orders", "order_date=2025-01-02", "part-0.parquet")).catch(async () => {
    await mkdir(path.join(root, B, "raw", "orders", "order_date=2025-01-02"));
    await copyFile(fixture, path.join(root, B, "raw", "orders", "order_date=2025-01-02", "part-0.parquet"));
  });
  await put("raw/orders/_SUCCESS", "");
  const bytes = await readFile(fixture);
  // The magic number and the head of the first page intact, the footer gone: a file cut short in transfer.
  await put("raw/broken.parquet", new Uint8Array([...bytes.subarray(0, 5000), ...new TextEncoder().encode("PAR1")]));
  await put("raw/not-parquet.parquet", "just text, no magic number at all");
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("Parquet preview", () => {
  it("shows schema, row count, row groups, footer statistics and the first rows", async () => {
    const p = await previewObject(lake(), B, "raw/orders/order_date=2025-01-01/part-0.parquet", 5);
    expect(p.kind).toBe("parquet");
    expect(p.rowCount).toBe(20_000);
    expect(p.schema?.map((f) => [f.name, f.physicalType, f.logicalType])).toEqual([
      // DuckDB writes the older converted types for these two; the footer is shown as written.
      ["order_id", "INT64", "INT_64"],
      ["customer", "BYTE_ARRAY", "UTF8"],
      ["amount", "INT64", "DECIMAL(10,2)"],
      ["order_date", "INT32", "DATE"],
      ["placed_at", "INT64", "TIMESTAMP(MICROS)"],
      ["express", "BOOLEAN", null],
    ]);
    expect(p.schema?.every((f) => f.nullable)).toBe(true);
    expect(p.rowGroups).toHaveLength(10);
    expect(p.rowGroups?.[0]).toMatchObject({ index: 0, rows: 2048, compression: ["ZSTD"] });
    const stats = Object.fromEntries(p.statistics!.map((s) => [s.column, s]));
    expect(stats.order_id).toMatchObject({ min: "0", max: "19999", nullCount: 0 });
    // i % 7 == 0 for i < 20,000
    expect(stats.customer).toMatchObject({ min: "customer-0", max: "customer-996", nullCount: 2858 });
    expect(stats.order_date).toMatchObject({ min: "2025-01-01T00:00:00.000Z", max: "2025-01-31T00:00:00.000Z" });
    expect(p.columns).toEqual(["order_id", "customer", "amount", "order_date", "placed_at", "express"]);
    expect(p.rows).toHaveLength(5);
    expect(p.rows[0]).toEqual(["0", null, 0, "2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z", true]);
    expect(p.rows[1]).toEqual(["1", "customer-1", 79.19, "2025-01-02T00:00:00.000Z", "2025-01-01T00:00:37.000Z", false]);
    expect(p.truncated).toBe(true);
  });

  it("reads the footer and the first row group only, not the whole file", async () => {
    const p = await previewObject(lake(), B, "raw/orders/order_date=2025-01-01/part-0.parquet", 100);
    expect(p.bytesRead).toBeGreaterThan(0);
    expect(p.bytesRead).toBeLessThan(p.size / 3);
  });

  it("reads a small file once, however many slices the reader asks for", async () => {
    await put("raw/small.parquet", await readFile(path.join(import.meta.dirname, "fixtures", "small.parquet")));
    const p = await previewObject(lake(), B, "raw/small.parquet", 100);
    expect(p.size).toBeLessThan(16 * 1024);
    expect(p.rows).toHaveLength(100);
    // The footer read takes the whole file; the rows come from it, not from a second read.
    expect(p.bytesRead).toBe(p.size);
  });

  it("caps a crafted file: a footer over its size, columns past the first ones, bytes past the read budget", async () => {
    const key = "raw/orders/order_date=2025-01-01/part-0.parquet";
    const size = (await lake().head(B, key)).size;
    const file = () => rangedFile(lake(), B, key, size, 30_000);
    // A footer larger than the cap: nothing is read past its length word, and the message says why.
    await expect(previewParquet(rangedFile(lake(), B, key, size), 5, { footerBytes: 64, columns: 100, readBytes: 1e9 })).rejects.toThrow(/footer is .* MiB; a preview reads at most/);
    const narrow = await previewParquet(rangedFile(lake(), B, key, size), 5, { footerBytes: 2 ** 20, columns: 2, readBytes: 1e9 });
    expect(narrow.columns).toEqual(["order_id", "customer"]);
    expect(narrow.rows[0]).toHaveLength(2);
    expect(narrow.schema.map((f) => f.name)).toEqual(["order_id", "customer"]);
    expect(narrow.message).toBe("Showing the first 2 of 6 columns.");
    const f = file();
    const budget = await previewParquet(f, 100, { footerBytes: 2 ** 20, columns: 100, readBytes: 30_000 });
    expect(budget.rows).toEqual([]);
    expect(budget.message).toMatch(/Rows not shown: The preview stopped at its read budget/);
    expect(f.bytesRead()).toBeLessThanOrEqual(30_000);
  });

  it("shows the schema without rows when asked for none", async () => {
    const p = await previewObject(lake(), B, "raw/orders/order_date=2025-01-01/part-0.parquet", 0);
    expect(p.rows).toEqual([]);
    expect(p.schema).toHaveLength(6);
  });

  it("says plainly that a corrupt or mislabelled file cannot be read", async () => {
    for (const key of ["raw/broken.parquet", "raw/not-parquet.parquet"]) {
      const p = await previewObject(lake(), B, key, 10);
      expect(p.kind, key).toBe("metadata");
      expect(p.message, key).toMatch(/^Cannot read this file as Parquet: /);
      expect(p.rows).toEqual([]);
    }
  });
});

describe("text previews", () => {
  it("reads CSV with quoted fields into a table", async () => {
    await put("raw/people.csv", 'id,name,note\n1,"Smith, Ann","said ""hi""\nthen left"\n2,Bob,\n');
    const p = await previewObject(lake(), B, "raw/people.csv", 100);
    expect(p.kind).toBe("csv");
    expect(p.columns).toEqual(["id", "name", "note"]);
    expect(p.rows).toEqual([
      ["1", "Smith, Ann", 'said "hi"\nthen left'],
      ["2", "Bob", ""],
    ]);
  });

  it("reads only the first 64 KiB of a large CSV and drops the cut line", async () => {
    const lines = ["n,square", ...Array.from({ length: 20_000 }, (_, i) => `${i},${i * i}`)];
    await put("raw/big.csv", lines.join("\n"));
    const p = await previewObject(lake(), B, "raw/big.csv", 1000);
    expect(p.bytesRead).toBe(64 * 1024);
    expect(p.truncated).toBe(true);
    expect(p.rows).toHaveLength(1000);
    expect(p.text!.endsWith("\n")).toBe(true);
    const last = p.text!.trimEnd().split("\n").pop()!.split(",");
    expect(Number(last[1])).toBe(Number(last[0]) ** 2);
  });

  it("reads a JSON array and NDJSON as records; other JSON as text", async () => {
    await put("raw/a.json", JSON.stringify([{ a: 1, b: "x" }, { a: 2, c: true }]));
    await put("raw/b.ndjson", '{"a":1}\n{"a":2,"b":[1,2]}\n');
    await put("raw/c.json", '{"config": {"deep": 1}}');
    const a = await previewObject(lake(), B, "raw/a.json", 10);
    expect([a.kind, a.columns, a.rows]).toEqual(["json", ["a", "b", "c"], [[1, "x", null], [2, null, true]]]);
    const b = await previewObject(lake(), B, "raw/b.ndjson", 10);
    expect(b.rows).toEqual([[1, null], [2, "[1,2]"]]);
    const c = await previewObject(lake(), B, "raw/c.json", 10);
    expect([c.kind, c.text]).toEqual(["text", '{"config": {"deep": 1}}']);
  });

  it("shows a 0-byte file and an unknown kind as metadata with a message", async () => {
    const empty = await previewObject(lake(), B, "raw/orders/_SUCCESS", 10);
    expect([empty.size, empty.bytesRead, empty.message]).toEqual([0, 0, "This object is empty (0 bytes)."]);
    await put("raw/blob.bin", new Uint8Array([0, 1, 2, 3]));
    const bin = await previewObject(lake(), B, "raw/blob.bin", 10);
    expect([bin.kind, bin.bytesRead]).toEqual(["metadata", 0]);
  });

  it("refuses a key that escapes the lake, and answers 404 for a missing one", async () => {
    await expect(previewObject(lake(), B, "raw/../../etc/passwd", 10)).rejects.toMatchObject({ kind: "invalid_input" });
    await expect(previewObject(lake(), B, "raw/missing.csv", 10)).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("dataset summary", () => {
  it("finds the key=value partitions of a key", () => {
    expect(partitionOf("orders/order_date=2025-01-01/part-0.parquet")).toBe("order_date=2025-01-01");
    expect(partitionOf("year=2025/month=01/x.parquet")).toBe("year=2025/month=01");
    expect(partitionOf("orders/_SUCCESS")).toBeNull();
  });

  it("counts objects, bytes and partition sizes under a prefix", async () => {
    const s = await summarize(lake(), B, "raw/orders/");
    const size = (await readFile(fixture)).length;
    expect(s).toEqual({
      objects: 3,
      bytes: 2 * size,
      partitions: [
        { name: "order_date=2025-01-01", objects: 1, bytes: size },
        { name: "order_date=2025-01-02", objects: 1, bytes: size },
      ],
      truncated: false,
    });
  });

  it("stops at its object cap and says so", async () => {
    const s = await summarize(lake(), B, "raw/", 1);
    expect(s.truncated).toBe(true);
  });
});
