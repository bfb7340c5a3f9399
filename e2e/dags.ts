import { expect, type Page } from "@playwright/test";

// Against the e2e estate's real local Airflow: every Airflow CLI call takes seconds, and the
// sync polls every few, so these tests wait in minutes, never with fixed sleeps.
export const SYNC = { timeout: 240_000 };

/** Opens a DAG's page from the list: on a fresh estate the DAG exists only after the first sync. */
export async function openDag(page: Page, dagId: string) {
  await page.goto("/pipelines");
  // The Airflow sync lists the DAGs after its first poll; the page refreshes itself.
  await expect(page.getByRole("link", { name: dagId, exact: true })).toBeVisible(SYNC);
  await page.getByRole("link", { name: dagId, exact: true }).click();
  await expect(page.getByRole("heading", { name: dagId, level: 1 })).toBeVisible();
}
