import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext, type Download, type Page } from "@playwright/test";
import { control, createS3Export, newMember, signIn } from "./fixtures";

/**
 * The Logs tab's download holds exactly the lines that match the view's filters (all of them, not only the
 * ones loaded on screen): lines are inserted through the local PostHog's control API, so what matches a
 * filter is known by construction, including ties on a timestamp and messages with commas, quotes and
 * line breaks.
 */

interface Line {
  timestamp: string;
  level: string;
  instance_id: string;
  message: string;
}

interface Insert {
  count: number;
  startMs: number;
  stepMs: number;
  levels: string[];
  instanceIds: string[];
  prefix: string;
}

/** The local PostHog's rendering of a millisecond instant (DRF: no fraction on whole seconds, else six digits). */
function postHogTime(ms: number): string {
  const text = new Date(ms).toISOString();
  return ms % 1000 === 0 ? text.replace(/\.000Z$/, "Z") : text.replace(/Z$/, "000Z");
}

/** The rows `POST /_emulator/logs` writes: row i at start + floor(i × step), levels and runs cycled. */
function rowsOf(insert: Insert): Line[] {
  return Array.from({ length: insert.count }, (_, i) => ({
    timestamp: postHogTime(insert.startMs + Math.floor(i * insert.stepMs)),
    level: insert.levels[i % insert.levels.length]!,
    instance_id: insert.instanceIds[i % insert.instanceIds.length]!,
    message: `${insert.prefix}${i}`,
  }));
}

/** A minimal RFC 4180 reader (CRLF rows, quoted fields with doubled quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  expect(field, "the file ends with CRLF").toBe("");
  return rows;
}

const byKey = (a: Line, b: Line) => JSON.stringify(a).localeCompare(JSON.stringify(b));

/** Same lines, each once, and oldest first (lines that share a timestamp may come in any order). */
function expectSameLines(got: Line[], expected: Line[]) {
  expect(got).toHaveLength(expected.length);
  const times = got.map((l) => Date.parse(l.timestamp));
  expect(times.every((t, i) => i === 0 || times[i - 1]! <= t), "oldest first").toBe(true);
  expect([...got].sort(byKey)).toEqual([...expected].sort(byKey));
}

async function download(page: Page, format: "NDJSON" | "CSV"): Promise<Download> {
  await page.getByRole("button", { name: "Download the filtered logs" }).click();
  const saved = page.waitForEvent("download");
  await page.getByRole("button", { name: `Download ${format}` }).click();
  return saved;
}

test.describe("logs download", () => {
  const now = Date.now();
  const plain: Insert = {
    count: 1200,
    startMs: now - 3_600_000 - (now % 1000),
    stepMs: 0.5, // two lines on each millisecond
    levels: ["INFO", "ERROR", "DEBUG", "WARNING", "ERROR"],
    instanceIds: ["run-a", "run-b", "run-c"],
    prefix: "Exported batch ",
  };
  const tricky: Insert = {
    count: 300,
    startMs: plain.startMs + 100, // on a millisecond the plain lines use too, and all 300 on it
    stepMs: 0,
    levels: ["ERROR", "WARNING"],
    instanceIds: ["run-b"],
    prefix: 'Upload failed, S3 said "SlowDown"\nretrying, attempt ',
  };
  const all = [...rowsOf(plain), ...rowsOf(tricky)];

  async function arrange(page: Page, request: APIRequestContext) {
    const member = await newMember(request);
    const created = await createS3Export(request, member);
    for (const insert of [plain, tricky]) {
      const body = {
        batch_export_id: created.id,
        count: insert.count,
        start: new Date(insert.startMs).toISOString(),
        step_ms: insert.stepMs,
        levels: insert.levels,
        instance_ids: insert.instanceIds,
        message_prefix: insert.prefix,
      };
      expect(await control(request, "POST", "logs", body)).toEqual({ inserted: insert.count });
    }
    await signIn(page, member.key);
    return { member, exportId: created.id };
  }

  test("NDJSON holds exactly the ERROR lines, across pages and ties", async ({ page, request }) => {
    const { member, exportId } = await arrange(page, request);
    await page.goto(`/organizations/${member.organizationId}/batch-exports/${exportId}?tab=logs&level=ERROR`);
    await expect(page.getByTestId("log-line").first()).toBeVisible();

    const file = await download(page, "NDJSON");
    expect(file.suggestedFilename()).toMatch(new RegExp(`^${exportId}-logs-\\d{8}T\\d{6}Z\\.ndjson$`));
    const text = await readFile(await file.path(), "utf8");
    expect(text.endsWith("\n")).toBe(true);
    const lines = text
      .trimEnd()
      .split("\n")
      .map((row) => JSON.parse(row) as Line & { log_source_id: string });
    expect(new Set(lines.map((l) => l.log_source_id))).toEqual(new Set([exportId]));
    const expected = all.filter((l) => l.level === "ERROR");
    expect(expected.length).toBeGreaterThan(500); // more than one page of PostHog's logs
    expectSameLines(
      lines.map(({ timestamp, level, instance_id, message }) => ({ timestamp, level, instance_id, message })),
      expected,
    );
    await expect(page.getByRole("status").filter({ hasText: `Saved ${expected.length.toLocaleString("en")} lines` })).toBeVisible();
  });

  test("CSV holds exactly the lines of a level and search filter, quoted so they read back", async ({ page, request }) => {
    const { member, exportId } = await arrange(page, request);
    await page.goto(`/organizations/${member.organizationId}/batch-exports/${exportId}?tab=logs&level=ERROR&search=SlowDown`);
    await expect(page.getByTestId("log-line").first()).toBeVisible();

    const file = await download(page, "CSV");
    expect(file.suggestedFilename()).toMatch(new RegExp(`^${exportId}-logs-\\d{8}T\\d{6}Z\\.csv$`));
    const [header, ...rows] = parseCsv(await readFile(await file.path(), "utf8"));
    expect(header).toEqual(["timestamp", "level", "instance_id", "message"]);
    const expected = all.filter((l) => l.level === "ERROR" && l.message.includes("SlowDown"));
    expect(expected).toHaveLength(150);
    expectSameLines(
      rows.map(([timestamp, level, instance_id, message]) => ({ timestamp: timestamp!, level: level!, instance_id: instance_id!, message: message! })),
      expected,
    );
  });

  test("a download can be cancelled", async ({ page, request }) => {
    const { member, exportId } = await arrange(page, request);
    await page.goto(`/organizations/${member.organizationId}/batch-exports/${exportId}?tab=logs`);
    await expect(page.getByTestId("log-line").first()).toBeVisible();
    // Slow PostHog down so the download is still running when Cancel is pressed.
    await control(request, "POST", "faults", { latencyMs: 1500, pathContains: `/batch_exports/${exportId}/logs` });
    try {
      let saved = false;
      page.on("download", () => {
        saved = true;
      });
      await page.getByRole("button", { name: "Download the filtered logs" }).click();
      await page.getByRole("button", { name: "Download CSV" }).press("Enter");
      await expect(page.getByRole("status").filter({ hasText: "lines…" })).toBeVisible();
      const cancel = page.getByRole("button", { name: "Cancel download" });
      await expect(cancel).toBeFocused();
      await cancel.press("Enter");
      await expect(page.getByRole("status").filter({ hasText: "Download cancelled." })).toBeVisible();
      await expect(page.getByRole("button", { name: "Download the filtered logs" })).toBeFocused();
      expect(saved).toBe(false);
    } finally {
      await control(request, "DELETE", "faults");
    }
  });
});
