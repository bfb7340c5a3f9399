import { expect, test } from "@playwright/test";
import { openDag, SYNC } from "./dags";
import { storageState } from "./roles";

// A backfill of simple_addition on the e2e estate's real Airflow: previewed, started, followed.

test.describe("as an engineer", () => {
  test.use({ storageState: storageState("engineer") });

  test("previews a backfill, starts it, watches its runs end, and sees the dates as done afterwards", async ({ page }) => {
    test.setTimeout(900_000);
    await openDag(page, "simple_addition");
    const form = page.getByRole("form", { name: "Backfill a range" });
    await form.getByLabel("First day").fill("2025-05-01");
    await form.getByLabel("Last day").fill("2025-04-28");
    await expect(form.getByRole("alert")).toHaveText("The first day is after the last one.");
    await expect(form.getByRole("button", { name: "Preview" })).toBeDisabled();

    await form.getByLabel("Last day").fill("2025-05-03");
    await form.getByLabel("Runs at a time").fill("3");
    await form.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("backfill-preview-summary")).toHaveText("3 of 3 logical dates will run.", SYNC);
    await page.getByRole("button", { name: "Start backfill of 3 dates" }).click();
    await page.waitForURL(/\/backfills\/[a-z0-9]+$/);
    await expect(page.getByTestId("backfill-requested-by")).toHaveText("engineer@local");
    await expect(page.getByRole("progressbar", { name: "Backfill progress" })).toHaveAttribute("aria-valuenow", "100", SYNC);
    const rows = page.getByRole("table", { name: "Backfill runs" }).getByRole("row");
    await expect(rows).toHaveCount(4);
    for (const day of ["2025-05-01", "2025-05-02", "2025-05-03"]) {
      await expect(rows.filter({ hasText: day })).toContainText(`backfill__${day}`);
      await expect(rows.filter({ hasText: day })).toContainText("success");
    }

    // The same range again: every date already ran, so nothing would start.
    await page.goto("/pipelines/simple_addition");
    await form.getByLabel("First day").fill("2025-05-01");
    await form.getByLabel("Last day").fill("2025-05-03");
    await form.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("backfill-preview-summary")).toHaveText("0 of 3 logical dates will run.", SYNC);
    await expect(page.getByRole("button", { name: /^Start backfill/ })).toBeDisabled();
    await expect(page.getByRole("table", { name: "Backfill preview" })).toContainText("success");
  });
});

test.describe("as a viewer", () => {
  test.use({ storageState: storageState("viewer") });

  test("sees backfills but cannot start one", async ({ page }) => {
    await openDag(page, "simple_addition");
    await expect(page.getByRole("heading", { name: "Backfills" })).toBeVisible();
    await expect(page.getByRole("form", { name: "Backfill a range" })).toHaveCount(0);
    const res = await page.request.post("/api/dags/simple_addition/backfills", {
      headers: { origin: new URL(page.url()).origin },
      data: { from: "2025-06-01", to: "2025-06-02", idempotencyKey: "viewer-backfill-1" },
    });
    expect(res.status()).toBe(403);
  });
});
