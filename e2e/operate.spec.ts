import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { openDag, SYNC } from "./dags";
import { storageState } from "./roles";

// The e2e estate's own DAG folder (Airflow's "extra" bundle, scripts/e2e-estate.sh): a copy of
// e2e/dags/ these tests write to, break and fix.
const EXTRA_DAGS = path.join(process.env.E2E_HOME ?? path.resolve(".platform/e2e"), "extra-dags");
const SHOTS = process.env.SHOTS_DIR;

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
}

const taskRows = (page: Page, taskId: string) =>
  page.getByRole("region", { name: "Tasks" }).getByRole("row").filter({ has: page.getByRole("cell", { name: taskId, exact: true }) });

test.describe("as an engineer", () => {
  test.use({ storageState: storageState("engineer") });

  test("re-runs a failed run from failure once the cause is fixed: it succeeds and both tries stay visible; run again pre-fills the form", async ({ page }) => {
    test.setTimeout(900_000);
    // operate_probe's check fails while blockers/<blocker> exists: this run fails for this conf.
    const blocker = `e2e-${Date.now()}`;
    mkdirSync(path.join(EXTRA_DAGS, "blockers"), { recursive: true });
    writeFileSync(path.join(EXTRA_DAGS, "blockers", blocker), "");
    await openDag(page, "operate_probe");
    await page.getByLabel(/^Conf/).fill(JSON.stringify({ blocker }));
    await page.getByRole("button", { name: "Trigger run" }).click();
    await page.waitForURL(/\/runs\/[a-z0-9]+$/);
    await expect(page.getByTestId("run-state")).toHaveText("failed", SYNC);
    await expect(taskRows(page, "check")).toHaveCount(1);
    await expect(taskRows(page, "check").first()).toContainText("failed");
    await expect(taskRows(page, "publish").first()).toContainText("upstream_failed", SYNC);
    await shoot(page, "run-failed");

    rmSync(path.join(EXTRA_DAGS, "blockers", blocker)); // the cause is fixed
    await page.getByRole("button", { name: "Re-run from failure" }).click();
    await expect(page.getByTestId("run-state")).not.toHaveText("failed");
    await expect(page.getByTestId("run-state")).toHaveText("success", SYNC);
    // The failed try keeps its state; the new one has the next try number.
    await expect(taskRows(page, "check")).toHaveCount(2, SYNC);
    await expect(taskRows(page, "check").nth(0)).toContainText(/check\s*1\s*failed/);
    await expect(taskRows(page, "check").nth(1)).toContainText(/check\s*2\s*success/);
    await expect(taskRows(page, "publish").filter({ hasText: "success" })).toHaveCount(1, SYNC);
    // Nothing failed is left to re-run.
    await expect(page.getByRole("button", { name: "Re-run from failure" })).toHaveCount(0);
    await shoot(page, "run-rerun-success");

    await page.getByRole("link", { name: "Run again with the same conf" }).click();
    await expect(page.getByRole("heading", { name: "operate_probe", level: 1 })).toBeVisible();
    const form = page.getByRole("form", { name: "Trigger a run" });
    await expect(form.getByText("Filled with the conf of the run you came from")).toBeVisible();
    expect(JSON.parse(await form.getByLabel(/^Conf/).inputValue())).toEqual({ blocker });
    await shoot(page, "dag-run-again");
  });

  test("the Code tab shows the DAG's source from the DAG folder, highlighted", async ({ page }) => {
    test.setTimeout(300_000);
    await openDag(page, "simple_addition");
    await page.getByRole("link", { name: "Code", exact: true }).click();
    const source = page.getByRole("region", { name: "DAG source" });
    await expect(source).toContainText("simple_addition.py");
    await expect(source.locator("code")).toContainText('"simple_addition"');
    await expect(source.locator("code .hljs-keyword").first()).toBeVisible();
    await expect(page.getByTestId("dag-commit")).toHaveText("unknown");
    await shoot(page, "dag-code");
  });
});

test("a DAG file broken on purpose shows in a banner (traceback for engineers) and on its DAG's page, until it is fixed", async ({ browser }) => {
  test.setTimeout(900_000);
  const engineer = await (await browser.newContext({ storageState: storageState("engineer") })).newPage();
  const viewer = await (await browser.newContext({ storageState: storageState("viewer") })).newPage();
  const file = path.join(EXTRA_DAGS, "e2e_breakable.py");
  // The dag-processor only parses files that mention both "airflow" and "dag".
  const dag = [
    "from datetime import datetime",
    "from airflow.sdk import DAG",
    "from airflow.providers.standard.operators.empty import EmptyOperator",
    'with DAG("e2e_breakable", schedule=None, start_date=datetime(2025, 1, 1), catchup=False):',
    '    EmptyOperator(task_id="noop")',
    "",
  ].join("\n");
  writeFileSync(file, dag);
  await openDag(engineer, "e2e_breakable");

  writeFileSync(file, `import no_such_module_for_e2e  # broken on purpose\n${dag}`);
  await engineer.goto("/pipelines");
  const banner = engineer.getByRole("alert", { name: "Broken DAG files", exact: true });
  await expect(banner).toContainText("e2e_breakable.py", SYNC);
  await expect(banner).toContainText("ModuleNotFoundError: No module named 'no_such_module_for_e2e'");
  await banner.getByText("Traceback", { exact: true }).click();
  await expect(banner.locator("pre")).toContainText("Traceback (most recent call last)");
  await shoot(engineer, "pipelines-broken");

  await viewer.goto("/pipelines");
  const viewerBanner = viewer.getByRole("alert", { name: "Broken DAG files", exact: true });
  await expect(viewerBanner).toContainText("ModuleNotFoundError: No module named 'no_such_module_for_e2e'");
  await expect(viewerBanner.getByText("Traceback", { exact: true })).toHaveCount(0);

  await engineer.getByRole("link", { name: "e2e_breakable", exact: true }).click();
  await expect(engineer.getByRole("heading", { name: "e2e_breakable", level: 1 })).toBeVisible();
  await expect(engineer.getByRole("alert", { name: "Broken DAG file", exact: true })).toContainText("does not import");
  await shoot(engineer, "dag-broken");

  writeFileSync(file, dag); // fixed
  await expect(engineer.getByRole("alert", { name: "Broken DAG file", exact: true })).toHaveCount(0, SYNC);
  await engineer.goto("/pipelines");
  await expect(engineer.getByRole("alert", { name: "Broken DAG files", exact: true })).toHaveCount(0, SYNC);
  rmSync(file);
});
