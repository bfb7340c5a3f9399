// Writes lib/pipelines/param-validators.generated.ts from dags/params.json (see lib/pipelines/param-ajv.ts).
// Usage: npx tsx scripts/param-validators.ts
import { writeFileSync } from "node:fs";
import path from "node:path";
import declared from "../dags/params.json";
import { renderValidators } from "../lib/pipelines/param-ajv";

const output = path.join(import.meta.dirname, "..", "lib", "pipelines", "param-validators.generated.ts");
writeFileSync(output, renderValidators(declared));
console.log(`wrote ${path.relative(process.cwd(), output)}`);
