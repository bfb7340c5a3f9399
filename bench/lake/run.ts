/**
 * Lake benchmark: prints figures, asserts nothing.
 *   npx tsx bench/lake/run.ts [--objects 100000] [--parquet /path/to/big.parquet] [--skip-moto]
 * 1. First-page time (and a deep page) of a prefix holding N objects, local adapter and S3 adapter on moto.
 * 2. Bytes read, time and memory to preview a Parquet file (make one ≥ 1 GiB with make_big_parquet.py).
 */
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { link, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { previewObject } from "@/lib/lake/preview";
import { createS3Lake } from "@/lib/platform/lake/aws";
import { createLocalLake } from "@/lib/platform/lake/local";
import type { Lake } from "@/lib/platform/lake/port";
import { startMoto } from "./moto";

const { values } = parseArgs({
  options: {
    objects: { type: "string", default: "100000" },
    parquet: { type: "string" },
    "skip-moto": { type: "boolean", default: false },
  },
});
const objects = Number(values.objects);
if (!Number.isInteger(objects) || objects < 1000 || objects > 1_000_000) throw new Error("--objects must be an integer in [1000, 1000000]");

const BUCKET = "bench-lake";
const PREFIX = "raw/many/";
const keyOf = (i: number) => `${PREFIX}part-${String(i).padStart(7, "0")}.json`;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;

async function timePages(name: string, lake: Lake) {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    const page = await lake.list(BUCKET, PREFIX, null, 1000);
    samples.push(ms(t0));
    if (page.items.length !== 1000) throw new Error(`${name}: first page has ${page.items.length} entries`);
  }
  // Walk to page 50 and time that one: a page deep in the prefix should cost what the first does.
  let cursor: string | null = null;
  const pageTimes: number[] = [];
  for (let p = 0; p < Math.min(50, objects / 1000) && (p === 0 || cursor); p++) {
    const t0 = process.hrtime.bigint();
    const page: Awaited<ReturnType<Lake["list"]>> = await lake.list(BUCKET, PREFIX, cursor, 1000);
    pageTimes.push(ms(t0));
    cursor = page.nextCursor;
  }
  samples.sort((a, b) => a - b);
  console.log(
    `${name}: first page of 1,000 from a ${objects.toLocaleString("en")}-object prefix — median ${samples[2]!.toFixed(0)} ms ` +
      `(min ${samples[0]!.toFixed(0)}, max ${samples[4]!.toFixed(0)}); page ${pageTimes.length}: ${pageTimes.at(-1)!.toFixed(0)} ms`,
  );
}

async function localListing() {
  const root = await mkdtemp(path.join(tmpdir(), "lake-bench-"));
  try {
    const dir = path.join(root, BUCKET, PREFIX);
    await mkdir(dir, { recursive: true });
    const t0 = process.hrtime.bigint();
    // Hard links: 100,000 directory entries without 100,000 files' worth of writes (a new seed
    // every 50,000 links: ext4 allows 65,000 links to one inode).
    const seed = path.join(root, "seed");
    for (let i = 0; i < objects; i += 500) {
      if (i % 50_000 === 0) {
        await rm(seed, { force: true });
        await writeFile(seed, "{}\n");
      }
      await Promise.all(Array.from({ length: Math.min(500, objects - i) }, (_, j) => link(seed, path.join(root, BUCKET, keyOf(i + j)))));
    }
    console.log(`local: wrote ${objects.toLocaleString("en")} entries in ${(ms(t0) / 1000).toFixed(1)} s`);
    await timePages("local", createLocalLake({ root, buckets: [BUCKET] }));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function motoListing() {
  const moto = await startMoto();
  try {
    process.env.AWS_ACCESS_KEY_ID = "bench";
    process.env.AWS_SECRET_ACCESS_KEY = "bench";
    const s3 = new S3Client({ region: "eu-west-1", endpoint: moto.url, forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: "eu-west-1" } }));
    const t0 = process.hrtime.bigint();
    let next = 0;
    const worker = async () => {
      while (next < objects) {
        const i = next++;
        await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: keyOf(i), Body: "{}\n" }));
        if ((i + 1) % 20_000 === 0) console.log(`moto: ${(i + 1).toLocaleString("en")} objects put`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    console.log(`moto: put ${objects.toLocaleString("en")} objects in ${(ms(t0) / 1000).toFixed(1)} s`);
    await timePages("moto (S3 adapter)", createS3Lake({ buckets: [BUCKET], region: "eu-west-1", endpoint: moto.url }));
    s3.destroy();
  } finally {
    await moto.stop();
  }
}

async function parquetPreview(file: string) {
  const root = await mkdtemp(path.join(tmpdir(), "lake-bench-pq-"));
  try {
    await mkdir(path.join(root, BUCKET, "raw"), { recursive: true });
    await link(file, path.join(root, BUCKET, "raw", "big.parquet"));
    const lake = createLocalLake({ root, buckets: [BUCKET] });
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const t0 = process.hrtime.bigint();
    const p = await previewObject(lake, BUCKET, "raw/big.parquet", 100);
    const took = ms(t0);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(
      `parquet preview: ${p.rows.length} rows of ${p.rowCount?.toLocaleString("en")}, ${p.rowGroups?.length} row groups; ` +
        `read ${mib(p.bytesRead)} of ${mib(p.size)} = ${((p.bytesRead / p.size) * 100).toFixed(3)} % in ${took.toFixed(0)} ms; ` +
        `RSS ${mib(before)} before, peak ${mib(peak)} (+${mib(peak - before)})`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await localListing();
if (!values["skip-moto"]) await motoListing();
if (values.parquet) await parquetPreview(path.resolve(values.parquet));
else console.log("parquet preview: skipped (pass --parquet FILE; make one with bench/lake/make_big_parquet.py)");
