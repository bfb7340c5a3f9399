import { defineConfig } from "vitest/config";
import path from "node:path";

// Three projects: fast pure tests, integration tests against real Postgres, moto and Airflow, and the fault suite.
export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests run on the server side of the line "server-only" guards: its react-server build is empty.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{lib,app,components}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.{ts,tsx}", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{lib,app,components}/**/*.int.test.{ts,tsx}"],
          environment: "node",
          globalSetup: ["lib/db/testing/global-setup.ts", "lib/platform/testing/moto-global-setup.ts", "lib/platform/orchestrator/testing/airflow-global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Fault injection (docs/reliability.md): real processes killed, restarted and hung; one Airflow shared by every case.
          name: "faults",
          include: ["faults/**/*.fault.test.ts"],
          environment: "node",
          globalSetup: ["lib/db/testing/global-setup.ts", "lib/platform/orchestrator/testing/airflow-global-setup.ts"],
          testTimeout: 240_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
