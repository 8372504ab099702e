/**
 * `/api/projects/:id/batch_exports/:id/runs/`: cursor pagination (100 a page, no `count`), the default 7-day
 * window and its `after`/`before`/`start`/`end` bounds, `status` filters, ordering, retrieve, retry, cancel,
 * the read-only verbs, and a run's logs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3ExportBody, startHarness, T0, type Harness, type World } from "../test-support/http-harness";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, "Z");
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Run {
  id: string;
  status: string;
  created_at: string;
  finished_at: string | null;
  data_interval_start: string | null;
  data_interval_end: string;
  backfill: string | null;
  records_completed: number | null;
  [field: string]: unknown;
}
interface RunsPage {
  next: string | null;
  previous: string | null;
  results: Run[];
}

let h: Harness;
let world: World;
let teamId: number;
/** An hourly export created at T0 that ran for 8 days (192 runs), then was paused. */
let hourly: string;
/** The clock after the hourly export's history: T0 + 8 days + 30 seconds. */
const NOW = T0 + 8 * DAY + 30 * SECOND;

beforeAll(async () => {
  h = await startHarness();
  // Let one clock jump schedule every missed interval, so 8 days of hourly runs take a single tick.
  await h.control("POST", "settings", { simulation: { maxCatchUpIntervals: 100_000 } });
  world = await h.world({ flags: ["high-frequency-batch-exports"] });
  teamId = world.teamIds[0]!;
  const created = await h.post(`/api/projects/${teamId}/batch_exports/`, await s3ExportBody(h, world), world.key);
  expect(created.status).toBe(201);
  hourly = created.body.id;
  await h.control("POST", "clock", { now: T0 + 8 * DAY });
  await h.advance(30);
  expect(await h.post(`/api/projects/${teamId}/batch_exports/${hourly}/pause/`, {}, world.key)).toMatchObject({ status: 200 });
  await h.control("POST", "settings", { simulation: { maxCatchUpIntervals: 3 } });
});
afterAll(async () => {
  await h.close();
});

const runsPath = (exportId: string) => `/api/projects/${teamId}/batch_exports/${exportId}/runs/`;

async function page(pathOrUrl: string): Promise<RunsPage> {
  const path = pathOrUrl.startsWith("http") ? pathOrUrl.slice(h.url.length) : pathOrUrl;
  const r = await h.get<RunsPage>(path, world.key);
  expect(r.status).toBe(200);
  expect(Object.keys(r.body).sort()).toEqual(["next", "previous", "results"]);
  return r.body;
}

/** Every page of a listing, following `next`. */
async function all(path: string): Promise<Run[]> {
  const out: Run[] = [];
  let next: string | null = path;
  while (next) {
    const p: RunsPage = await page(next);
    out.push(...p.results);
    next = p.next;
  }
  return out;
}

const createdAts = (runs: Run[]) => runs.map((r) => r.created_at);
/** created_at of the hourly export's runs, newest first, between two instants (inclusive). */
function hourlyRange(fromMs: number, toMs: number): string[] {
  const out: string[] = [];
  for (let t = toMs; t >= fromMs; t -= HOUR) out.push(iso(t));
  return out;
}

