import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  applyMigrations,
  checksumOf,
  createMigration,
  diffMigrationsToSchema,
  engineMigrationList,
  MIGRATIONS_DIR,
  migrationStatus,
  readMigrations,
  SCHEMA_PATH,
} from "./migrations";
import { NO_FILTER, openSchemaEngine } from "./schema-engine";
import { DATABASE_TARGETS, query, type EmptyDatabase } from "./testing/targets";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

type HistoryRow = {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
};
const history = (url: string) => query<HistoryRow>(url, "SELECT * FROM _prisma_migrations ORDER BY migration_name");
const tables = async (url: string) =>
  (await query<{ t: string }>(url, "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).map((r) => r.t);

/** A scratch copy of prisma/ so tests can add migrations and edit the schema. */
async function copyOfPrisma(): Promise<{ dir: string; schemaPath: string; migrations: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "builditall-prisma-"));
  await cp(MIGRATIONS_DIR, path.join(dir, "migrations"), { recursive: true });
  await cp(SCHEMA_PATH, path.join(dir, "schema.prisma"));
  return { dir, schemaPath: path.join(dir, "schema.prisma"), migrations: path.join(dir, "migrations") };
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, "migration.sql"), sql);
}

const schemaFiles = async () => [{ path: SCHEMA_PATH, content: await readFile(SCHEMA_PATH, "utf8") }];

describe.each(DATABASE_TARGETS)("migrations on $name", (target) => {
  let db: EmptyDatabase;
  let scratch: Awaited<ReturnType<typeof copyOfPrisma>>;
  beforeEach(async () => {
    db = await target.create();
    scratch = await copyOfPrisma();
  });
  afterEach(async () => {
    await db.dispose();
    await rm(scratch.dir, { recursive: true, force: true });
  });

  it("applies every migration once, and a second run changes nothing", async () => {
    const all = (await readMigrations()).map((m) => m.name);
    expect(all.length).toBeGreaterThan(0);
    expect(await applyMigrations(db.url)).toEqual(all);
    const first = await history(db.url);
    const tablesAfterFirst = await tables(db.url);
    expect(tablesAfterFirst).toEqual(expect.arrayContaining(["User", "AuditEvent", "PipelineRun", "CostSample", "_prisma_migrations"]));

    expect(await applyMigrations(db.url)).toEqual([]);
    expect(await history(db.url)).toEqual(first);
    expect(await tables(db.url)).toEqual(tablesAfterFirst);
    expect(await migrationStatus(db.url)).toEqual({ applied: all, pending: [] });
  });

  it("writes the bookkeeping Prisma writes, and Prisma's engine finds the history in order", async () => {
    await applyMigrations(db.url);
    const local = await readMigrations();
    const rows = await history(db.url);
    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      const file = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(checksumOf(file.toString("utf8")));
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(local[i]!.checksum).toBe(row.checksum);
    }

    const { engine, close } = await openSchemaEngine(db.url, await schemaFiles());
    try {
      const diagnosis = await engine.diagnoseMigrationHistory({
        migrationsList: await engineMigrationList(),
        optInToShadowDatabase: false,
        filters: NO_FILTER,
      });
      expect(diagnosis).toEqual({ editedMigrationNames: [], failedMigrationNames: [], hasMigrationsTable: true, history: null });
      // The database the migrations built is exactly what the schema describes.
      const drift = await engine.diff({
        from: { tag: "schemaDatasource", files: await schemaFiles(), configDir: ROOT },
        to: { tag: "schemaDatamodel", files: await schemaFiles() },
        script: true,
        exitCode: true,
        filters: NO_FILTER,
      });
      expect(drift.exitCode).toBe(0);
    } finally {
      await close();
    }
  });

  it("keeps the database as it was when a migration fails", async () => {
    await applyMigrations(db.url, { dir: scratch.migrations });
    const before = { tables: await tables(db.url), history: await history(db.url) };
    await addMigration(
      scratch.migrations,
      "20990101000000_half_done",
      'CREATE TABLE "Half" ("id" INTEGER);\nALTER TABLE "User" ADD COLUMN "nickname" TEXT;\nSELECT 1 / 0;\n',
    );

    await expect(applyMigrations(db.url, { dir: scratch.migrations })).rejects.toThrow(
      /migration 20990101000000_half_done failed and was rolled back: division by zero/,
    );
    expect(await tables(db.url)).toEqual(before.tables);
    expect(await history(db.url)).toEqual(before.history);
    const columns = await query(db.url, "SELECT 1 FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'nickname'");
    expect(columns).toEqual([]);
    expect((await migrationStatus(db.url, scratch.migrations)).pending).toEqual(["20990101000000_half_done"]);
  });

  it("refuses a migration edited after it was applied, and history it does not know", async () => {
    await applyMigrations(db.url, { dir: scratch.migrations });
    const [first] = await readMigrations(scratch.migrations);
    const file = path.join(scratch.migrations, first!.name, "migration.sql");
    await writeFile(file, `${await readFile(file, "utf8")}\n-- edited\n`);
    await expect(applyMigrations(db.url, { dir: scratch.migrations })).rejects.toThrow(/was edited after it was applied/);

    await expect(applyMigrations(db.url, { dir: path.join(scratch.dir, "no-migrations") })).rejects.toThrow(
      /the database has migrations this checkout does not/,
    );
  });

  it("applies a migration that db:migration:new wrote for a schema change", async () => {
    await applyMigrations(db.url, { dir: scratch.migrations });
    const schema = await readFile(scratch.schemaPath, "utf8");
    await writeFile(scratch.schemaPath, schema.replace("  disabled     Boolean  @default(false)\n", "  disabled     Boolean  @default(false)\n  timezone     String?\n"));
    const { folder, sql } = await createMigration({
      name: "user_timezone",
      dir: scratch.migrations,
      schemaPath: scratch.schemaPath,
      now: new Date("2099-01-02T03:04:05Z"),
    });
    expect(folder).toBe("20990102030405_user_timezone");
    expect(sql).toContain('ALTER TABLE "User" ADD COLUMN     "timezone" TEXT;');
    expect(await applyMigrations(db.url, { dir: scratch.migrations })).toEqual([folder]);
    const columns = await query(db.url, "SELECT 1 FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'timezone'");
    expect(columns).toHaveLength(1);
  });
});

