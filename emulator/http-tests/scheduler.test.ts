/**
 * The simulated scheduler seen over HTTP, on the manual clock: scheduled runs at interval boundaries, their
 * Starting → Running → Completed/Failed lifecycle with log lines, pause/unpause, start_at/end_at bounds,
 * daily schedules in a timezone with an offset hour, and `latest_runs` on the export.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3ExportBody, startHarness, type Harness, type World } from "../test-support/http-harness";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** DRF's rendering of a whole-second UTC datetime. */
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, "Z");
/** Python's `isoformat()` of the same instant, as PostHog's log messages print ranges. */
const py = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, "+00:00");
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let h: Harness;
let sim: { startingSeconds: number; runSeconds: number };

beforeAll(async () => {
  h = await startHarness();
  sim = (await h.control("GET", "state")).body.simulation;
});
afterAll(async () => {
  await h.close();
});

async function now(): Promise<number> {
  const r = await h.control("GET", "clock");
  return Date.parse(r.body.now);
}

/** Moves the clock forward (in the scheduler's small steps) until it reads `target`. */
async function advanceTo(target: number): Promise<void> {
  const current = await now();
  expect(target).toBeGreaterThanOrEqual(current);
  if (target > current) await h.advance((target - current) / SECOND);
}

/** Sets the clock straight to `target` with a single scheduler tick (for long, uneventful spans). */
async function jumpTo(target: number): Promise<void> {
  const r = await h.control("POST", "clock", { now: target });
  expect(r.status).toBe(200);
}

const nextBoundary = (ms: number, step: number) => Math.floor(ms / step) * step + step;

async function createExport(world: World, overrides: Record<string, unknown> = {}, teamId = world.teamIds[0]!) {
  const body = await s3ExportBody(h, world, teamId, overrides);
  const r = await h.post(`/api/projects/${teamId}/batch_exports/`, body, world.key);
  expect(r.status).toBe(201);
  return r.body as { id: string; team_id: number } & Record<string, unknown>;
}

const exportPath = (world: World, id: string) => `/api/projects/${world.teamIds[0]}/batch_exports/${id}`;

async function runsOf(world: World, id: string, query = "") {
  const r = await h.get(`${exportPath(world, id)}/runs/${query}`, world.key);
  expect(r.status).toBe(200);
  return r.body.results as Array<Record<string, unknown> & { id: string; status: string; latest_error: string | null }>;
}

async function logsOf(world: World, id: string, query: string) {
  const r = await h.get(`${exportPath(world, id)}/logs/${query}`, world.key);
  expect(r.status).toBe(200);
  return r.body.results as Array<{ log_source_id: string; instance_id: string; timestamp: string; level: string; message: string }>;
}

async function remove(world: World, id: string) {
  expect((await h.del(`${exportPath(world, id)}/`, world.key)).status).toBe(204);
}

