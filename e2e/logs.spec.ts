import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { control, createS3Export, newMember, posthog, signIn, simulation, type Member } from "./fixtures";

/**
 * The live log view against the local PostHog on a real clock. Lines come from the simulation (a
 * backfill's runs) or are written in bulk through the control API, so what each view must show is known.
 * Polls back off to 10 s while nothing changes, so waits for new lines allow 20 s.
 */

const LIVE_TIMEOUT = 20_000;

/** Whole UTC hours `hoursAgo` before now, as ISO (hourly exports). */
function utcHour(hoursAgo: number): string {
  const ms = Date.now() - hoursAgo * 3_600_000;
  return new Date(ms - (ms % 3_600_000)).toISOString();
}

/** Writes `count` lines `step_ms` apart from `startMs` (by default ending just before now). */
async function writeLines(
  request: APIRequestContext,
  exportId: string,
  options: { count: number; prefix: string; startMs?: number; stepMs?: number; levels?: string[]; instanceIds?: string[] },
) {
  const stepMs = options.stepMs ?? 1000;
  await control(request, "POST", "logs", {
    batch_export_id: exportId,
    count: options.count,
    step_ms: stepMs,
    start: new Date(options.startMs ?? Date.now() - options.count * stepMs).toISOString(),
    message_prefix: options.prefix,
    ...(options.levels ? { levels: options.levels } : {}),
    ...(options.instanceIds ? { instance_ids: options.instanceIds } : {}),
  });
}

async function openLogs(page: Page, member: Member, exportId: string, query = "") {
  await page.goto(`/organizations/${member.organizationId}/batch-exports/${exportId}?tab=logs${query}`);
}

/** The scroll container; `data-line-count` is how many lines it holds (only those near the view are rendered). */
const viewport = (page: Page) => page.getByTestId("log-viewport");
const lines = (page: Page) => page.getByTestId("log-line");
/** The rendered row whose message is exactly `message`. */
const line = (page: Page, message: string) => lines(page).filter({ has: page.getByText(message, { exact: true }) });
const attributes = (page: Page, name: string) => lines(page).evaluateAll((rows, attr) => rows.map((r) => r.getAttribute(attr)), name);

async function setup(page: Page, request: APIRequestContext) {
  const member = await newMember(request);
  const created = await createS3Export(request, member);
  await signIn(page, member.key);
  return { member, exportId: created.id };
}

test.beforeEach(async ({ request }) => {
  await simulation(request, { startingSeconds: 0.2, backfillRunSeconds: 0.5, failureRate: 0 });
});

