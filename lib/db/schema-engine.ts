import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";

/**
 * Prisma's schema engine as WebAssembly, driven through PrismaPg: the Prisma CLI wants a native
 * binary that it downloads, which cannot be fetched here. The package's own entry imports the
 * `.wasm` file as an ES module, which Node 20 refuses, so the module is instantiated by hand
 * with its JS bindings, as wasm-bindgen's entry would do.
 */
type Bindings = typeof import("@prisma/schema-engine-wasm") & {
  __wbg_set_wasm: (exports: WebAssembly.Exports) => void;
};

let loaded: Promise<Bindings> | undefined;

async function load(): Promise<Bindings> {
  const require = createRequire(import.meta.url);
  const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bindings = (await import(bindingsPath)) as Bindings;
  const bytes = await readFile(path.join(path.dirname(bindingsPath), "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  // The engine reports a Rust panic's message through this global before it throws.
  const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  registry.PRISMA_WASM_PANIC_REGISTRY ??= {
    set_message: (message: string) => console.error(`[schema-engine] panic: ${message}`),
  };
  return bindings;
}

/** Postgres' internal one-byte `"char"` type, used by the catalog columns the engine reads. */
const PG_INTERNAL_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const CHAR_MARK = "\u0000char";

/**
 * adapter-pg 7.10 has no mapping for `"char"`: the engine fails with "Column type 'char' could not
 * be deserialized" (or panics reading pg_constraint.contype) as soon as it describes a database
 * with tables. The pool lets such columns through as text, marked in their name, and the adapter
 * wrapper below reports them as the Character type the engine expects.
 */
function catalogReadingPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  // adapter-pg only calls the promise form of query().
  const query = pool.query.bind(pool) as (config: pg.QueryConfig) => Promise<pg.QueryResult>;
  pool.query = (async (config: pg.QueryConfig) => {
    const result = await query(config);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === PG_INTERNAL_CHAR_OID) {
        field.dataTypeID = PG_TEXT_OID;
        field.name += CHAR_MARK;
      }
    }
    return result;
  }) as typeof pool.query;
  return pool;
}

function reportingCharColumns(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    result.columnNames.forEach((name, i) => {
      if (!name.endsWith(CHAR_MARK)) return;
      result.columnNames[i] = name.slice(0, -CHAR_MARK.length);
      result.columnTypes[i] = ColumnTypeEnum.Character;
    });
    return result;
  };
  return adapter;
}

function catalogReadingAdapter(pool: pg.Pool): SqlMigrationAwareDriverAdapterFactory {
  const inner = new PrismaPg(pool);
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    connect: async () => reportingCharColumns(await inner.connect()),
    connectToShadowDb: async () => reportingCharColumns(await inner.connectToShadowDb()),
  };
}

export type SchemaFile = { path: string; content: string };
export type OpenEngine = { engine: SchemaEngine; close: () => Promise<void> };

/** An engine connected to `url` (it connects at once) with the given Prisma schema files. */
export async function openSchemaEngine(url: string, schemaFiles: SchemaFile[], log: (line: string) => void = () => {}): Promise<OpenEngine> {
  const bindings = await (loaded ??= load());
  const pool = catalogReadingPool(url);
  const engine = await bindings.SchemaEngine.new(
    { datamodels: schemaFiles.map((f): [string, string] => [f.path, f.content]) },
    log,
    bindMigrationAwareSqlAdapterFactory(catalogReadingAdapter(pool)),
  ).catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  return {
    engine,
    async close() {
      engine.free();
      // The engine does not dispose its adapter; the pool's open connection would keep Node alive.
      await pool.end();
    },
  };
}

export const NO_FILTER = { externalTables: [], externalEnums: [] };
