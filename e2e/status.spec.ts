import { expect, test } from "@playwright/test";
import { storageState } from "./roles";

test.use({ storageState: storageState("viewer") });

test("the Status page shows the database answering and names the missing adapters", async ({ page }) => {
  await page.goto("/status");
  const db = page.getByRole("row", { name: /Run history \(Postgres\)/ });
  await expect(db.getByText("ok", { exact: true })).toBeVisible();
  await expect(db).toContainText(/\d+ ms/);
});

test("pages send a CSP with a nonce and no unsafe-eval, and forbid framing", async ({ page }) => {
  const response = await page.goto("/status");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response?.headers()["x-frame-options"]).toBe("DENY");
});
