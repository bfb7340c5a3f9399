import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The import boundaries of eslint.config.mjs, each shown failing on a small file placed where the
// rule applies (linted as text under that path: nothing is written to the tree).
let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });
  await eslint.lintText("export {};\n", { filePath: "lib/warm-up.ts" }); // loads the config and its plugins once
}, 60_000);

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("import boundaries", () => {
  it("refuses an AWS SDK client in a component", async () => {
    const found = await restricted("components/lake/fixture.tsx", `import { S3Client } from "@aws-sdk/client-s3";\nexport const c = S3Client;\n`);
    expect(found).toEqual([expect.stringMatching(/never imports an AWS SDK client/)]);
  });

  it("refuses node:* in a page", async () => {
    const found = await restricted("app/(portal)/lake/fixture/page.tsx", `import { readFile } from "node:fs/promises";\nexport default readFile;\n`);
    expect(found).toEqual([expect.stringMatching(/Node built-in/)]);
  });

  it("refuses the generated Prisma client in a component", async () => {
    const found = await restricted("components/runs/fixture.tsx", `import type { PipelineRun } from "@/lib/generated/prisma/client";\nexport type R = PipelineRun;\n`);
    expect(found).toEqual([expect.stringMatching(/generated Prisma client/)]);
  });

  it("refuses lib/platform internals in a component or a page, but allows the platform's entry and its errors", async () => {
    expect(await restricted("components/lake/fixture.tsx", `import { checkKey } from "@/lib/platform/lake/validate";\nexport const k = checkKey;\n`)).toEqual([
      expect.stringMatching(/never an adapter/),
    ]);
    expect(await restricted("app/(portal)/clusters/fixture/page.tsx", `import { emrClusters } from "@/lib/platform/clusters/aws";\nexport const e = emrClusters;\n`)).toEqual([
      expect.stringMatching(/never an adapter/),
    ]);
    const allowed = `import { portAvailability } from "@/lib/platform";\nimport { NotFound } from "@/lib/platform/errors";\nexport const a = [portAvailability, NotFound];\n`;
    expect(await restricted("app/(portal)/clusters/fixture/page.tsx", allowed)).toEqual([]);
  });

  it("refuses lib/api in lib/platform, by alias or by relative path", async () => {
    expect(await restricted("lib/platform/lake/fixture.ts", `import { ApiError } from "@/lib/api/errors";\nexport const e = ApiError;\n`)).toEqual([
      expect.stringMatching(/knows nothing of HTTP/),
    ]);
    expect(await restricted("lib/platform/lake/fixture.ts", `import { ApiError } from "../../api/errors";\nexport const e = ApiError;\n`)).toEqual([
      expect.stringMatching(/knows nothing of HTTP/),
    ]);
  });

  it("refuses React in lib/platform", async () => {
    const found = await restricted("lib/platform/clusters/fixture.ts", `import { useState } from "react";\nexport const s = useState;\n`);
    expect(found).toEqual([expect.stringMatching(/never import React/)]);
  });

  it("leaves route handlers and lib/ features free to use the SDKs' neighbours", async () => {
    const code = `import path from "node:path";\nimport { requirePort } from "@/lib/platform";\nexport const x = [path, requirePort];\n`;
    expect(await restricted("app/api/lake/fixture/route.ts", code)).toEqual([]);
    expect(await restricted("lib/lake/fixture.ts", code)).toEqual([]);
  });
});
