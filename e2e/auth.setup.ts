import { expect, test as setup } from "@playwright/test";
import { PASSWORD, ROLES, storageState } from "./roles";

// One signed-in browser state per role, reused by the tests.
for (const role of ROLES) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(`${role}@local`);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
    expect(session, "session cookie").toMatchObject({ httpOnly: true, sameSite: "Lax" });
    await page.context().storageState({ path: storageState(role) });
  });
}
