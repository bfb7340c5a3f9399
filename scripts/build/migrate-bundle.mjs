// Bundles the migration command (scripts/db/migrate.ts) for the production image: one directory of
// .mjs files that `node` runs alone, no tsx and no dev dependencies (the Dockerfile copies it with
// prisma/migrations). `pg` and the generated Prisma code are bundled in; PGlite and the schema
// engine, which only `db:check` and `db:migration:new` use, stay out (loaded lazily, never here).
// Usage: node scripts/build/migrate-bundle.mjs [outdir]   (default dist/db)
import { build } from "esbuild";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const outdir = path.resolve(root, process.argv[2] ?? "dist/db");

await build({
  absWorkingDir: root,
  entryPoints: { migrate: "scripts/db/migrate.ts" },
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // lib/env and lib/db import "server-only"; its react-server build is empty, as for the tsx scripts.
  conditions: ["react-server"],
  external: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "@prisma/schema-engine-wasm"],
  // pg's optional native binding; CommonJS packages call require(), which ESM has not by default.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: "warning",
});
console.log(`[migrate-bundle] wrote ${path.relative(root, outdir)}/migrate.mjs`);
