// Removes the repository's source folders from .next/standalone, the production image's tree. The
// local adapters spawn the repository's scripts and read its dags/ with paths the build's tracer
// cannot bound, so it copies whole folders (and sources beside them) the image never runs: the
// server runs the bundles under .next/ and node_modules. The smoke test checks they are gone.
// Usage: node scripts/build/prune-standalone.mjs [dist dir]   (default .next)
import { existsSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const standalone = path.resolve(root, process.argv[2] ?? ".next", "standalone");
const SOURCE_FOLDERS = ["app", "components", "lib", "dags", "etl", "scripts", "e2e", "infra", "docs", "bench", "faults"];

if (!existsSync(path.join(standalone, "server.js"))) throw new Error(`no standalone build at ${standalone}`);
const removed = SOURCE_FOLDERS.filter((dir) => existsSync(path.join(standalone, dir)));
for (const dir of removed) rmSync(path.join(standalone, dir), { recursive: true });
console.log(`[prune-standalone] removed ${removed.length ? removed.join(", ") : "nothing"} from ${path.relative(root, standalone)}`);
