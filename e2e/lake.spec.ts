import { expect, test, type APIRequestContext } from "@playwright/test";
import { BASE_URL } from "../playwright.config";
import { storageState } from "./roles";

const BUCKET = "builditall-lake";
const objectUrl = (key: string) => `/lake/object?${new URLSearchParams({ bucket: BUCKET, key })}`;

async function uploadViaApi(request: APIRequestContext, key: string, text: string) {
  const res = await request.post("/api/lake/upload", {
    headers: { origin: BASE_URL },
    multipart: { bucket: BUCKET, key, file: { name: "f.csv", mimeType: "text/csv", buffer: Buffer.from(text) } },
  });
  expect(res.status(), await res.text()).toBe(201);
}

test.describe("as a viewer", () => {
  test.use({ storageState: storageState("viewer") });

  test("browses from the bucket root to a Parquet file of the synthetic set and sees its schema and rows", async ({ page }) => {
    await page.goto("/lake");
    await page.getByRole("link", { name: BUCKET }).click();
    await page.getByRole("link", { name: /raw\/$/ }).click();
    await page.getByRole("link", { name: /orders\/$/ }).click();
    await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("orders/");
    // The dataset summary draws its day partitions.
    await expect(page.getByRole("img", { name: /Bytes per partition, 14 partitions/ })).toBeVisible();
    await page.getByRole("link", { name: /order_date=2025-01-01\/$/ }).click();
    await page.getByRole("link", { name: /\.parquet$/ }).first().click();

    await expect(page.getByRole("heading", { name: "Schema" })).toBeVisible();
    const schema = page.getByRole("table", { name: "Schema" });
    await expect(schema.getByRole("row")).not.toHaveCount(1);
    await expect(page.getByRole("heading", { name: "Row groups" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Column statistics" })).toBeVisible();
    const rows = page.getByRole("table", { name: "Rows" }).getByRole("row");
    expect(await rows.count()).toBeGreaterThan(1);
    await expect(page.getByText(/% of the object\)/)).toBeVisible();
  });

  test("sorts and filters the listing", async ({ page }) => {
    await page.goto(`/lake/browse?${new URLSearchParams({ bucket: BUCKET, prefix: "raw/orders/" })}`);
    const listing = page.getByRole("region", { name: "Contents" }).getByRole("table");
    await expect(listing.getByRole("row").nth(1)).toContainText("order_date=2025-01-01/");
    await page.getByRole("button", { name: /^Name/ }).click();
    await expect(listing.getByRole("row").nth(1)).toContainText("order_date=2025-01-14/");
    await page.getByLabel("Filter by name").fill("01-07");
    await expect(listing.getByRole("row")).toHaveCount(2);
  });

  test("bad keys in the address get an error message, not a stack trace", async ({ page }) => {
    const cases: [string, RegExp][] = [
      [objectUrl("../../etc/passwd"), /'\.' or '\.\.' segment/],
      [objectUrl("raw/%2e%2e/%2e%2e/etc/passwd"), /percent-encoded/],
      [objectUrl("/etc/passwd"), /starts with '\/'/],
      [`/lake/object?bucket=${BUCKET}&key=raw%2Fa%00b`, /control character/],
      [`/lake/object?bucket=not-our-bucket&key=raw/x`, /Unknown bucket/],
      [objectUrl("raw/no-such-file.parquet"), /No object/],
      [`/lake/browse?bucket=${BUCKET}&prefix=..%2F`, /'\.' or '\.\.' segment/],
    ];
    for (const [url, message] of cases) {
      await page.goto(url);
      const alert = page.getByRole("alert").filter({ hasText: /Cannot open/ });
      await expect(alert, url).toContainText(message);
      await expect(page.locator("body"), url).not.toContainText(/\bat .+\.(js|ts):\d+/);
    }
  });
});

test.describe("as an engineer", () => {
  test.use({ storageState: storageState("engineer") });

  test("uploads a file to raw/ with a progress bar and sees it listed", async ({ page }) => {
    await page.goto(`/lake/browse?${new URLSearchParams({ bucket: BUCKET, prefix: "raw/" })}`);
    const name = `e2e-upload-${Date.now()}.csv`;
    const body = Buffer.from(`id,value\n${Array.from({ length: 100_000 }, (_, i) => `${i},${i * 2}`).join("\n")}\n`);
    await page.getByLabel("File to upload").setInputFiles({ name, mimeType: "text/csv", buffer: body });
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await expect(page.getByRole("progressbar", { name: "Upload progress" })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText(`Uploaded raw/${name}`);
    await expect(page.getByRole("progressbar", { name: "Upload progress" })).toHaveAttribute("aria-valuenow", "100");
    await page.getByRole("link", { name }).click();
    await expect(page.getByRole("table", { name: "Rows" })).toContainText("99");
  });

  test("a second upload to the same key is refused with 409 and the first file is kept", async ({ page }) => {
    const key = `raw/e2e-once-${Date.now()}.csv`;
    await uploadViaApi(page.request, key, "first\n");
    const again = await page.request.post("/api/lake/upload", {
      headers: { origin: BASE_URL },
      multipart: { bucket: BUCKET, key, file: { name: "f.csv", mimeType: "text/csv", buffer: Buffer.from("second\n") } },
    });
    expect(again.status()).toBe(409);
    expect((await again.json()).error.message).toMatch(/already exists/);
    const kept = await page.request.get(`/api/lake/download?${new URLSearchParams({ bucket: BUCKET, key })}`);
    expect(await kept.text()).toBe("first\n");
  });

  test("an upload outside raw/ is refused", async ({ page }) => {
    const res = await page.request.post("/api/lake/upload", {
      headers: { origin: BASE_URL },
      multipart: { bucket: BUCKET, key: "curated/planted.csv", file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("a\n") } },
    });
    expect(res.status()).toBe(403);
  });

  test("an engineer's delete is refused: no button, and the API answers 403", async ({ page }) => {
    const key = `raw/e2e-keep-${Date.now()}.csv`;
    await uploadViaApi(page.request, key, "a,b\n1,2\n");
    await page.goto(objectUrl(key));
    await expect(page.getByRole("heading", { name: "First 1 rows" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Delete object" })).toHaveCount(0);
    const res = await page.request.delete("/api/lake/objects", { headers: { origin: BASE_URL }, data: { bucket: BUCKET, key } });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.message).toMatch(/admin role/);
    await page.reload();
    await expect(page.getByRole("heading", { name: "First 1 rows" })).toBeVisible();
  });
});

test.describe("as an admin", () => {
  test.use({ storageState: storageState("admin") });

  test("replaces a file only when asked: the upload is refused, then replaced with the button", async ({ page }) => {
    const name = `e2e-replace-${Date.now()}.csv`;
    await uploadViaApi(page.request, `raw/${name}`, "old\n");
    await page.goto(`/lake/browse?${new URLSearchParams({ bucket: BUCKET, prefix: "raw/" })}`);
    await page.getByLabel("File to upload").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from("new\n") });
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await expect(page.getByRole("status")).toContainText("already exists");
    await page.getByRole("button", { name: "Replace the existing file" }).click();
    await expect(page.getByRole("status")).toHaveText(`Replaced raw/${name}; the bucket keeps no versions, so the earlier content is gone.`);
    const res = await page.request.get(`/api/lake/download?${new URLSearchParams({ bucket: BUCKET, key: `raw/${name}` })}`);
    expect(await res.text()).toBe("new\n");
  });

  test("deletes an object after confirming, and it is gone", async ({ page }) => {
    const key = `raw/e2e-delete-${Date.now()}.csv`;
    await uploadViaApi(page.request, key, "a\n1\n");
    await page.goto(objectUrl(key));
    await page.getByRole("button", { name: "Delete object" }).click();
    await expect(page.getByRole("alertdialog")).toContainText("This cannot be undone.");
    await page.getByRole("button", { name: "Confirm delete" }).click();
    await expect(page.getByRole("status")).toHaveText("Deleted.");
    await page.goto(objectUrl(key));
    await expect(page.getByRole("alert").filter({ hasText: /Cannot open/ })).toContainText(/No object/);
  });
});
