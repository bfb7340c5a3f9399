import { expect, test, type Page } from "@playwright/test";
import { publishFailedRun } from "./local-cluster";
import { storageState } from "./roles";

// A failed pipeline run, as its last task publishes it: the local estate's failed-run alarm fires.
test.beforeAll(() => publishFailedRun(`e2e_health_${Date.now()}`));

const PREFIX = "builditall-local-";

/** Full-page screenshots at the two widths the pages are looked at (test-results/, not committed). */
async function shoot(page: Page, name: string) {
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/health-${name}-${width}.png`, fullPage: true });
  }
}

test.describe("as a viewer", () => {
  test.use({ storageState: storageState("viewer") });

  test("the Status page lists the estate's alarms with their states, the failed run's firing", async ({ page }) => {
    // The alarms cache has a staleness bound of seconds in the e2e estate: reload until the failure shows.
    await expect(async () => {
      await page.goto("/status");
      await expect(page.getByRole("row", { name: new RegExp(`${PREFIX}dag-run-failed`) }).getByText("ALARM", { exact: true })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 60_000 });
    const failed = page.getByRole("row", { name: new RegExp(`${PREFIX}dag-run-failed`) });
    await expect(failed).toContainText("DagRunFailed");
    await expect(failed).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    await expect(failed).toContainText("failed run(s) in the last 5 minutes");
    const idle = page.getByRole("row", { name: new RegExp(`${PREFIX}emr-cluster-idle`) });
    await expect(idle.getByText("OK", { exact: true })).toBeVisible();
    await expect(idle).toContainText("IsIdle");
    await expect(page.getByRole("note")).toContainText("exist only on AWS");
    // The budget's adapter answers on the Status page, without a figure.
    await expect(page.getByRole("row", { name: /Budget \(AWS Budgets\)/ })).toContainText("ok");
    await expect(page.locator("main")).not.toContainText(/\$\s?\d/);
    await shoot(page, "status");
  });

  test("sees neither cost nor budget figures: Costs and the budget API answer 403", async ({ page }) => {
    expect((await page.goto("/costs"))?.status()).toBe(403);
    expect((await page.request.get("/api/budget")).status()).toBe(403);
    expect((await page.request.get("/api/costs?from=2026-01-01&to=2026-01-02")).status()).toBe(403);
    const alarms = await page.request.get("/api/alarms");
    expect(alarms.status()).toBe(200);
    expect(JSON.stringify(await alarms.json())).not.toMatch(/usd|budget/i);
  });
});

test.describe("as a lead", () => {
  test.use({ storageState: storageState("lead") });

  test("sees the budget with spent and forecast, its alerts, and that the estate is the bill", async ({ page }) => {
    await page.goto("/costs");
    const budget = page.getByRole("region", { name: "Budget this month" });
    await expect(budget.getByText("Budget", { exact: true }).locator("..")).toContainText("$700");
    await expect(budget.getByText("Spent so far").locator("..")).toContainText(/\$\d[\d,]* \d+ % of the budget/);
    await expect(budget.getByText("Forecast for the month").locator("..")).toContainText(/\$\d[\d,]*/);
    await expect(budget).toContainText("Alert when the actual spend is above 80 % ($560)");
    await expect(budget).toContainText("Alert when the forecast is above 100 % ($700)");
    await expect(budget).toContainText("Estimated");

    const api = await page.request.get("/api/budget");
    expect(api.status()).toBe(200);
    const body = await api.json();
    expect(body.budget).toMatchObject({ name: "builditall-local-monthly", limitUsd: 700, measured: false });
    expect(body.budget.actualUsd).toBeGreaterThan(0);
    expect(body.budget.forecastUsd).toBeGreaterThanOrEqual(body.budget.actualUsd);

    const split = page.getByRole("region", { name: "The estate or the pipeline?" });
    await expect(split).toContainText("The estate (always on");
    await expect(split).toContainText("Pipeline runs (EMR clusters)");
    await shoot(page, "costs");
  });
});
