import { expect, test } from "@playwright/test";
import { BASE_URL } from "../playwright.config";
import { openDag, SYNC } from "./dags";
import { storageState } from "./roles";

// A run's cost and duration before it is triggered (lib/pipelines/estimate.ts), and after it
// ended set against what it cost and took.
test.describe("as an engineer", () => {
  test.use({ storageState: storageState("engineer") });

  test("sees an estimate in the trigger form once a first run has finished, and the run set against it", async ({ page }) => {
    test.setTimeout(900_000);
    await openDag(page, "simple_addition");
    const estimate = page.getByRole("region", { name: "Estimate before triggering" });
    // Either "no history yet" or an estimate, depending on what ran before: never left empty.
    await expect(estimate).toContainText(/No history yet|successful run/);

    // A first run (maybe not the first of the estate) ends.
    await page.getByLabel(/^Conf/).fill(JSON.stringify({ estimate: "first" }));
    await page.getByRole("button", { name: "Trigger run" }).click();
    await page.waitForURL(/\/runs\/[a-z0-9]+$/);
    await expect(page.getByTestId("run-state")).toHaveText("success", SYNC);

    // The form now shows the range from the history, before anything is sent.
    await openDag(page, "simple_addition");
    await expect(estimate).toContainText(/From the last \d+ successful runs? of the DAG/);
    await expect(estimate.getByTestId("estimate-cost")).toContainText("€");
    await expect(estimate.getByTestId("estimate-duration")).toContainText(/\d+ (s|min)/);

    // A run triggered with it keeps it, and once it ends shows the actual figures beside it.
    await page.getByRole("button", { name: "Trigger run" }).click();
    await page.waitForURL(/\/runs\/[a-z0-9]+$/);
    const table = page.getByRole("table", { name: "Estimate against actual" });
    await expect(table.getByTestId("estimate-duration-expected")).toContainText(/\d+ (s|min)/);
    await expect(page.getByTestId("run-state")).toHaveText("success", SYNC);
    await expect(table.getByTestId("estimate-duration-actual")).toContainText(/\d+ (s|min)/, SYNC);
  });

  test("the estimate API checks the conf like a trigger and answers null or a range", async ({ page }) => {
    const post = (dagId: string, conf: object) => page.request.post(`/api/dags/${dagId}/estimate`, { headers: { origin: BASE_URL }, data: { conf } });
    const bad = await post("big_data_pipeline", { scale: -1 });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.message).toContain("Params");
    expect((await post("no_such_dag", {})).status()).toBe(404);
    const ok = await post("big_data_pipeline", { scale: 0.01 });
    expect(ok.status(), await ok.text()).toBe(200);
    const { estimate } = await ok.json();
    if (estimate !== null) expect(estimate.costEur.low).toBeLessThanOrEqual(estimate.costEur.high);
  });
});

test.describe("as a lead", () => {
  test.use({ storageState: storageState("lead") });

  test("sees on the Costs page how good the estimates have been", async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto("/costs");
    const section = page.getByRole("region", { name: "How good the estimates have been" });
    await expect(section).toBeVisible(SYNC);
    // A chart once a run with an estimate has ended (the engineer's test makes one), else what to do.
    await expect(section.getByRole("img", { name: /Estimate error/ }).or(section.getByText("Trigger a run from a DAG"))).toBeVisible();
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageState("viewer") });

  test("cannot ask for an estimate", async ({ page }) => {
    const res = await page.request.post("/api/dags/simple_addition/estimate", { headers: { origin: BASE_URL }, data: { conf: {} } });
    expect(res.status()).toBe(403);
  });
});
