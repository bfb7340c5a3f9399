import { defineConfig } from "@playwright/test";

// The production smoke test's browser part (scripts/smoke/production.ts starts the portal and the
// OpenID provider and passes their URLs): Debian's Chromium, no local-account setup project.
export default defineConfig({
  testDir: "e2e/smoke",
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 90_000,
  expect: { timeout: 20_000 },
  use: {
    baseURL: process.env.SMOKE_BASE_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
});
