import { expect, test, type Page } from "@playwright/test";
import { control, createS3Export, LEGACY_URL, newMember, posthog, signIn, signInToHost, simulation, unique } from "./fixtures";

/** `datetime-local` values for whole UTC hours `hoursAgo` before now (hourly exports in UTC). */
function utcHour(hoursAgo: number): string {
  const ms = Date.now() - hoursAgo * 3_600_000;
  return new Date(ms - (ms % 3_600_000)).toISOString().slice(0, 16);
}

async function openExport(page: Page, organizationId: string, exportId: string, tab = "") {
  await page.goto(`/organizations/${organizationId}/batch-exports/${exportId}${tab ? `?tab=${tab}` : ""}`);
}

async function startBackfill(page: Page, start: string, end: string) {
  await page.getByRole("button", { name: "Backfill", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Start backfill" });
  await dialog.locator("#backfill-start").fill(start);
  await dialog.locator("#backfill-end").fill(end);
  await dialog.getByRole("button", { name: "Schedule runs" }).click();
  return dialog;
}

test.beforeEach(async ({ request }) => {
  // Fast, successful runs unless a test asks otherwise.
  await simulation(request, { failureRate: 0, startingSeconds: 0.2, backfillRunSeconds: 0.5, runSeconds: 1 });
});

test.describe("batch exports", () => {
  test("pause and resume from the list, one at a time and in bulk", async ({ page, request }) => {
    const member = await newMember(request);
    const first = await createS3Export(request, member, unique("First"));
    const second = await createS3Export(request, member, unique("Second"));
    await signIn(page, member.key);
    await page.goto(`/organizations/${member.organizationId}/batch-exports`);

    const firstRow = page.getByTestId(`export-row-${first.id}`);
    const secondRow = page.getByTestId(`export-row-${second.id}`);
    await expect(firstRow.getByText("Active")).toBeVisible();
    await firstRow.getByRole("button", { name: `Pause ${first.name}` }).click();
    await expect(firstRow.getByText("Paused")).toBeVisible();
    await expect.poll(async () => (await control(request, "GET", `batch_exports/${first.id}`)).paused).toBe(true);
    await firstRow.getByRole("button", { name: `Resume ${first.name}` }).click();
    await expect(firstRow.getByText("Active")).toBeVisible();

    await page.getByLabel("Select all shown exports").check();
    await page.getByRole("button", { name: "Pause 2" }).click();
    const result = page.getByRole("dialog", { name: "Pause: 2 done, 0 failed" });
    await expect(result.getByText(first.name)).toBeVisible();
    await expect(result.getByText(second.name)).toBeVisible();
    await result.getByRole("button", { name: "Close" }).click();
    await expect(firstRow.getByText("Paused")).toBeVisible();
    await expect(secondRow.getByText("Paused")).toBeVisible();

    await page.getByRole("button", { name: "Paused" }).click();
    await expect(page).toHaveURL(/status=Paused/);
    await page.getByLabel("Select all shown exports").check();
    await page.getByRole("button", { name: "Resume 2" }).click();
    await expect(page.getByRole("dialog", { name: "Resume: 2 done, 0 failed" })).toBeVisible();
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
    await expect(page.getByText("No export matches these filters.")).toBeVisible();
  });

  test("a backfill moves to 100% and its runs appear", async ({ page, request }) => {
    const member = await newMember(request);
    const created = await createS3Export(request, member);
    await signIn(page, member.key);
    await openExport(page, member.organizationId, created.id);
    const dialog = await startBackfill(page, utcHour(30), utcHour(27));
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/tab=backfills/);
    const progress = page.getByRole("progressbar", { name: "Backfill progress" });
    await expect(progress).toHaveAttribute("aria-valuetext", /of 3 runs/);
    await expect(progress).toHaveAttribute("aria-valuetext", "3 of 3 runs", { timeout: 20_000 });
    await expect(page.getByRole("row").filter({ hasText: "Completed" })).toHaveCount(1);

    await page.getByRole("tab", { name: "Runs" }).click();
    await expect(page.getByRole("row").filter({ hasText: "Backfill" })).toHaveCount(3);
  });

  test("the backfill dialog refuses a future end and a start after the end", async ({ page, request }) => {
    const member = await newMember(request);
    const created = await createS3Export(request, member);
    await signIn(page, member.key);
    await openExport(page, member.organizationId, created.id);

    const dialog = await startBackfill(page, utcHour(2), utcHour(-48));
    await expect(dialog.getByText(/cannot be in the future/)).toBeVisible();
    await dialog.locator("#backfill-end").fill(utcHour(5));
    await dialog.getByRole("button", { name: "Schedule runs" }).click();
    await expect(dialog.getByText("End date must be after start date")).toBeVisible();
    // Nothing typed is lost, and nothing was sent.
    await expect(dialog.locator("#backfill-start")).toHaveValue(utcHour(2));
    const backfills = await posthog(request, member, "GET", `/api/projects/${member.teamId}/batch_exports/${created.id}/backfills/`);
    expect(backfills.results).toHaveLength(0);
  });

  test("retry a failed run, and cancel a running one", async ({ page, request }) => {
    const member = await newMember(request);
    const created = await createS3Export(request, member);
    await simulation(request, { failureRate: 1 });
    await posthog(request, member, "POST", `/api/projects/${member.teamId}/batch_exports/${created.id}/backfills/`, {
      start_at: `${utcHour(10)}:00Z`,
      end_at: `${utcHour(9)}:00Z`,
    });
    await signIn(page, member.key);
    await openExport(page, member.organizationId, created.id, "runs");
    const failed = page.getByRole("row").filter({ hasText: "Failed" });
    await expect(failed).toHaveCount(1, { timeout: 15_000 });

    await simulation(request, { failureRate: 0, backfillRunSeconds: 600 });
    await failed.getByRole("button", { name: /Retry the run/ }).click();
    await page.getByRole("dialog", { name: "Retry export?" }).getByRole("button", { name: "Retry" }).click();
    await expect(page.getByText("Retry scheduled")).toBeVisible();
    const running = page.getByRole("row").filter({ hasText: "Running" });
    await expect(running).toHaveCount(1, { timeout: 15_000 });

    await running.getByRole("button", { name: /Cancel the run/ }).click();
    await page.getByRole("dialog", { name: "Cancel run?" }).getByRole("button", { name: "Cancel run" }).click();
    await expect(page.getByText("Run cancelled")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: "Cancelled" })).toHaveCount(1);
  });

  test("delete asks for the export's name", async ({ page, request }) => {
    const member = await newMember(request);
    const created = await createS3Export(request, member);
    await signIn(page, member.key);
    await openExport(page, member.organizationId, created.id);
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: `Delete ${created.name}?` });
    const confirm = dialog.getByRole("button", { name: "Delete export" });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(`Type ${created.name} to confirm`).fill(created.name);
    await confirm.click();
    await expect(page).toHaveURL(new RegExp(`/organizations/${member.organizationId}/batch-exports$`));
    await expect(page.getByText("This organization has no batch exports yet.")).toBeVisible();
    expect((await control(request, "GET", `batch_exports/${created.id}`)).deleted).toBe(true);
  });

  test("the backfill button also works against an older self-hosted PostHog (legacy profile)", async ({ page, request }) => {
    await simulation(request, { failureRate: 0, startingSeconds: 0.2, backfillRunSeconds: 0.5 }, LEGACY_URL);
    const member = await newMember(request, { emulator: LEGACY_URL });
    const created = await createS3ExportLegacy(request, member);
    await signInToHost(page, LEGACY_URL, member.key);
    await openExport(page, member.organizationId, created.id);
    await startBackfill(page, utcHour(30), utcHour(28));
    await expect(page).toHaveURL(/tab=backfills/);
    await expect(page.getByRole("progressbar", { name: "Backfill progress" })).toHaveAttribute("aria-valuetext", "2 of 2 runs", {
      timeout: 20_000,
    });
  });
});

/** Older PostHog knows no AwsS3 type: its S3 exports carry inline credentials. */
async function createS3ExportLegacy(request: Parameters<typeof posthog>[0], member: Parameters<typeof posthog>[1]) {
  return posthog<{ id: string; name: string }>(request, member, "POST", `/api/projects/${member.teamId}/batch_exports/`, {
    name: unique("Legacy S3"),
    interval: "hour",
    destination: {
      type: "S3",
      config: {
        bucket_name: "legacy-bucket",
        region: "us-east-1",
        prefix: "legacy/",
        aws_access_key_id: "AKIALEGACY",
        aws_secret_access_key: "legacy-secret",
      },
    },
  });
}
