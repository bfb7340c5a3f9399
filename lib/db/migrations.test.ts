import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checksumOf, LOCK_FILE, LOCK_FILE_CONTENT, migrationTimestamp, readMigrations, redactUrl } from "./migrations";

describe("migration files", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "builditall-migrations-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const add = async (name: string, sql = "SELECT 1;\n") => {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  };

  it("reads the folders in Prisma's order with sha256 checksums", async () => {
    await writeFile(path.join(dir, LOCK_FILE), LOCK_FILE_CONTENT);
    await add("20260102000000_second", "SELECT 2;\n");
    await add("20260101000000_first", "SELECT 1;\n");
    const migrations = await readMigrations(dir);
    expect(migrations.map((m) => m.name)).toEqual(["20260101000000_first", "20260102000000_second"]);
    expect(migrations[0]!.checksum).toBe(createHash("sha256").update("SELECT 1;\n").digest("hex"));
  });

  it("treats a missing folder as no migrations", async () => {
    expect(await readMigrations(path.join(dir, "absent"))).toEqual([]);
  });

  it("refuses migrations without a postgresql lock file", async () => {
    await add("20260101000000_first");
    await expect(readMigrations(dir)).rejects.toThrow(/migration_lock.toml is missing/);
    await writeFile(path.join(dir, LOCK_FILE), 'provider = "sqlite"\n');
    await expect(readMigrations(dir)).rejects.toThrow(/provider = "postgresql"/);
  });

  it("refuses a folder Prisma would not have named, and one without migration.sql", async () => {
    await writeFile(path.join(dir, LOCK_FILE), LOCK_FILE_CONTENT);
    await mkdir(path.join(dir, "20260101000000_empty"));
    await expect(readMigrations(dir)).rejects.toThrow(/"20260101000000_empty" has no readable migration.sql/);
    await rm(path.join(dir, "20260101000000_empty"), { recursive: true });
    await add("init");
    await expect(readMigrations(dir)).rejects.toThrow(/"init" is not named/);
  });
});

describe("helpers", () => {
  it("checksums the bytes of the file, as Prisma does", () => {
    expect(checksumOf("é\n")).toBe(createHash("sha256").update(Buffer.from([0xc3, 0xa9, 0x0a])).digest("hex"));
  });

  it("stamps folders with the UTC time to the second", () => {
    expect(migrationTimestamp(new Date("2026-11-26T05:41:44.999Z"))).toBe("20261126054144");
  });

  it("hides the password in database URLs", () => {
    expect(redactUrl("postgresql://app:s3cret@db.internal:5432/portal?sslmode=require")).toBe("postgresql://app:***@db.internal:5432/portal");
    expect(redactUrl("not a url")).toBe("(unparseable database URL)");
  });
});
