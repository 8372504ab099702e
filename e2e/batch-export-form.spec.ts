import { expect, test } from "@playwright/test";
import { control, newMember, signIn, unique } from "./fixtures";

test("create an S3 export with a new integration, then edit it without touching its secret", async ({ page, request }) => {
  const member = await newMember(request);
  const name = unique("Created S3");
  const secret = `secret-${Date.now()}`;
  await signIn(page, member.key);
  await page.goto(`/organizations/${member.organizationId}/batch-exports`);
  await page.getByRole("link", { name: "New export" }).click();
  await expect(page.getByRole("heading", { name: "New batch export" })).toBeVisible();

  await test.step("fill the form, creating the connection inline", async () => {
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByText("Amazon S3", { exact: true }).click();
    await page.getByLabel("Bucket", { exact: true }).fill("e2e-created-bucket");
    await page.getByRole("button", { name: "Create new connection" }).click();
    await page.getByLabel("Access key ID").fill("AKIAE2ECREATED");
    await page.getByLabel("Secret access key").fill(secret);
    await page.getByRole("button", { name: "Create connection" }).click();
    await expect(page.getByLabel("Connection", { exact: true })).toHaveValue(/^\d+$/);
    await page.getByRole("button", { name: "Create batch export" }).click();
  });

  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const exportId = /batch-exports\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const created = await control(request, "GET", `batch_exports/${exportId}`);
  expect(created.destination_type).toBe("AwsS3");
  expect(created.config.bucket_name).toBe("e2e-created-bucket");
  expect(created.integration_secrets).toEqual({ aws_secret_access_key: secret });

  await test.step("edit only the prefix", async () => {
    await page.getByRole("tab", { name: "Configuration" }).click();
    const prefix = page.getByLabel("Key prefix");
    await prefix.fill("edited/");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Saved", { exact: true })).toBeVisible();
  });

  const edited = await control(request, "GET", `batch_exports/${exportId}`);
  expect(edited.config.prefix).toBe("edited/");
  expect(edited.config.bucket_name).toBe("e2e-created-bucket");
  expect(edited.integration_id).toBe(created.integration_id);
  expect(edited.integration_secrets).toEqual({ aws_secret_access_key: secret });
  expect(await page.content()).not.toContain(secret);
});

test("a missing connection is reported beside its field, and nothing typed is lost", async ({ page, request }) => {
  const member = await newMember(request);
  await signIn(page, member.key);
  await page.goto(`/organizations/${member.organizationId}/batch-exports/new`);
  await page.getByLabel("Name", { exact: true }).fill("Needs a connection");
  await page.getByText("Amazon S3", { exact: true }).click();
  await page.getByLabel("Bucket", { exact: true }).fill("kept-bucket");
  await page.getByRole("button", { name: "Create batch export" }).click();
  const connection = page.getByLabel("Connection", { exact: true });
  await expect(connection).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(`#${await connection.getAttribute("id")}-error`)).toHaveText("This field is required.");
  await expect(page.getByLabel("Bucket", { exact: true })).toHaveValue("kept-bucket");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Needs a connection");
});
