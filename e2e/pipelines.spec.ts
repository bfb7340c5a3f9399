import { expect, test, type Page } from "@playwright/test";
import { BASE_URL } from "../playwright.config";
import { openDag, SYNC } from "./dags";
import { storageState } from "./roles";

async function submit(page: Page) {
  await page.getByRole("button", { name: "Trigger run" }).click();
  await page.waitForURL(/\/runs\/[a-z0-9]+$/);
}

/** A DAG without declared Params: its form is the conf JSON box. */
async function trigger(page: Page, conf: object) {
  await page.getByLabel(/^Conf/).fill(JSON.stringify(conf));
  await submit(page);
}

test.describe("as an engineer", () => {
  test.use({ storageState: storageState("engineer") });

  test("triggers simple_addition with a conf, watches it succeed, and finds it in the history under their name", async ({ page }) => {
    test.setTimeout(600_000);
    await openDag(page, "simple_addition");
    const graph = page.getByRole("img", { name: "Task graph" });
    await expect(graph).toBeVisible();
    await expect(graph.locator('[data-edge="start->addition_task"]')).toBeAttached(SYNC);
    await expect(graph.locator('[data-edge="addition_task->end"]')).toBeAttached();

    // A conf that is not an object is refused before anything is sent.
    await page.getByLabel(/^Conf/).fill("[1, 2]");
    await expect(page.getByRole("alert").filter({ hasText: "must be a JSON object" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Trigger run" })).toBeDisabled();

    const note = `e2e-${Date.now()}`;
    await trigger(page, { note });
    // Recorded at once with who triggered it and the conf.
    await expect(page.getByTestId("run-triggered-by")).toHaveText("engineer@local");
    await expect(page.getByTestId("run-conf")).toContainText(note);
    await expect(page.getByTestId("run-state")).toHaveText("success", SYNC);
    await expect(page.getByRole("progressbar", { name: "Run progress" })).toHaveAttribute("aria-valuenow", "100");
    const runId = (await page.getByRole("heading", { level: 1 }).locator("xpath=following-sibling::p").textContent())!;

    await page.goto("/runs");
    await page.getByLabel("Triggered by").fill("engineer@local");
    await page.getByLabel("Conf contains").fill(note);
    await page.getByRole("button", { name: "Apply filters" }).click();
    const rows = page.getByRole("table", { name: "Runs" }).getByRole("row");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(1)).toContainText(runId);
    await expect(rows.nth(1)).toContainText("engineer@local");
    await expect(rows.nth(1)).toContainText("success");
  });

  test("a repeated trigger request with the same idempotency key starts one run", async ({ page }) => {
    test.setTimeout(300_000);
    await openDag(page, "simple_addition");
    const key = `twice-${Date.now()}`;
    const body = { conf: { twice: key }, idempotencyKey: key };
    const first = await page.request.post("/api/dags/simple_addition/runs", { headers: { origin: BASE_URL }, data: body });
    expect(first.status(), await first.text()).toBe(201);
    const again = await page.request.post("/api/dags/simple_addition/runs", { headers: { origin: BASE_URL }, data: body });
    expect(await again.json()).toEqual(await first.json());
    const history = await page.request.get(`/api/runs?${new URLSearchParams({ conf: key })}`);
    expect((await history.json()).items).toHaveLength(1);
    // An injection attempt never reaches Airflow.
    const bad = await page.request.post("/api/dags/simple_addition%20--conf%20x/runs", { headers: { origin: BASE_URL }, data: body });
    expect(bad.status()).toBe(400);
  });

  test("builds big_data_pipeline's trigger form from its declared Params and shows a bad value before sending", async ({ page }) => {
    test.setTimeout(300_000);
    await openDag(page, "big_data_pipeline");
    const form = page.getByRole("form", { name: "Trigger a run" });
    const button = form.getByRole("button", { name: "Trigger run" });
    await expect(form.getByLabel("seed", { exact: true })).toHaveValue("42");
    await expect(form.getByText("Data volume; 1.0 is the full 5M+ record set")).toBeVisible();
    const steps = form.getByRole("group", { name: "steps" }).getByRole("checkbox");
    await expect(steps).toHaveCount(3);
    for (const step of await steps.all()) await expect(step).toBeChecked();

    await form.getByLabel("scale", { exact: true }).fill("0");
    await expect(form.getByRole("alert").filter({ hasText: "scale: must be greater than 0" })).toBeVisible();
    await expect(form.getByLabel("scale", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(button).toBeDisabled();
    await form.getByLabel("scale", { exact: true }).fill("0.5");
    await expect(form.getByRole("alert")).toHaveCount(0);
    await expect(button).toBeEnabled();

    for (const step of await steps.all()) await step.uncheck();
    await expect(form.getByRole("alert").filter({ hasText: "steps: must have at least 1 item" })).toBeVisible();
    await expect(button).toBeDisabled();
  });

  test("triggers the pipeline at small scale and sees the timeline fill in and the quality report", async ({ page }) => {
    test.setTimeout(1_200_000);
    await openDag(page, "big_data_pipeline");
    // A day outside the synthetic set up.sh fills (2025-01-01..14), generated into the same lake.
    await page.getByLabel("scale", { exact: true }).fill("0.001");
    await page.getByLabel("run_date", { exact: true }).fill("2025-03-01");
    await submit(page);
    await expect(page.getByTestId("run-conf")).toContainText('"run_date": "2025-03-01"');
    // Fields left at their defaults are not sent: Airflow applies the defaults.
    await expect(page.getByTestId("run-conf")).not.toContainText("seed");
    const timeline = page.getByRole("img", { name: "Task timeline" });
    await expect(timeline.locator('[data-task="create_emr_cluster"]')).toBeVisible(SYNC);

    // The Spark steps' sensor writes a line per poke: its log grows on the page, without a reload.
    const logs = page.getByTestId("task-log");
    const watching = "check_submission_status · try 1 · running";
    await expect(logs.getByRole("option", { name: watching })).toHaveCount(1, { timeout: 600_000 });
    await logs.getByLabel("Task try").selectOption({ label: watching });
    const lineCount = async () => Number(((await logs.getByText(/^\d+ lines/).textContent()) ?? "0").split(" ")[0]);
    await expect.poll(lineCount, SYNC).toBeGreaterThan(0);
    const seen = await lineCount();
    await expect.poll(lineCount, { timeout: 60_000 }).toBeGreaterThan(seen);
    await expect(logs.getByRole("region").or(logs.locator("pre"))).toContainText("steps of");

    await expect(page.getByTestId("run-state")).toHaveText(/success|failed/, { timeout: 1_000_000 });
    // What the portal owes whatever the outcome: the report imported, every task on the timeline.
    await expect(page.getByRole("table", { name: "Quality checks" }).getByRole("row")).not.toHaveCount(1, SYNC);
    await expect(timeline.locator('[data-task="terminate_emr_cluster"]')).toHaveAttribute("data-state", "success", SYNC);
    // The data plane's own verdict: a failed critical check fails the run.
    await expect(page.getByTestId("run-state")).toHaveText("success");
    await expect(timeline.locator('[data-task="end_workflow"]')).toHaveAttribute("data-state", "success");

    // The Spark step's own output, on its cluster's page: spark-submit logs to stderr.
    const runPage = page.url();
    await page.getByRole("link", { name: /^j-/ }).click();
    const stepLog = page.getByTestId("step-log");
    await expect(stepLog.getByRole("radio", { name: "stderr" })).toBeChecked();
    await expect(stepLog.locator("pre")).toContainText(/SparkContext|SparkSession|INFO/, SYNC);

    await page.goto(runPage);
    // Lineage (issue 18): the jobs' OpenLineage events reach the run page through the lineage sync.
    const transform = page.getByRole("table", { name: "Datasets of etl.transform" });
    const orders = transform.getByRole("row").filter({ hasText: "curated/orders" }).filter({ hasText: "wrote" }).first();
    await expect(orders).toContainText("order_date=2025-03-01", SYNC);
    // Nothing on the run page (the quality report's long JSON values included) widens it past the window.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // The partition's lake page names the run that wrote it, with the quality verdict, and links back.
    await orders.getByRole("link", { name: "order_date=2025-03-01" }).click();
    const writtenBy = page.getByRole("table", { name: "Runs that wrote this" });
    await expect(writtenBy).toContainText("etl.transform");
    await expect(writtenBy).toContainText("passed");
    await expect(writtenBy.getByRole("link", { name: /big_data_pipeline/ }).first()).toBeVisible();
    // The dataset page: its history of writes, the rows chart and the schema the job wrote.
    await page.getByRole("link", { name: /Dataset curated\/orders/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "curated/orders" })).toBeVisible();
    await expect(page.getByRole("img", { name: /Rows written/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "Writes" })).toContainText("order_date=2025-03-01");
    await expect(page.getByRole("table", { name: "Columns" }).getByRole("row").filter({ hasText: "order_date" })).toContainText("date");
    // One namespace, the bucket's: the lake the estate generated at start-up names it too (not its staging folder).
    await page.goto("/datasets");
    await expect(page.getByRole("table", { name: "Datasets" }).getByRole("row").filter({ hasText: "raw/orders" })).toHaveCount(1);
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageState("viewer") });

  test("sees the pipelines but cannot trigger", async ({ page }) => {
    test.setTimeout(300_000);
    await openDag(page, "simple_addition");
    await expect(page.getByRole("button", { name: "Trigger run" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^(Pause|Unpause)$/ })).toHaveCount(0);
    const res = await page.request.post("/api/dags/simple_addition/runs", {
      headers: { origin: BASE_URL },
      data: { conf: {}, idempotencyKey: "viewer-attempt-1" },
    });
    expect(res.status()).toBe(403);
  });

  test("an unknown DAG gets a 404 that says the sync may not have seen it yet", async ({ page }) => {
    const res = await page.goto("/pipelines/no_such_dag");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "No DAG by that name" })).toBeVisible();
    await page.getByRole("link", { name: "All pipelines" }).click();
    await expect(page).toHaveURL(/\/pipelines$/);
  });
});
