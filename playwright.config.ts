import { defineConfig } from "@playwright/test";

// The built portal on a fresh local estate of its own (PLATFORM_HOME under .platform/e2e),
// in Debian's Chromium: Playwright's own browser download is not possible here.
const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    // e2e/smoke/ runs against the production tree (scripts/smoke/production.ts, playwright.smoke.config.ts).
    { name: "chromium", dependencies: ["setup"], testIgnore: [/auth\.setup\.ts/, /smoke\//] },
  ],
  webServer: {
    command: "bash scripts/e2e-estate.sh",
    url: `${BASE_URL}/api/health`,
    reuseExistingServer: true,
    timeout: 600_000,
    // The estate stops in up to ~25 s: the local Airflow's scheduler often ignores SIGTERM, and
    // local.sh kills its group after 20 s. A shorter limit here left that scheduler running.
    gracefulShutdown: { signal: "SIGTERM", timeout: 60_000 },
    stdout: "pipe",
  },
});