describe("hourly schedule", () => {
  it("creates a run at each hour boundary that goes Starting → Running → Completed with its log lines", async () => {
    const world = await h.world();
    const created = await now();
    const exp = await createExport(world);
    const boundary = nextBoundary(created, HOUR);
    const runningAt = boundary + sim.startingSeconds * SECOND;
    const finishAt = runningAt + sim.runSeconds * SECOND;

    await jumpTo(boundary - SECOND);
    expect(await runsOf(world, exp.id)).toEqual([]);

    await advanceTo(boundary);
    const [starting, ...others] = await runsOf(world, exp.id);
    expect(others).toEqual([]);
    expect(starting).toEqual({
      id: expect.stringMatching(UUID),
      status: "Starting",
      records_completed: null,
      records_failed: null,
      latest_error: null,
      data_interval_start: iso(boundary - HOUR),
      data_interval_end: iso(boundary),
      cursor: null,
      created_at: iso(boundary),
      finished_at: null,
      last_updated_at: iso(boundary),
      records_total_count: null,
      bytes_exported: null,
      batch_export: exp.id,
      backfill: null,
      batch_export_on_demand: null,
    });
    const runId = starting!.id as string;

    await advanceTo(runningAt);
    const running = await h.get(`${exportPath(world, exp.id)}/runs/${runId}/`, world.key);
    expect(running.status).toBe(200);
    expect(running.body).toEqual({
      ...starting,
      status: "Running",
      records_total_count: expect.any(Number),
      last_updated_at: iso(runningAt),
    });
    const total = running.body.records_total_count as number;
    expect(total).toBeGreaterThan(0);

    await advanceTo(finishAt - SECOND);
    expect((await runsOf(world, exp.id))[0]!.status).toBe("Running");

    await advanceTo(finishAt);
    const [completed] = await runsOf(world, exp.id);
    expect(completed).toEqual({
      ...starting,
      status: "Completed",
      records_completed: total,
      records_total_count: total,
      bytes_exported: expect.any(Number),
      finished_at: iso(finishAt),
      last_updated_at: iso(finishAt),
    });
    expect(completed!.bytes_exported).toBeGreaterThan(0);

    const range = `${py(boundary - HOUR)} - ${py(boundary)}`;
    expect(await logsOf(world, exp.id, `?instance_id=${runId}`)).toEqual([
      {
        log_source_id: exp.id,
        instance_id: runId,
        timestamp: iso(finishAt),
        level: "INFO",
        message: `Batch export for range ${range} finished successfully with ${total} records exported`,
      },
      {
        log_source_id: exp.id,
        instance_id: runId,
        timestamp: iso(runningAt),
        level: "INFO",
        message: `Batch exporting range ${range} to S3: posthog/${py(boundary - HOUR)}-${py(boundary)}.jsonl`,
      },
      {
        log_source_id: exp.id,
        instance_id: runId,
        timestamp: iso(boundary),
        level: "DEBUG",
        message: `Starting batch export for range ${range}`,
      },
    ]);

    // The next boundary brings the next interval, and nothing in between.
    await jumpTo(boundary + HOUR - SECOND);
    expect(await runsOf(world, exp.id)).toHaveLength(1);
    await advanceTo(boundary + HOUR);
    const runs = await runsOf(world, exp.id);
    expect(runs.map((r) => [r.status, r.data_interval_start, r.data_interval_end, r.created_at])).toEqual([
      ["Starting", iso(boundary), iso(boundary + HOUR), iso(boundary + HOUR)],
      ["Completed", iso(boundary - HOUR), iso(boundary), iso(boundary)],
    ]);
    await remove(world, exp.id);
  });

  it("fails runs when the failure rate is 1: status Failed, latest_error per destination, WARNING and ERROR lines", async () => {
    const world = await h.world();
    const teamId = world.teamIds[0]!;
    const s3 = await createExport(world);
    const http = await h.post(
      `/api/projects/${teamId}/batch_exports/`,
      {
        name: "HTTP export",
        interval: "hour",
        destination: { type: "HTTP", config: { url: "https://us.i.posthog.com/batch/", token: "phc_destination" } },
      },
      world.key,
    );
    expect(http.status).toBe(201);
    expect((await h.control("POST", "settings", { simulation: { failureRate: 1 } })).status).toBe(200);
    try {
      const boundary = nextBoundary(await now(), HOUR);
      const runningAt = boundary + sim.startingSeconds * SECOND;
      const finishAt = runningAt + sim.runSeconds * SECOND;
      await jumpTo(boundary - SECOND);
      await advanceTo(finishAt);

      const range = `${py(boundary - HOUR)} - ${py(boundary)}`;
      const expectations: Array<[string, RegExp]> = [
        [
          s3.id,
          /^(NoSuchBucket|ClientError): An error occurred \((NoSuchBucket|AccessDenied|InvalidAccessKeyId|PermanentRedirect)\) when calling the CreateMultipartUpload operation: .+/,
        ],
        [http.body.id, /^(NonRetryable|Retryable)ResponseError: (Non-retryable|Retryable) \d{3} response from https:\/\/us\.i\.posthog\.com\/batch\/: .+/],
      ];
      for (const [id, errorPattern] of expectations) {
        const [run, ...rest] = await runsOf(world, id);
        expect(rest).toEqual([]);
        expect(run).toMatchObject({
          status: "Failed",
          records_completed: null,
          bytes_exported: null,
          finished_at: iso(finishAt),
          last_updated_at: iso(finishAt),
          data_interval_start: iso(boundary - HOUR),
          data_interval_end: iso(boundary),
        });
        const error = run!.latest_error as string;
        expect(error).toMatch(errorPattern);

        const lines = await logsOf(world, id, `?instance_id=${run!.id}`);
        expect(lines.map((l) => l.level)).toEqual(["ERROR", "WARNING", "INFO", "DEBUG"]);
        expect(lines[0]).toEqual({
          log_source_id: id,
          instance_id: run!.id,
          timestamp: iso(finishAt),
          level: "ERROR",
          message: `Batch export for range ${range} failed with a non-recoverable error: ${error}`,
        });
        expect(lines[1]!.message).toBe(`Batch export activity failed on attempt 1 and will be retried: ${error}`);
        expect(Date.parse(lines[1]!.timestamp)).toBeGreaterThanOrEqual(runningAt);
        expect(Date.parse(lines[1]!.timestamp)).toBeLessThanOrEqual(finishAt);
        expect(lines[2]!.message).toMatch(new RegExp(`^Batch exporting range ${range.replace(/[+.]/g, "\\$&")} to `));
        expect(lines[3]!.message).toBe(`Starting batch export for range ${range}`);
        // Only failed runs log at WARNING/ERROR.
        expect((await logsOf(world, id, "?level=WARNING,ERROR")).every((l) => l.instance_id === run!.id)).toBe(true);
      }
      // The HTTP destination's lines name its endpoint, not an S3 key.
      const httpLines = await logsOf(world, http.body.id, "?level=INFO");
      expect(httpLines[0]!.message).toBe(`Batch exporting range ${range} to HTTP endpoint: https://us.i.posthog.com/batch/`);
    } finally {
      await h.control("POST", "settings", { simulation: { failureRate: 0 } });
    }
    await remove(world, s3.id);
    await remove(world, http.body.id);
  });
});

