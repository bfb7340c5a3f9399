import { expect, test } from "@playwright/test";
import { openDag, SYNC } from "./dags";
import { storageState } from "./roles";

// Each task try's log read in place on the run page (lib/platform/logs: Airflow's log files locally).
test.describe("as an engineer", () => {
  test.use({ storageState: storageState("engineer") });

  test("reads a finished task's log on the run page, searches it and can download it", async ({ page }) => {
    test.setTimeout(600_000);
    await openDag(page, "simple_addition");
    await page.getByLabel(/^Conf/).fill(JSON.stringify({ logs: "e2e" }));
    await page.getByRole("button", { name: "Trigger run" }).click();
    await page.waitForURL(/\/runs\/[a-z0-9]+$/);
    await expect(page.getByTestId("run-state")).toHaveText("success", SYNC);

    const logs = page.getByTestId("task-log");
    await logs.getByLabel("Task try").selectOption({ label: "addition_task · try 1 · success" });
    const text = logs.getByRole("region").or(logs.locator("pre"));
    // Airflow's JSON lines, made readable: time, level, logger and the event.
    await expect(text).toContainText(/INFO/, SYNC);
    const all = Number((await logs.getByText(/^\d+ lines$/).textContent())!.split(" ")[0]);
    expect(all).toBeGreaterThan(0);

    await logs.getByLabel("Search in the log").fill("INFO");
    await expect(logs.getByText(/^\d+ of \d+ lines match$/)).toBeVisible();
    await expect(text.locator("mark").first()).toHaveText("INFO");
    await logs.getByLabel("Search in the log").fill("no such text in any log 0xdeadbeef");
    await expect(logs.getByText(`0 of ${all} lines match`)).toBeVisible();

    const href = await logs.getByRole("link", { name: "Download the whole log" }).getAttribute("href");
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-disposition"]).toContain("attachment");
    expect((await download.text()).split("\n").length).toBeGreaterThanOrEqual(all);
  });

  test("the log API refuses bad ids and unknown tries", async ({ page }) => {
    expect((await page.request.get("/api/runs/nosuchrun/tasks/x/logs?try=1")).status()).toBe(404);
    expect((await page.request.get("/api/runs/abc/tasks/..%2F..%2Fetc/logs?try=1")).status()).toBe(400);
    expect((await page.request.get("/api/runs/abc/tasks/x/logs?try=0")).status()).toBe(400);
    expect((await page.request.get("/api/runs/abc/tasks/x/logs?try=1&cursor=a%20b")).status()).toBe(400);
  });
});
