import { expect, test, type Browser, type Page } from "@playwright/test";
import { BASE_URL } from "../playwright.config";
import { PASSWORD, storageState, type Role } from "./roles";

// The People page (issue 13), as an admin uses it: a demoted engineer's next trigger is refused
// with a 403; a disabled person's open session stops at its next request. Each person is put back
// afterwards, and a disabled one signs in again and saves a fresh state for the specs after this one.
test.use({ storageState: storageState("admin") });
const SHOTS = process.env.SHOTS_DIR ?? "/tmp/ship-shots";

async function signIn(browser: Browser, role: Role): Promise<Page> {
  // Not the admin state this file uses: a context of its own, signed out.
  const page = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(`${role}@local`);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  return page;
}

/** A trigger as the page's own fetch sends it; an empty body is refused with 400 once past the role check. */
const trigger = (page: Page) =>
  page.request.post("/api/dags/simple_addition/runs", { headers: { origin: BASE_URL, "content-type": "application/json" }, data: {} });

const row = (page: Page, email: string) => page.locator(`tr[data-email="${email}"]`);

async function setRole(page: Page, email: string, role: Role, reason: string) {
  await page.getByLabel(`Role for ${email}`).selectOption(role);
  await page.getByLabel(`Reason for ${email}`).fill(reason);
  await row(page, email).getByRole("button", { name: "Set role" }).click();
}

test("an admin demotes an engineer, whose next trigger is a 403", async ({ page, browser }) => {
  const engineer = await signIn(browser, "engineer");
  expect((await trigger(engineer)).status()).toBe(400);

  await page.goto("/people");
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/people-${width}.png`, fullPage: true });
  }
  await setRole(page, "engineer@local", "viewer", "e2e: demoted for the test");
  await expect(row(page, "engineer@local").getByRole("cell", { name: "viewer", exact: true })).toBeVisible();
  await expect(row(page, "engineer@local")).toContainText("manual — e2e: demoted for the test");

  const refused = await trigger(engineer);
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toContain("you are viewer");

  await setRole(page, "engineer@local", "engineer", "e2e: restored after the demotion test");
  await expect(row(page, "engineer@local").getByRole("cell", { name: "engineer", exact: true })).toBeVisible();
  expect((await trigger(engineer)).status()).toBe(400);
  await engineer.context().close();

  await page.goto(`/audit?action=person.role_override`);
  await expect(page.getByRole("cell", { name: "person.role_override" }).first()).toBeVisible();
});

test("an admin disables a person, whose open session stops at its next request", async ({ page, browser }) => {
  const lead = await signIn(browser, "lead");
  await page.goto("/people");
  await row(page, "lead@local").getByRole("button", { name: "Disable" }).click();
  await expect(row(page, "lead@local").getByRole("cell", { name: "disabled" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/people-disabled-1280.png`, fullPage: true });

  expect((await lead.request.get("/api/dags")).status()).toBe(401);
  await lead.goto("/pipelines");
  await expect(lead).toHaveURL(/\/login/);

  await row(page, "lead@local").getByRole("button", { name: "Enable" }).click();
  await expect(row(page, "lead@local").getByRole("cell", { name: "active" })).toBeVisible();
  // Enabling again does not bring the old session back.
  expect((await lead.request.get("/api/dags")).status()).toBe(401);
  await lead.context().close();

  const again = await signIn(browser, "lead");
  await again.context().storageState({ path: storageState("lead") });
  await again.context().close();
});

test("the last admin cannot remove their own admin role, nor disable themselves", async ({ page }) => {
  await page.goto("/people");
  await setRole(page, "admin@local", "engineer", "e2e: trying to step down");
  await expect(row(page, "admin@local").getByRole("alert")).toContainText("without an enabled admin");
  await expect(row(page, "admin@local").getByRole("cell", { name: "admin", exact: true })).toBeVisible();
  await expect(row(page, "admin@local").getByRole("button", { name: "Disable" })).toHaveCount(0);
});