describe("paused exports", () => {
  it("get no runs while paused and resume at the next boundary after unpause, without replaying the pause", async () => {
    const world = await h.world();
    const exp = await createExport(world);
    const path = exportPath(world, exp.id);
    expect(await h.post(`${path}/pause/`, {}, world.key)).toMatchObject({ status: 200, body: { paused: true } });

    const boundary = nextBoundary(await now(), HOUR);
    for (let k = 0; k < 3; k++) await jumpTo(boundary + k * HOUR + 30 * MINUTE);
    expect(await runsOf(world, exp.id)).toEqual([]);
    expect((await h.get(`${path}/`, world.key)).body.latest_runs).toEqual([]);

    expect(await h.post(`${path}/unpause/`, {}, world.key)).toMatchObject({ status: 200, body: { paused: false } });
    await jumpTo(boundary + 3 * HOUR - SECOND);
    expect(await runsOf(world, exp.id)).toEqual([]);
    await advanceTo(boundary + 3 * HOUR);
    const runs = await runsOf(world, exp.id);
    expect(runs.map((r) => [r.data_interval_start, r.data_interval_end, r.backfill])).toEqual([
      [iso(boundary + 2 * HOUR), iso(boundary + 3 * HOUR), null],
    ]);
    // A plain unpause starts no backfill.
    expect((await h.get(`${path}/backfills/`, world.key)).body.results).toEqual([]);
    await remove(world, exp.id);
  });
});

