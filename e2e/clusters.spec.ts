import { expect, test } from "@playwright/test";
import { finishRun, masterIsRunning, startLocalCluster, stopAllLocalClusters } from "./local-cluster";
import { storageState } from "./roles";

// A real local Spark cluster (master and worker JVMs), started as the pipeline starts one.
let clusterId: string;
test.beforeAll(() => {
  clusterId = startLocalCluster(`e2e_clusters_${Date.now()}`);
});
test.afterAll(() => stopAllLocalClusters());

test.describe("as a viewer", () => {
  test.use({ storageState: storageState("viewer") });

  test("sees the running cluster with its instances, but no terminate action", async ({ page }) => {
    await page.goto("/clusters");
    const row = page.getByRole("row", { name: new RegExp(clusterId) });
    await expect(row).toBeVisible();
    // The list reads snapshots: the sync polls every 15 s and the page every 10 s.
    await expect(row).toContainText("WAITING", { timeout: 45_000 });
    await expect(row).toContainText(/CORE \d+ × local\.spark-standalone SPOT/);
    await expect(row).toContainText("big_data_pipeline");
    await row.getByRole("link", { name: clusterId }).click();
    await expect(page.getByRole("heading", { name: `Cluster ${clusterId}` })).toBeVisible();
    await expect(page.getByRole("heading", { name: "State timeline" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Terminate cluster" })).toHaveCount(0);
  });
});

test.describe("as a lead", () => {
  test.use({ storageState: storageState("lead") });

  test("terminates the running cluster after confirming, and sees it stop", async ({ page }) => {
    expect(masterIsRunning(clusterId)).toBe(true);
    await page.goto(`/clusters/${clusterId}`);
    // the live master's figures, charted
    await expect(page.getByRole("img", { name: /Applications running/ })).toBeVisible();
    await page.getByRole("button", { name: "Terminate cluster" }).click();
    const dialog = page.getByRole("dialog", { name: `Terminate ${clusterId}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Yes, terminate" }).click();
    await expect(page.getByLabel("state TERMINATED")).toBeVisible({ timeout: 60_000 });
    await expect(page.getByText("USER_REQUEST")).toBeVisible();
    expect(masterIsRunning(clusterId)).toBe(false);

    await page.goto("/clusters");
    await expect(page.getByRole("row", { name: new RegExp(clusterId) })).toContainText("TERMINATED");
  });

  test("the termination is in the audit log", async ({ browser }) => {
    const admin = await browser.newContext({ storageState: storageState("admin") });
    const res = await admin.request.get(`/api/audit?action=cluster.terminate`);
    const body = await res.json();
    expect(body.items).toContainEqual(expect.objectContaining({ actor: "lead@local", target: clusterId, result: "ok" }));
    await admin.close();
    finishRun(clusterId, "e2e_clusters", 1000);
  });
});