describe("listing", () => {
  it("is cursor-paginated: 100 newest first, no count, absolute next/previous URLs that work", async () => {
    const first = await page(runsPath(hourly));
    expect(first.results).toHaveLength(100);
    expect(first.previous).toBeNull();
    expect(first.next).toMatch(new RegExp(`^${escape(h.url)}/api/projects/${teamId}/batch_exports/${hourly}/runs/\\?cursor=[^&]+$`));
    // Default window: created in the last 7 days (now - 7d = T0 + 1d + 30s), newest first.
    expect(createdAts(first.results)).toEqual(hourlyRange(T0 + 8 * DAY - 99 * HOUR, T0 + 8 * DAY));

    const second = await page(first.next!);
    expect(second.next).toBeNull();
    expect(second.previous).toMatch(new RegExp(`^${escape(h.url)}/api/projects/${teamId}/batch_exports/${hourly}/runs/\\?cursor=`));
    expect(createdAts(second.results)).toEqual(hourlyRange(T0 + DAY + HOUR, T0 + 8 * DAY - 100 * HOUR));

    const back = await page(second.previous!);
    expect(back.results.map((r) => r.id)).toEqual(first.results.map((r) => r.id));
    expect(back.previous).toBeNull();
    expect(back.next).not.toBeNull();

    // The page size is fixed.
    expect((await page(`${runsPath(hourly)}?limit=5`)).results).toHaveLength(100);
  });

  it("hides runs older than 7 days unless `after` reaches back; `after`/`before` are inclusive", async () => {
    const window = await all(runsPath(hourly));
    expect(window).toHaveLength(7 * 24);
    expect(window.at(-1)!.created_at).toBe(iso(T0 + DAY + HOUR));

    const everything = await all(`${runsPath(hourly)}?after=-30d`);
    expect(createdAts(everything)).toEqual(hourlyRange(T0 + HOUR, T0 + 8 * DAY));

    expect(createdAts(await all(`${runsPath(hourly)}?after=${iso(T0 + DAY)}`))).toEqual(hourlyRange(T0 + DAY, T0 + 8 * DAY));
    expect(createdAts(await all(`${runsPath(hourly)}?after=-30d&before=${iso(T0 + 2 * DAY)}`))).toEqual(
      hourlyRange(T0 + HOUR, T0 + 2 * DAY),
    );
    // Relative values on both ends: now - 8d = T0 + 30s, now - 7d = T0 + 1d + 30s.
    expect(createdAts(await all(`${runsPath(hourly)}?after=-8d&before=-7d`))).toEqual(hourlyRange(T0 + HOUR, T0 + DAY));
    expect(createdAts(await all(`${runsPath(hourly)}?after=-3h`))).toEqual(hourlyRange(NOW - 3 * HOUR + 30 * SECOND, T0 + 8 * DAY));
  });

  it("orders by created_at or data_interval_start (with start/end), and ignores unknown orderings", async () => {
    const ascending = await page(`${runsPath(hourly)}?ordering=created_at`);
    expect(createdAts(ascending.results)).toEqual(hourlyRange(T0 + DAY + HOUR, T0 + DAY + 100 * HOUR).reverse());
    const ascendingNext = await page(ascending.next!);
    expect(ascendingNext.next).toBeNull();
    expect(ascendingNext.results[0]!.created_at).toBe(iso(T0 + DAY + 101 * HOUR));

    const between = `start=${iso(T0 + 2 * DAY)}&end=${iso(T0 + 2 * DAY + 5 * HOUR)}`;
    const intervals = (runs: Run[]) => runs.map((r) => [r.data_interval_start, r.data_interval_end]);
    const fiveHours = [0, 1, 2, 3, 4].map((k) => [iso(T0 + 2 * DAY + k * HOUR), iso(T0 + 2 * DAY + (k + 1) * HOUR)]);
    expect(intervals((await page(`${runsPath(hourly)}?ordering=data_interval_start&${between}`)).results)).toEqual(fiveHours);
    expect(intervals((await page(`${runsPath(hourly)}?ordering=-data_interval_start&${between}`)).results)).toEqual(
      [...fiveHours].reverse(),
    );
    // `end` bounds data_interval_end: an interval that ends after it is left out.
    const partial = `start=${iso(T0 + 2 * DAY)}&end=${iso(T0 + 2 * DAY + 4 * HOUR + 30 * MINUTE)}`;
    expect(intervals((await page(`${runsPath(hourly)}?ordering=data_interval_start&${partial}`)).results)).toEqual(
      fiveHours.slice(0, 4),
    );
    // Ordering by the data interval ignores `after`/`before`...
    expect(
      (await page(`${runsPath(hourly)}?ordering=data_interval_start&${between}&after=-1h&before=-30m`)).results,
    ).toHaveLength(5);
    // ...and its own window defaults to the last 7 days of data_interval_start.
    const byInterval = await all(`${runsPath(hourly)}?ordering=data_interval_start`);
    expect(byInterval).toHaveLength(7 * 24 - 1);
    expect(byInterval[0]!.data_interval_start).toBe(iso(T0 + DAY + HOUR));

    const byDefault = (await page(runsPath(hourly))).results.map((r) => r.id);
    for (const unknown of ["bogus", "status", "-records_completed"]) {
      expect((await page(`${runsPath(hourly)}?ordering=${unknown}`)).results.map((r) => r.id)).toEqual(byDefault);
    }
  });

  it("answers 404 'Invalid cursor' for a cursor it cannot decode", async () => {
    const r = await h.get(`${runsPath(hourly)}?cursor=not-a-cursor`, world.key);
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ type: "invalid_request", code: "not_found", detail: "Invalid cursor", attr: null });
  });

  it("is read-only: PUT/PATCH/DELETE/POST on the collection or a run answer 405", async () => {
    const run = (await page(runsPath(hourly))).results[0]!;
    for (const path of [runsPath(hourly), `${runsPath(hourly)}${run.id}/`]) {
      for (const method of ["PUT", "PATCH", "DELETE", "POST"]) {
        const r = await h.request(method, path, { key: world.key, body: {} });
        expect(r.status).toBe(405);
        expect(r.body).toEqual({
          type: "invalid_request",
          code: "method_not_allowed",
          detail: `Method "${method}" not allowed.`,
          attr: null,
        });
      }
    }
  });
});

