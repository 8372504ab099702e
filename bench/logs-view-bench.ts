/**
 * Browser benchmark of the Logs tab over 100,000 lines.
 *
 *   npx next build          # once; the bench serves the built app
 *   npm run bench:logs
 *   NEXT_DIST_DIR=.next-bench npm run bench:logs    # a build made with the same NEXT_DIST_DIR
 *
 * 1. Starts the local PostHog in this process (in-memory, real clock) and the built dashboard
 *    (`next start`) against it, on free ports.
 * 2. Arranges a user, an organization, an S3 export and 100,000 log lines through the control API.
 * 3. Drives Chromium: signs in through the form, opens the export's Logs tab, pages back until every line
 *    is loaded, scrolls the viewport top to bottom while recording requestAnimationFrame deltas, and reads
 *    DOM size and JS heap (CDP, after a GC).
 * 4. Counts the dashboard's requests to the local PostHog (`api_requests` of `GET /_emulator/state`) over a
 *    window while idle at the live end, and over a window while a backfill writes new lines.
 * 5. Prints a table (paste it into bench/README.md).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { chromium, type CDPSession, type Page } from "@playwright/test";
import { createEmulator, startEmulator } from "../emulator/create-emulator";

const LINES = 100_000;
/** Seconds of each request-rate window (idle, following). */
const WINDOW_SECONDS = Number(process.env.BENCH_WINDOW_SECONDS ?? 30);
/** Frames of each scroll pass. */
const SCROLL_FRAMES = 600;
const SESSION_SECRET = "logs-view-bench-session-secret-0123456789abcdef";

// ---------------------------------------------------------------------------------------------------------
// Processes

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, timeoutMs: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}`);
    try {
      await fetch(url, { redirect: "manual" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** The built app; its own process group, so stopping it stops whatever `next start` spawned too. */
async function startApp(emulatorUrl: string): Promise<{ url: string; stop(): void }> {
  const port = await freePort();
  const child = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, POSTHOG_LOCAL_URL: emulatorUrl, SESSION_SECRET, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
  };
  try {
    await waitForHttp(url, 60_000, child);
  } catch (error) {
    console.error(stderr);
    stop();
    throw error;
  }
  return { url, stop };
}

// ---------------------------------------------------------------------------------------------------------
// The world, through the control API and PostHog's API

async function call<T>(base: string, method: string, path: string, body?: unknown, key?: string): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...(key ? { Authorization: `Bearer ${key}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

interface World {
  key: string;
  organizationId: string;
  teamId: number;
  exportId: string;
}

async function arrange(base: string): Promise<World> {
  const organization = await call<{ id: string; teams: Array<{ id: number }> }>(base, "POST", "/_emulator/organizations", {
    name: "Bench Org",
    teams: ["Web"],
  });
  const user = await call<{ id: number }>(base, "POST", "/_emulator/users", {
    email: "bench@example.com",
    memberships: [{ organization_id: organization.id, level: 15 }],
  });
  const { key } = await call<{ key: string }>(base, "POST", "/_emulator/keys", { user_id: user.id });
  const teamId = organization.teams[0]!.id;
  const integration = await call<{ id: number }>(base, "POST", `/api/projects/${teamId}/integrations/`, {
    kind: "aws-s3",
    config: { aws_access_key_id: "AKIABENCH", aws_secret_access_key: "bench-secret" },
  }, key);
  const created = await call<{ id: string }>(base, "POST", `/api/projects/${teamId}/batch_exports/`, {
    name: "Bench S3 export",
    interval: "hour",
    destination: {
      type: "AwsS3",
      integration: integration.id,
      config: { bucket_name: "bench-bucket", region: "us-east-1", prefix: "posthog/", file_format: "JSONLines" },
    },
  }, key);
  await call(base, "POST", "/_emulator/logs", {
    batch_export_id: created.id,
    count: LINES,
    // 100,000 lines over the last ~hour; 36 ms apart, so the view's cursors see no ties here.
    step_ms: 36,
    levels: ["DEBUG", "INFO", "INFO", "INFO", "INFO", "WARNING", "INFO", "ERROR"],
    instance_ids: ["0190c3d4-1111-7000-8000-000000000001", "0190c3d4-1111-7000-8000-000000000002", ""],
    message_prefix: "Batch exporting range 2026-01-15T10:00:00+00:00 - 2026-01-15T11:00:00+00:00 to S3: s3://bench-bucket/posthog/ part ",
  });
  return { key, organizationId: organization.id, teamId, exportId: created.id };
}

// ---------------------------------------------------------------------------------------------------------
// In the browser

