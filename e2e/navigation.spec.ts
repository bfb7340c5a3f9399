import { expect, test } from "@playwright/test";
import { SECTIONS, hasRole } from "../lib/auth/roles";
import { PASSWORD, ROLES, storageState } from "./roles";

for (const role of ROLES) {
  test.describe(`as ${role}`, () => {
    test.use({ storageState: storageState(role) });

    test("sees exactly the sections the role may open", async ({ page }) => {
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: "Main" });
      for (const section of SECTIONS) {
        const link = nav.getByRole("link", { name: section.label, exact: true });
        if (hasRole(role, section.role)) await expect(link).toBeVisible();
        else await expect(link).toHaveCount(0);
      }
    });

    test("gets 403 on a section above the role, and the page itself otherwise", async ({ page }) => {
      for (const section of SECTIONS) {
        const response = await page.goto(section.href);
        if (hasRole(role, section.role)) {
          expect(response?.status(), section.href).toBe(200);
          await expect(page.getByRole("heading", { level: 1, name: section.label })).toBeVisible();
        } else {
          expect(response?.status(), section.href).toBe(403);
          await expect(page.getByRole("heading", { name: "Your role may not open this page" })).toBeVisible();
        }
      }
    });
  });
}

test("signing out ends the session", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("viewer@local");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/runs");
  await expect(page).toHaveURL(/\/login/);
  expect((await context.request.get("/api/status")).status()).toBe(401);
  await context.close();
});

test("a wrong password shows an error and opens no session", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("engineer@local");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name.includes("session-token"))).toBeUndefined();
  expect((await context.request.get("/api/status")).status()).toBe(401);
  await context.close();
});

test("a signed-out visitor is sent to sign in", async ({ page }) => {
  await page.goto("/audit");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});
