import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The import boundaries of the portal (docs/architecture.md), as lint errors rather than a convention.
const PLATFORM_INTERNALS = {
  group: ["@/lib/platform/*", "@/lib/platform/**", "!@/lib/platform/errors"],
  message: "Pages and components reach a port through @/lib/platform (getPlatform, requirePort, portAvailability) or a feature module in lib/, never an adapter or a port's files.",
};
const UI_BOUNDARY = {
  patterns: [
    { group: ["@aws-sdk/*"], message: "UI code never imports an AWS SDK client: it reads through a port." },
    { regex: "^node:", message: "UI code never imports a Node built-in (node:*): that work belongs in lib/." },
    { group: ["@/lib/generated/*", "@/lib/generated/**", "**/lib/generated/**"], message: "The generated Prisma client stays on the server, behind lib/db and the feature modules." },
    PLATFORM_INTERNALS,
  ],
};
const PLATFORM_BOUNDARY = {
  paths: [
    { name: "react", message: "Adapters never import React." },
    { name: "react-dom", message: "Adapters never import React." },
  ],
  patterns: [
    { regex: "^(@/lib/api|(\\.\\./)+api)(/|$)", message: "lib/platform knows nothing of HTTP: throw a domain error (lib/platform/errors.ts); lib/api maps it." },
    { group: ["react/*", "react-dom/*"], message: "Adapters never import React." },
  ],
};

const config = [
  ...next,
  ...nextTs,
  {
    ignores: [".next/**", ".next-*/**", "infra/.tools/**", "node_modules/**", ".venv/**", ".venv-checkov/**", ".platform/**", "lib/generated/**", "next-env.d.ts", "playwright-report/**", "test-results/**"],
  },
  {
    files: ["components/**/*.{ts,tsx}", "app/**/*.{ts,tsx}"],
    ignores: ["app/api/**", "**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", UI_BOUNDARY] },
  },
  {
    files: ["lib/platform/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", PLATFORM_BOUNDARY] },
  },
];

export default config;
