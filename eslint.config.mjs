import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "infra/.tools/**", "node_modules/**", ".venv/**", ".venv-checkov/**", ".platform/**", "lib/generated/**", "next-env.d.ts", "playwright-report/**", "test-results/**"],
  },
];

export default config;