test.describe("live logs", () => {
  test("lines appear while a backfill runs, without a reload, newest at the bottom", async ({ page, request }) => {
    const { member, exportId } = await setup(page, request);
    await openLogs(page, member, exportId);
    await expect(page.getByText("No log lines yet.")).toBeVisible();
    // A reload would lose this; its survival shows the lines came in live.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

    await posthog(request, member, "POST", `/api/projects/${member.teamId}/batch_exports/${exportId}/backfills/`, {
      start_at: utcHour(4),
      end_at: utcHour(1),
    });
    await expect(lines(page).filter({ hasText: "Backfilling batch export batches in range" })).toHaveCount(1, { timeout: LIVE_TIMEOUT });
    await expect(lines(page).filter({ hasText: "finished successfully" })).toHaveCount(3, { timeout: LIVE_TIMEOUT });
    await expect(lines(page).filter({ hasText: "Successfully finished backfilling" })).toBeInViewport({ timeout: LIVE_TIMEOUT });
    // Following: the newest line is the last one, in view.
    await expect(lines(page).last()).toContainText("Successfully finished backfilling");
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await expect(page.getByTestId("log-status")).toHaveText("Live");
  });

  test("follows new lines at the bottom; scrolled up it stays put and offers 'N new lines'", async ({ page, request }) => {
    const { member, exportId } = await setup(page, request);
    await writeLines(request, exportId, { count: 200, prefix: "History " });
    await openLogs(page, member, exportId);
    await expect(line(page, "History 199")).toBeInViewport();

    await test.step("scrolled up, the view stays put and counts what arrives", async () => {
      await viewport(page).evaluate((el) => el.scrollTo({ top: 0 }));
      await expect(line(page, "History 0")).toBeInViewport();
      await writeLines(request, exportId, { count: 5, prefix: "Fresh ", startMs: Date.now(), stepMs: 10 });
      const jump = page.getByRole("button", { name: "5 new lines" });
      await expect(jump).toBeVisible({ timeout: LIVE_TIMEOUT });
      await expect(line(page, "History 0")).toBeInViewport();
      await jump.click();
      await expect(line(page, "Fresh 4")).toBeInViewport();
      await expect(jump).toBeHidden();
    });

    await test.step("back at the bottom, it follows again", async () => {
      await writeLines(request, exportId, { count: 3, prefix: "Followed ", startMs: Date.now(), stepMs: 10 });
      await expect(line(page, "Followed 2")).toBeInViewport({ timeout: LIVE_TIMEOUT });
      await expect(page.getByRole("button", { name: /new lines?$/ })).toBeHidden();
    });
  });

  test("level and search filters narrow the lines and live in the URL", async ({ page, request }) => {
    const { member, exportId } = await setup(page, request);
    await writeLines(request, exportId, { count: 40, prefix: "Mixed ", levels: ["DEBUG", "INFO", "WARNING", "ERROR"] });
    await writeLines(request, exportId, { count: 3, prefix: "Needle in the hay ", levels: ["ERROR"], startMs: Date.now() - 5_000 });
    await openLogs(page, member, exportId);
    await expect(viewport(page)).toHaveAttribute("data-line-count", "43");

    await test.step("levels", async () => {
      await page.getByRole("checkbox", { name: "DEBUG" }).uncheck();
      await page.getByRole("checkbox", { name: "INFO" }).uncheck();
      await expect(page).toHaveURL(/[?&]level=WARNING,ERROR(&|$)/);
      await expect(viewport(page)).toHaveAttribute("data-line-count", "23");
      expect(new Set(await attributes(page, "data-level"))).toEqual(new Set(["WARNING", "ERROR"]));
    });

    await test.step("search, debounced and sent to PostHog", async () => {
      await page.getByLabel("Search messages").fill("needle");
      await expect(page).toHaveURL(/[?&]search=needle(&|$)/);
      await expect(lines(page)).toHaveCount(3);
      for (const text of await lines(page).allTextContents()) expect(text).toContain("Needle in the hay");
    });

    await test.step("a shared link opens the same view", async () => {
      await page.reload();
      await expect(page.getByLabel("Search messages")).toHaveValue("needle");
      await expect(page.getByRole("checkbox", { name: "INFO" })).not.toBeChecked();
      await expect(lines(page)).toHaveCount(3);
      await page.getByLabel("Search messages").fill("no such words");
      await expect(page.getByText("No line matches these filters.")).toBeVisible();
      await page.getByRole("button", { name: "Clear filters" }).click();
      await expect(viewport(page)).toHaveAttribute("data-line-count", "43");
      await expect(page).not.toHaveURL(/level=|search=/);
    });
  });

  test("a run's Logs link shows only that run's lines", async ({ page, request }) => {
    const { member, exportId } = await setup(page, request);
    await posthog(request, member, "POST", `/api/projects/${member.teamId}/batch_exports/${exportId}/backfills/`, {
      start_at: utcHour(3),
      end_at: utcHour(1),
    });
    await expect
      .poll(
        async () => {
          const runs = await posthog(request, member, "GET", `/api/projects/${member.teamId}/batch_exports/${exportId}/runs/`);
          return runs.results.filter((r: { status: string }) => r.status === "Completed").length;
        },
        { timeout: LIVE_TIMEOUT },
      )
      .toBe(2);

    await page.goto(`/organizations/${member.organizationId}/batch-exports/${exportId}?tab=runs`);
    const row = page.getByTestId("run-row").first();
    const runId = (await row.getAttribute("data-run-id"))!;
    await row.getByRole("link", { name: "Logs" }).click();
    await expect(page).toHaveURL(/[?&]tab=logs(&|$)/);
    await expect(page).toHaveURL(new RegExp(`[?&]run=${runId}(&|$)`));
    await expect(page.getByRole("button", { name: "Show every run (clear the run filter)" })).toBeVisible();
    await expect(lines(page).filter({ hasText: "finished successfully" })).toHaveCount(1);
    expect(new Set(await attributes(page, "data-run-id"))).toEqual(new Set([runId]));

    await page.getByRole("button", { name: "Show every run (clear the run filter)" }).click();
    await expect(lines(page).filter({ hasText: "finished successfully" })).toHaveCount(2);
    expect((await attributes(page, "data-run-id")).some((id) => id !== runId)).toBe(true);
  });

  test("an outage shows 'Reconnecting…' and keeps the lines; 'Try now' picks up where it left off", async ({ page, request }) => {
    const { member, exportId } = await setup(page, request);
    await writeLines(request, exportId, { count: 5, prefix: "Before " });
    await openLogs(page, member, exportId);
    await expect(viewport(page)).toHaveAttribute("data-line-count", "5");

    await control(request, "POST", "faults", { errorRate: 1, errorStatuses: [503], pathContains: `/batch_exports/${exportId}/logs` });
    try {
      await expect(page.getByTestId("log-status")).toContainText("Reconnecting", { timeout: LIVE_TIMEOUT });
      await expect(line(page, "Before 4")).toBeVisible();
    } finally {
      await control(request, "DELETE", "faults");
    }
    await writeLines(request, exportId, { count: 2, prefix: "After ", startMs: Date.now(), stepMs: 10 });
    await page.getByRole("button", { name: "Try now" }).click();
    await expect(line(page, "After 1")).toBeVisible({ timeout: LIVE_TIMEOUT });
    await expect(page.getByTestId("log-status")).toHaveText("Live");
    await expect(viewport(page)).toHaveAttribute("data-line-count", "7");
  });

  test("a permalink opens the view on its line, highlighted, even when it is older than the first page", async ({ page, context, request }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const { member, exportId } = await setup(page, request);
    await writeLines(request, exportId, { count: 700, prefix: "Old " });
    await openLogs(page, member, exportId);
    await expect(viewport(page)).toHaveAttribute("data-line-count", "500");
    await page.getByRole("button", { name: "Load older lines" }).click();
    await expect(viewport(page)).toHaveAttribute("data-line-count", "700");
    await expect(page.getByText("Beginning of the logs")).toBeVisible();

    await viewport(page).evaluate((el) => el.scrollTo({ top: 0 }));
    const target = line(page, "Old 5");
    await target.hover();
    await target.getByRole("button", { name: "Copy link to line" }).click();
    await expect(page).toHaveURL(/[?&]line=\d+-[0-9a-z]+/);
    await expect(target).toHaveAttribute("data-highlighted", "true");
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(page.url());

    const fresh = await context.newPage();
    await fresh.goto(link);
    const opened = line(fresh, "Old 5");
    await expect(opened).toBeInViewport({ timeout: LIVE_TIMEOUT });
    await expect(opened).toHaveAttribute("data-highlighted", "true");
    await expect(opened).toHaveAttribute("aria-current", "true");
    await expect(lines(fresh).and(fresh.locator("[data-highlighted]"))).toHaveCount(1);

    await test.step("a line of the first page opens scrolled to as well, not at the live end", async () => {
      await viewport(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight - el.clientHeight - 60 * 24 }));
      const recent = line(page, "Old 640");
      await recent.getByRole("button", { name: "Copy link to line" }).click();
      await expect(page).toHaveURL(/[?&]line=/);
      const second = await context.newPage();
      await second.goto(page.url());
      await expect(line(second, "Old 640")).toBeInViewport({ timeout: LIVE_TIMEOUT });
      await expect(line(second, "Old 640")).toHaveAttribute("data-highlighted", "true");
      await expect(line(second, "Old 699")).not.toBeInViewport();
    });
  });
});
