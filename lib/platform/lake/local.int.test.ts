import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lakeContract } from "./contract";
import { createLocalLake } from "./local";

lakeContract("local", async () => {
  const root = await mkdtemp(path.join(tmpdir(), "lake-contract-"));
  return {
    adapter: createLocalLake({ root, buckets: ["contract-lake"] }),
    fixture: { bucket: "contract-lake" },
    close: () => rm(root, { recursive: true, force: true }),
  };
});

describe("local lake — what only a directory can get wrong", () => {
  let root: string;
  let outside: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "lake-local-"));
    outside = await mkdtemp(path.join(tmpdir(), "lake-outside-"));
    await mkdir(path.join(root, "b", "raw"), { recursive: true });
    await writeFile(path.join(outside, "secret.txt"), "secret");
    await writeFile(path.join(root, "b", "raw", "inside.txt"), "inside");
    await symlink(path.join(outside, "secret.txt"), path.join(root, "b", "raw", "leak.txt"));
    await symlink(outside, path.join(root, "b", "raw", "leakdir"));
    await symlink(path.join(root, "b", "raw", "inside.txt"), path.join(root, "b", "raw", "alias.txt"));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });
  const lake = () => createLocalLake({ root, buckets: ["b"] });

  it("refuses a symlink that points outside the lake, for reads, lists and writes", async () => {
    await expect(lake().head("b", "raw/leak.txt")).rejects.toMatchObject({ kind: "invalid_input" });
    await expect(lake().read("b", "raw/leakdir/secret.txt", 0, 1)).rejects.toMatchObject({ kind: "invalid_input" });
    await expect(lake().list("b", "raw/leakdir/", null, 10)).rejects.toMatchObject({ kind: "invalid_input" });
    const body = new Blob(["x"]).stream();
    await expect(lake().upload("b", "raw/leakdir/planted.txt", body)).rejects.toMatchObject({ kind: "invalid_input" });
    await expect(readdir(outside)).resolves.toEqual(["secret.txt"]);
  });

  it("leaves escaping links out of listings but follows links that stay inside", async () => {
    const keys = (await lake().list("b", "raw/", null, 100)).items.map((e) => e.key);
    expect(keys).toEqual(["raw/alias.txt", "raw/inside.txt"]);
    expect((await lake().head("b", "raw/alias.txt")).size).toBe(6);
  });

  it("walks a link cycle once when listing recursively", async () => {
    await symlink(path.join(root, "b", "raw"), path.join(root, "b", "raw", "loop"));
    try {
      const keys = (await lake().list("b", "raw/", null, 100, { recursive: true })).items.map((e) => e.key);
      expect(keys).toEqual(["raw/alias.txt", "raw/inside.txt"]);
    } finally {
      await rm(path.join(root, "b", "raw", "loop"));
    }
  });

  it("refuses a cursor it did not issue", async () => {
    await expect(lake().list("b", "raw/", "not a cursor!", 10)).rejects.toMatchObject({ kind: "invalid_input" });
    await expect(lake().list("b", "raw/", "", 10)).rejects.toMatchObject({ kind: "invalid_input" });
  });
});