describe("a five-minute export's runs", () => {
  let fast: string;
  let boundary: number;

  beforeAll(async () => {
    const body = await s3ExportBody(h, world, teamId, { name: "Every 5 minutes", interval: "every 5 minutes" });
    const created = await h.post(`/api/projects/${teamId}/batch_exports/`, body, world.key);
    expect(created.status).toBe(201);
    fast = created.body.id;
    boundary = Math.floor(NOW / (5 * MINUTE)) * 5 * MINUTE + 5 * MINUTE;
    // Two Completed, two Failed, then one Starting.
    await h.control("POST", "clock", { now: boundary + 30 * SECOND });
    await h.control("POST", "clock", { now: boundary + 5 * MINUTE + 30 * SECOND });
    await h.control("POST", "settings", { simulation: { failureRate: 1 } });
    await h.control("POST", "clock", { now: boundary + 10 * MINUTE + 30 * SECOND });
    await h.control("POST", "clock", { now: boundary + 15 * MINUTE + 30 * SECOND });
    await h.control("POST", "settings", { simulation: { failureRate: 0 } });
    await h.control("POST", "clock", { now: boundary + 20 * MINUTE });
  });

  it("filters by status (repeatable) and rejects an unknown status", async () => {
    const statuses = async (query: string) => (await page(`${runsPath(fast)}${query}`)).results.map((r) => r.status);
    expect(await statuses("")).toEqual(["Starting", "Failed", "Failed", "Completed", "Completed"]);
    expect(await statuses("?status=Failed")).toEqual(["Failed", "Failed"]);
    expect(await statuses("?status=Completed")).toEqual(["Completed", "Completed"]);
    expect(await statuses("?status=Failed&status=Starting")).toEqual(["Starting", "Failed", "Failed"]);
    expect(await statuses("?status=Running")).toEqual([]);

    const bad = await h.get(`${runsPath(fast)}?status=Bogus`, world.key);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      type: "validation_error",
      code: "invalid_choice",
      detail: '"Bogus" is not a valid choice.',
      attr: "status__0",
    });
    const second = await h.get(`${runsPath(fast)}?status=Completed&status=completed`, world.key);
    expect(second.status).toBe(400);
    expect(second.body).toEqual({
      type: "validation_error",
      code: "invalid_choice",
      detail: '"completed" is not a valid choice.',
      attr: "status__1",
    });
  });

  it("retrieves a run, and answers 404 for an unknown run or one of another export", async () => {
    const [run] = (await page(runsPath(fast))).results;
    const one = await h.get(`${runsPath(fast)}${run!.id}/`, world.key);
    expect(one.status).toBe(200);
    expect(one.body).toEqual(run);
    const notFound = { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null };
    for (const path of [`${runsPath(fast)}${crypto.randomUUID()}/`, `${runsPath(hourly)}${run!.id}/`]) {
      const r = await h.get(path, world.key);
      expect(r.status).toBe(404);
      expect(r.body).toEqual(notFound);
    }
    const cancel = await h.post(`${runsPath(fast)}${crypto.randomUUID()}/cancel/`, {}, world.key);
    expect(cancel.status).toBe(404);
    expect(cancel.body).toEqual(notFound);
  });

  it("cancels a Starting or Running run; other statuses answer 400", async () => {
    const [starting] = (await page(`${runsPath(fast)}?status=Starting`)).results;
    const now = boundary + 20 * MINUTE;
    expect(starting!.created_at).toBe(iso(now));
    const cancelled = await h.post(`${runsPath(fast)}${starting!.id}/cancel/`, {}, world.key);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ cancelled: true });
    await h.advance(30);
    expect((await h.get(`${runsPath(fast)}${starting!.id}/`, world.key)).body).toEqual({
      ...starting,
      status: "Cancelled",
      finished_at: iso(now),
      last_updated_at: iso(now),
    });

    // The next one, once Running.
    await h.control("POST", "clock", { now: boundary + 25 * MINUTE });
    await h.advance(2);
    const [running] = (await page(`${runsPath(fast)}?status=Running`)).results;
    expect(running!.created_at).toBe(iso(boundary + 25 * MINUTE));
    expect(await h.post(`${runsPath(fast)}${running!.id}/cancel/`, {}, world.key)).toMatchObject({
      status: 200,
      body: { cancelled: true },
    });
    await h.advance(30);
    const after = (await h.get(`${runsPath(fast)}${running!.id}/`, world.key)).body;
    expect(after).toMatchObject({ status: "Cancelled", finished_at: iso(boundary + 25 * MINUTE + 2 * SECOND) });
    expect(after.records_completed).toBeNull();

    for (const status of ["Completed", "Failed", "Cancelled"]) {
      const [run] = (await page(`${runsPath(fast)}?status=${status}`)).results;
      const r = await h.post(`${runsPath(fast)}${run!.id}/cancel/`, {}, world.key);
      expect(r.status).toBe(400);
      expect(r.body).toEqual({
        type: "validation_error",
        code: "invalid_input",
        detail: `Cannot cancel a run that is in '${status}' status`,
        attr: null,
      });
      expect((await h.get(`${runsPath(fast)}${run!.id}/`, world.key)).body.status).toBe(status);
    }
  });

  it("retries a run as a one-interval backfill (201 {backfill_id}) that runs the same interval", async () => {
    const [failed] = (await page(`${runsPath(fast)}?status=Failed`)).results;
    const retry = await h.post(`${runsPath(fast)}${failed!.id}/retry/`, {}, world.key);
    expect(retry.status).toBe(201);
    expect(Object.keys(retry.body)).toEqual(["backfill_id"]);
    expect(retry.body.backfill_id).toMatch(UUID4);
    const backfillId = retry.body.backfill_id as string;

    const backfillPath = `/api/projects/${teamId}/batch_exports/${fast}/backfills/${backfillId}/`;
    const backfill = await h.get(backfillPath, world.key);
    expect(backfill.status).toBe(200);
    expect(backfill.body).toMatchObject({
      id: backfillId,
      batch_export: fast,
      team: teamId,
      start_at: failed!.data_interval_start,
      end_at: failed!.data_interval_end,
      status: "Starting",
    });

    await h.advance(20);
    const rerun = (await all(runsPath(fast))).filter((r) => r.backfill === backfillId);
    expect(rerun).toHaveLength(1);
    expect(rerun[0]).toMatchObject({
      status: "Completed",
      data_interval_start: failed!.data_interval_start,
      data_interval_end: failed!.data_interval_end,
      batch_export: fast,
    });
    expect(rerun[0]!.id).not.toBe(failed!.id);
    expect((await h.get(backfillPath, world.key)).body).toMatchObject({
      status: "Completed",
      progress: { total_runs: 1, finished_runs: 1, progress: 1 },
    });
    // The original run is untouched.
    expect((await h.get(`${runsPath(fast)}${failed!.id}/`, world.key)).body).toEqual(failed);
  });
});

describe("a run's logs", () => {
  it("returns only that run's lines, newest first, whatever instance_id says", async () => {
    const [run, other] = (await page(runsPath(hourly))).results.slice(1, 3);
    const expected = {
      count: 3,
      next: null,
      previous: null,
      results: [
        expect.objectContaining({ instance_id: run!.id, log_source_id: hourly, level: "INFO", timestamp: run!.finished_at }),
        expect.objectContaining({ instance_id: run!.id, log_source_id: hourly, level: "INFO" }),
        expect.objectContaining({ instance_id: run!.id, log_source_id: hourly, level: "DEBUG", timestamp: run!.created_at }),
      ],
    };
    const logs = await h.get(`${runsPath(hourly)}${run!.id}/logs/`, world.key);
    expect(logs.status).toBe(200);
    expect(logs.body).toEqual(expected);
    const overridden = await h.get(`${runsPath(hourly)}${run!.id}/logs/?instance_id=${other!.id}`, world.key);
    expect(overridden.body).toEqual(expected);

    const missing = await h.get(`${runsPath(hourly)}${crypto.randomUUID()}/logs/`, world.key);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ type: "invalid_request", code: "not_found", detail: "Not found.", attr: null });
  });
});