async function signIn(page: Page, appUrl: string, key: string): Promise<void> {
  await page.goto(`${appUrl}/sign-in`);
  await page.getByLabel("Local PostHog").check();
  await page.getByLabel("Personal API key").fill(key);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("heading", { name: "Organizations", level: 1 }).waitFor();
}

/** How many lines the view holds, as it says. */
async function heldLines(page: Page): Promise<number> {
  return page.getByTestId("log-viewport").evaluate((el) => Number(el.getAttribute("data-line-count") ?? NaN));
}

/** Pages back with the view's own "load older" until PostHog has nothing older. */
async function loadEverything(page: Page): Promise<{ pages: number }> {
  const older = page.getByRole("button", { name: /load older/i });
  let pages = 0;
  for (;;) {
    const before = await heldLines(page);
    if (!(await older.isVisible()) || before >= LINES) break;
    await older.click();
    pages += 1;
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="log-viewport"]')?.getAttribute("data-line-count")) > n,
      before,
      { timeout: 30_000 },
    );
  }
  return { pages };
}

interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  over50: number;
}

/**
 * Scrolls the viewport by script, one step per animation frame, recording the time between frames: each
 * delta includes the scroll handling, React's render of the new rows, layout and paint.
 */
async function scrollFrames(page: Page, mode: "top-to-bottom" | "wheel"): Promise<FrameStats> {
  const deltas = await page.getByTestId("log-viewport").evaluate(
    (viewport, { frames, mode }) =>
      new Promise<number[]>((resolve) => {
        const max = viewport.scrollHeight - viewport.clientHeight;
        const start = mode === "wheel" ? Math.floor(max / 2) : 0;
        viewport.scrollTop = start;
        const recorded: number[] = [];
        let last = 0;
        let frame = 0;
        const step = (now: number) => {
          if (frame > 0) recorded.push(now - last);
          last = now;
          frame += 1;
          viewport.scrollTop = mode === "wheel" ? start + frame * 100 : Math.round((max * frame) / frames);
          if (frame > frames) resolve(recorded);
          else requestAnimationFrame(step);
        };
        // Two frames first, so the jump to the start is not counted.
        requestAnimationFrame(() => requestAnimationFrame(step));
      }),
    { frames: SCROLL_FRAMES, mode },
  );
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  return { frames: sorted.length, p50: at(50), p95: at(95), max: sorted[sorted.length - 1] ?? NaN, over50: sorted.filter((d) => d > 50).length };
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const used = metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? NaN;
  return used / 1024 / 1024;
}

