import { expect, test, type Page } from "@playwright/test";

// Single sign-on as production runs it (issue 13): the portal's production tree signs people in
// through a real OpenID provider (e2e/smoke/idp.ts) and takes their role from its groups claim.
const origin = () => process.env.SMOKE_BASE_URL ?? "";

/** Through the IdP's own login and consent pages, as `login` (any password). */
async function signInAs(page: Page, login: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with the company account" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  if (await consent.isVisible({ timeout: 5_000 }).catch(() => false)) await consent.click();
}

test("a member of the engineers' group signs in and may trigger a run", async ({ page }) => {
  await signInAs(page, "engineer");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByText("Signed in as eng@example.com (engineer).")).toBeVisible();
  // The role check passes and the trigger reaches the orchestrator port: there is no Airflow behind
  // this production tree, so the answer is the port's (404 unknown DAG, 502/503 unreachable), never 401/403.
  const res = await page.request.post("/api/dags/simple_addition/runs", {
    headers: { origin: origin(), "content-type": "application/json" },
    data: { conf: {}, idempotencyKey: "smoke-00000001" },
  });
  expect([401, 403]).not.toContain(res.status());
  expect(res.status(), await res.text()).toBeGreaterThanOrEqual(404);
});

test("an email the IdP has not verified is refused", async ({ page }) => {
  await signInAs(page, "unverified");
  await expect(page.getByText("has not verified your email address")).toBeVisible();
  expect((await page.request.get("/api/dags")).status()).toBe(401);
});

test("a second subject with an existing email is refused, not merged", async ({ page }) => {
  await signInAs(page, "impostor");
  await expect(page.getByText("Another account already uses this email address")).toBeVisible();
  expect((await page.request.get("/api/dags")).status()).toBe(401);
});

test("a person in no mapped group sees a page saying they have no access", async ({ page }) => {
  await signInAs(page, "outsider");
  await expect(page).toHaveURL(/\/no-access/);
  await expect(page.getByRole("heading", { name: "You signed in, but the portal gives you no role" })).toBeVisible();
  expect((await page.request.get("/api/dags")).status()).toBe(401);
});
