import { expect, test } from "@playwright/test";
import { finishRun, startLocalCluster, stopAllLocalClusters } from "./local-cluster";
import { storageState } from "./roles";

// A local pipeline run's traces: a real local Spark cluster, terminated, and the run's figures
// published by the pipeline's own code (dags/builditall/figures.py).
const runId = `e2e_costs_${Date.now()}`;
let clusterId: string;
test.beforeAll(() => {
  clusterId = startLocalCluster(runId);
  finishRun(clusterId, runId, 6265);
});
test.afterAll(() => stopAllLocalClusters());

test.describe("as a lead", () => {
  test.use({ storageState: storageState("lead") });

  test("sees the dashboards with non-empty charts after a local run, labelled as estimated as on AWS", async ({ page }) => {
    // The caches have a staleness bound (seconds in the e2e estate): reload until the run shows.
    await expect(async () => {
      await page.goto("/costs");
      await expect(page.getByRole("row", { name: new RegExp(clusterId) })).toBeVisible({ timeout: 2_000 });
      await expect(page.getByRole("img", { name: /Records processed per day/ }).locator("rect title")).not.toHaveCount(0, { timeout: 2_000 });
    }).toPass({ timeout: 90_000 });
    await expect(page.getByRole("note")).toContainText("estimated as on AWS");
    const daily = page.getByRole("img", { name: "Estimated daily platform cost (EUR per day)" });
    await expect(daily.locator("rect title").filter({ hasText: "EMR compute" })).not.toHaveCount(0);
    await expect(page.getByRole("img", { name: /Estimated cost per DAG/ }).locator("rect title").filter({ hasText: "big_data_pipeline" })).toHaveCount(1);
    await expect(page.getByRole("img", { name: /Lake size per prefix/ })).toBeVisible();
    const spot = page.getByText("Spot savings", { exact: true }).locator("..");
    await expect(spot).toContainText("Estimated");
    await expect(spot).not.toContainText(/€0\.00(?!\d)/);
    await expect(page.getByText("Records processed per euro", { exact: true }).locator("..")).not.toContainText("—");

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export cost per run as CSV" }).click();
    const file = await (await download).path();
    const { readFile } = await import("node:fs/promises");
    expect(await readFile(file, "utf8")).toContain(clusterId);

    await page.getByLabel("Range", { exact: true }).selectOption("90");
    const first = new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
    await expect(page.getByText(new RegExp(`^${first} to \\d{4}-\\d{2}-\\d{2} \\(UTC\\)`))).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(clusterId) })).toBeVisible();
  });
});

test.describe("as an engineer", () => {
  test.use({ storageState: storageState("engineer") });

  test("gets 403 on Costs, page and API", async ({ page }) => {
    const response = await page.goto("/costs");
    expect(response?.status()).toBe(403);
    const api = await page.request.get("/api/costs?from=2026-01-01&to=2026-01-02");
    expect(api.status()).toBe(403);
  });
});