// ---------------------------------------------------------------------------------------------------------

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "-");
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const seconds = (ms: number) => `${fmt(ms / 1000, 2)} s`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  // NEXT_DIST_DIR picks another build directory (next.config.js), so parallel builds do not clobber each other.
  const distDir = process.env.NEXT_DIST_DIR || ".next";
  if (!existsSync(`${distDir}/BUILD_ID`)) {
    console.error(`No built app in ${distDir}: run npx next build first.`);
    process.exit(2);
  }
  const totalStart = performance.now();
  const loadBefore = loadavg()[0]!;
  // Quick, always-successful runs, so a backfill writes lines steadily during the "following" window.
  const emulator = createEmulator({ simulation: { failureRate: 0, startingSeconds: 0.5, backfillRunSeconds: 1.5, maxConcurrentBackfills: 5 } });
  const running = await startEmulator(emulator, 0);
  const apiRequests = async () => (await call<{ api_requests: number }>(running.url, "GET", "/_emulator/state")).api_requests;
  const linesInDb = () =>
    (emulator.db.prepare("SELECT COUNT(*) AS n FROM log_entries").get() as { n: number }).n;

  let app: { url: string; stop(): void } | null = null;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  try {
    const seedStart = performance.now();
    const world = await arrange(running.url);
    const seedMs = performance.now() - seedStart;
    app = await startApp(running.url);
    console.log(`Local PostHog at ${running.url}, app at ${app.url}; ${int(LINES)} lines inserted in ${seconds(seedMs)}.`);

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // tsx compiles with keepNames, which wraps named functions in the page scripts below in `__name(...)`,
    // a helper that exists only in Node.
    await page.addInitScript({ content: "globalThis.__name = (fn) => fn;" });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    await signIn(page, app.url, world.key);

    const logsUrl = `${app.url}/organizations/${world.organizationId}/batch-exports/${world.exportId}?tab=logs`;
    const openStart = performance.now();
    await page.goto(logsUrl);
    await page.getByTestId("log-line").first().waitFor();
    const firstRenderMs = performance.now() - openStart;
    const firstHeld = await heldLines(page);
    const heapFirst = await heapMb(cdp);
    console.log(`First lines after ${seconds(firstRenderMs)} (${int(firstHeld)} held).`);

    const loadStart = performance.now();
    const requestsBeforeLoad = await apiRequests();
    const { pages } = await loadEverything(page);
    const loadMs = performance.now() - loadStart;
    const loadRequests = (await apiRequests()) - requestsBeforeLoad;
    const held = await heldLines(page);
    const listHeight = await page.getByTestId("log-viewport").evaluate((el) => el.scrollHeight);
    console.log(
      `Loaded ${int(held)} lines in ${seconds(loadMs)} (${pages} clicks, ${loadRequests} upstream requests); ` +
        `the list is ${int(listHeight)} px tall, ${int(listHeight / SCROLL_FRAMES)} px per frame top → bottom.`,
    );

    const jump = await scrollFrames(page, "top-to-bottom");
    const wheel = await scrollFrames(page, "wheel");
    const domNodes = await page.evaluate(() => document.getElementsByTagName("*").length);
    const renderedLines = await page.getByTestId("log-line").count();
    const heap = await heapMb(cdp);

    // Idle at the live end: only the view's polls reach PostHog.
    await page.getByTestId("log-viewport").evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await sleep(3000);
    const idleStart = await apiRequests();
    await sleep(WINDOW_SECONDS * 1000);
    const idlePerMinute = (((await apiRequests()) - idleStart) * 60) / WINDOW_SECONDS;

    // Following: a backfill over the last day writes lines while the view sits at the live end.
    const hour = 3_600_000;
    const end = Math.floor(Date.now() / hour) * hour;
    await call(running.url, "POST", `/api/projects/${world.teamId}/batch_exports/${world.exportId}/backfills/`, {
      start_at: new Date(end - 24 * hour).toISOString(),
      end_at: new Date(end).toISOString(),
    }, world.key);
    const linesBefore = linesInDb();
    const followStart = await apiRequests();
    await sleep(WINDOW_SECONDS * 1000);
    const followPerMinute = (((await apiRequests()) - followStart) * 60) / WINDOW_SECONDS;
    const written = linesInDb() - linesBefore;
    const newest = emulator.db
      .prepare("SELECT message FROM log_entries WHERE log_source_id = ? ORDER BY timestamp DESC, seq DESC LIMIT 1")
      .get(world.exportId) as { message: string };
    await sleep(3000);
    const showsNewest = await page.getByTestId("log-line").filter({ hasText: newest.message }).count() > 0;

    console.log("\n## Logs tab, 100,000 lines\n");
    console.log(
      table(
        ["measure", "value"],
        [
          ["time to first render of lines (navigation → first line)", seconds(firstRenderMs)],
          [`time to load ${int(LINES)} lines ("load older" ×${pages}, ${loadRequests} upstream requests)`, seconds(loadMs)],
          ["lines held after loading", int(held)],
          [`frame time, scroll top → bottom in ${SCROLL_FRAMES} frames: p50 / p95 / max`, `${fmt(jump.p50)} / ${fmt(jump.p95)} / ${fmt(jump.max)} ms`],
          [`  frames over 50 ms`, `${jump.over50} of ${jump.frames}`],
          [`frame time, scroll 100 px per frame for ${SCROLL_FRAMES} frames: p50 / p95 / max`, `${fmt(wheel.p50)} / ${fmt(wheel.p95)} / ${fmt(wheel.max)} ms`],
          [`  frames over 50 ms`, `${wheel.over50} of ${wheel.frames}`],
          ["DOM nodes (whole page) / log-line elements rendered", `${int(domNodes)} / ${int(renderedLines)}`],
          [`JS heap used (CDP, after GC): ${int(firstHeld)} lines / ${int(held)} lines`, `${fmt(heapFirst)} / ${fmt(heap)} MB`],
          [`upstream requests/min, idle at the live end (${WINDOW_SECONDS} s)`, fmt(idlePerMinute)],
          [`upstream requests/min, following a backfill (${WINDOW_SECONDS} s, ${int(written)} new lines)`, fmt(followPerMinute)],
          ["newest line shown while following", showsNewest ? "yes" : "no"],
        ],
      ),
    );
    console.log(
      `\nTotal ${seconds(performance.now() - totalStart)}. Machine: ${cpus().length} CPUs, 1-min load average ` +
        `${fmt(loadBefore, 2)} at start, ${fmt(loadavg()[0]!, 2)} at end (above ~1 means other work shared the CPUs).`,
    );
  } finally {
    await browser.close();
    app?.stop();
    await running.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