describe.each(DATABASE_TARGETS)("two migration runs at once on $name", (target) => {
  it("applies each migration once (Prisma's advisory lock)", async () => {
    const db = await target.create();
    try {
      const results = await Promise.all([applyMigrations(db.url), applyMigrations(db.url)]);
      const all = (await readMigrations()).map((m) => m.name);
      expect(results.flat().sort()).toEqual(all);
      expect((await history(db.url)).map((r) => r.migration_name)).toEqual(all);
    } finally {
      await db.dispose();
    }
  });
});

describe("Prisma's own engine as the reference", () => {
  it("builds the same _prisma_migrations table and rows when the engine applies the migrations", async () => {
    const [ours, theirs] = await Promise.all([DATABASE_TARGETS[0]!.create(), DATABASE_TARGETS[0]!.create()]);
    try {
      await applyMigrations(ours.url);
      const { engine, close } = await openSchemaEngine(theirs.url, await schemaFiles());
      try {
        const applied = await engine.applyMigrations({ migrationsList: await engineMigrationList(), filters: NO_FILTER });
        expect(applied.appliedMigrationNames).toEqual((await readMigrations()).map((m) => m.name));
      } finally {
        await close();
      }
      const shape = (url: string) =>
        query(
          url,
          `SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
             FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
        );
      expect(await shape(ours.url)).toEqual(await shape(theirs.url));
      const comparable = async (url: string) =>
        (await history(url)).map(({ migration_name, checksum, logs, rolled_back_at, applied_steps_count, finished_at }) => ({
          migration_name,
          checksum,
          logs,
          rolled_back_at,
          applied_steps_count,
          finished: finished_at !== null,
        }));
      expect(await comparable(ours.url)).toEqual(await comparable(theirs.url));
      expect(await tables(ours.url)).toEqual(await tables(theirs.url));
    } finally {
      await Promise.all([ours.dispose(), theirs.dispose()]);
    }
  });
});

describe("db:check", () => {
  let scratch: Awaited<ReturnType<typeof copyOfPrisma>>;
  beforeEach(async () => {
    scratch = await copyOfPrisma();
  });
  afterEach(() => rm(scratch.dir, { recursive: true, force: true }));

  const dbCheck = (...args: string[]) =>
    run(path.join(ROOT, "node_modules/.bin/tsx"), [path.join(ROOT, "scripts/db/check.ts"), ...args], { cwd: ROOT }).then(
      (r) => ({ code: 0, out: r.stdout + r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
    );

  it("passes when the migrations match the schema", async () => {
    expect(await diffMigrationsToSchema({ dir: scratch.migrations, schemaPath: scratch.schemaPath })).toBeNull();
  });

  it("fails on a schema change that has no migration, naming the missing SQL", async () => {
    const schema = await readFile(scratch.schemaPath, "utf8");
    await writeFile(scratch.schemaPath, schema.replace("model SyncState {", "model Forgotten {\n  id String @id\n}\n\nmodel SyncState {"));
    const result = await dbCheck("--schema", scratch.schemaPath, "--migrations", scratch.migrations);
    expect(result.code).toBe(1);
    expect(result.out).toContain('CREATE TABLE "Forgotten"');
  });

  it("db:migration:new refuses when the schema has no change", async () => {
    await expect(createMigration({ name: "nothing", dir: scratch.migrations, schemaPath: scratch.schemaPath })).rejects.toThrow(
      /no changes since the last migration/,
    );
    expect((await readMigrations(scratch.migrations)).map((m) => m.name)).toEqual((await readMigrations()).map((m) => m.name));
  });
});