describe("start_at / end_at bounds", () => {
  it("schedules runs only between start_at and end_at, and an ended export stops", async () => {
    const world = await h.world();
    const base = nextBoundary(await now(), HOUR);
    const exp = await createExport(world, {
      start_at: iso(base + 30 * MINUTE),
      end_at: iso(base + 3 * HOUR + 30 * MINUTE),
    });
    expect(exp).toMatchObject({ start_at: iso(base + 30 * MINUTE), end_at: iso(base + 3 * HOUR + 30 * MINUTE) });

    // One hour at a time (a jump that crossed several boundaries would only catch up on the latest few).
    const hourly = async (k: number) => {
      await jumpTo(base + k * HOUR - SECOND);
      await advanceTo(base + k * HOUR + 10 * SECOND);
    };
    // The boundary before start_at is skipped.
    await hourly(0);
    await jumpTo(base + 59 * MINUTE);
    expect(await runsOf(world, exp.id)).toEqual([]);

    for (let k = 1; k <= 3; k++) await hourly(k);
    expect((await runsOf(world, exp.id)).map((r) => r.created_at)).toEqual([
      iso(base + 3 * HOUR),
      iso(base + 2 * HOUR),
      iso(base + HOUR),
    ]);

    // After end_at nothing more is scheduled.
    await hourly(4);
    await hourly(5);
    const runs = await runsOf(world, exp.id);
    expect(runs.map((r) => [r.status, r.data_interval_start, r.data_interval_end])).toEqual([
      ["Completed", iso(base + 2 * HOUR), iso(base + 3 * HOUR)],
      ["Completed", iso(base + HOUR), iso(base + 2 * HOUR)],
      ["Completed", iso(base), iso(base + HOUR)],
    ]);
    await remove(world, exp.id);
  });
});

describe("daily schedule in a timezone", () => {
  it("runs at offset_hour in the export's timezone (02:00 Asia/Kolkata = 20:30 UTC)", async () => {
    const world = await h.world();
    const exp = await createExport(world, { interval: "day", timezone: "Asia/Kolkata", offset_hour: 2 });
    expect(exp).toMatchObject({ interval: "day", timezone: "Asia/Kolkata", offset_hour: 2, offset_day: null });

    // 02:00 IST (+05:30) is 20:30 UTC the day before.
    const created = await now();
    let boundary = Math.floor(created / DAY) * DAY + 20 * HOUR + 30 * MINUTE;
    if (boundary <= created) boundary += DAY;

    await jumpTo(boundary - SECOND);
    expect(await runsOf(world, exp.id)).toEqual([]);
    await advanceTo(boundary);
    const [first, ...rest] = await runsOf(world, exp.id);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      status: "Starting",
      created_at: iso(boundary),
      data_interval_start: iso(boundary - DAY),
      data_interval_end: iso(boundary),
    });

    await jumpTo(boundary + DAY - SECOND);
    expect(await runsOf(world, exp.id)).toHaveLength(1);
    await advanceTo(boundary + DAY);
    expect((await runsOf(world, exp.id)).map((r) => [r.data_interval_start, r.data_interval_end])).toEqual([
      [iso(boundary), iso(boundary + DAY)],
      [iso(boundary - DAY), iso(boundary)],
    ]);
    await remove(world, exp.id);
  });
});

describe("latest_runs", () => {
  it("holds the 10 most recent runs, newest first", async () => {
    const world = await h.world({ flags: ["high-frequency-batch-exports"] });
    const exp = await createExport(world, { interval: "every 5 minutes" });
    expect(exp.latest_runs).toEqual([]);
    const boundary = nextBoundary(await now(), 5 * MINUTE);
    for (let k = 0; k < 12; k++) await jumpTo(boundary + k * 5 * MINUTE + 30 * SECOND);

    const runs = await runsOf(world, exp.id);
    expect(runs).toHaveLength(12);
    const detail = await h.get(`${exportPath(world, exp.id)}/`, world.key);
    expect(detail.status).toBe(200);
    expect(detail.body.latest_runs).toEqual(runs.slice(0, 10));
    expect(detail.body.latest_runs[0].created_at).toBe(iso(boundary + 11 * 5 * MINUTE));
    expect(detail.body.latest_runs[9].created_at).toBe(iso(boundary + 2 * 5 * MINUTE));

    const list = await h.get(`/api/projects/${world.teamIds[0]}/batch_exports/`, world.key);
    expect(list.body.results.find((e: { id: string }) => e.id === exp.id).latest_runs).toEqual(runs.slice(0, 10));
    await remove(world, exp.id);
  });
});
