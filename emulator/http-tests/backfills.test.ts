/**
 * `/api/projects/:id/batch_exports/:id/backfills/`: creating one (201 `{backfill_id}`), every rule of
 * PostHog's `create_backfill` in its order with its exact messages, the runs a backfill makes, `progress`,
 * cursor pagination (50 a page), cancel, and the verbs that do not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3ExportBody, startHarness, T0, type Harness, type World } from "../test-support/http-harness";

const HOUR = 3_600_000;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, "Z");
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

type Body = Record<string, unknown>;
interface Run {
  id: string;
  status: string;
  backfill: string | null;
  data_interval_start: string | null;
  data_interval_end: string;
  created_at: string;
  finished_at: string;
  records_completed: number;
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function now(): Promise<number> {
  return Date.parse((await h.control("GET", "clock")).body.now);
}

async function settings(simulation: Record<string, number>) {
  expect((await h.control("POST", "settings", { simulation })).status).toBe(200);
}

async function createExport(world: World, overrides: Record<string, unknown> = {}, teamId = world.teamIds[0]!) {
  const r = await h.post(`/api/projects/${teamId}/batch_exports/`, await s3ExportBody(h, world, teamId, overrides), world.key);
  expect(r.status).toBe(201);
  return r.body.id as string;
}

function paths(world: World, exportId: string, teamId = world.teamIds[0]!) {
  const exportPath = `/api/projects/${teamId}/batch_exports/${exportId}`;
  return { backfills: `${exportPath}/backfills/`, runs: `${exportPath}/runs/` };
}

async function backfill(world: World, exportId: string, body: Body) {
  return h.post(paths(world, exportId).backfills, body, world.key);
}

async function created(world: World, exportId: string, body: Body): Promise<string> {
  const r = await backfill(world, exportId, body);
  expect(r.status).toBe(201);
  return r.body.backfill_id as string;
}

async function getBackfill(world: World, exportId: string, id: string): Promise<Body> {
  const r = await h.get(`${paths(world, exportId).backfills}${id}/`, world.key);
  expect(r.status).toBe(200);
  return r.body;
}

async function runsOfBackfill(world: World, exportId: string, id: string): Promise<Run[]> {
  const r = await h.get<{ results: Run[] }>(`${paths(world, exportId).runs}?ordering=created_at`, world.key);
  expect(r.status).toBe(200);
  return r.body.results.filter((run) => run.backfill === id);
}

const invalid = (detail: string) => ({ type: "validation_error", code: "invalid_input", detail, attr: null });

async function expectError(world: World, exportId: string, body: Body, status: number, error: Body) {
  const r = await backfill(world, exportId, body);
  expect({ status: r.status, body: r.body }).toEqual({ status, body: error });
}

describe("creating and running a backfill", () => {
  it("answers 201 {backfill_id}, then runs one interval at a time until progress reaches 100%", async () => {
    const world = await h.world();
    const exportId = await createExport(world);
    const start = T0 - 5 * HOUR;
    const r = await backfill(world, exportId, { start_at: "2026-01-15T07:00:00+00:00", end_at: "2026-01-15T12:00:00Z" });
    expect(r.status).toBe(201);
    expect(Object.keys(r.body)).toEqual(["backfill_id"]);
    expect(r.body.backfill_id).toMatch(UUID4);
    const id = r.body.backfill_id as string;
    const createdAt = await now();

    expect(await getBackfill(world, exportId, id)).toEqual({
      id,
      progress: { total_runs: 5, finished_runs: 0, progress: 0 },
      start_at: iso(start),
      end_at: iso(T0),
      status: "Starting",
      created_at: iso(createdAt),
      finished_at: null,
      last_updated_at: iso(createdAt),
      total_records_count: null,
      adjusted_start_at: null,
      team: world.teamIds[0],
      batch_export: exportId,
    });

    const seen: Array<[string, Body | null]> = [];
    for (let i = 0; i < 60; i++) {
      await h.advance(1);
      const b = await getBackfill(world, exportId, id);
      seen.push([b.status as string, b.progress as Body | null]);
      if (b.status === "Completed") break;
    }
    const statuses = [...new Set(seen.map(([s]) => s))];
    expect(statuses).toEqual(["Running", "Completed"]);
    const progressions = seen.map(([, p]) => p);
    expect([...new Map(progressions.map((p) => [JSON.stringify(p), p])).values()]).toEqual([
      { total_runs: 5, finished_runs: 0, progress: 0 },
      { total_runs: 5, finished_runs: 1, progress: 0.2 },
      { total_runs: 5, finished_runs: 2, progress: 0.4 },
      { total_runs: 5, finished_runs: 3, progress: 0.6 },
      { total_runs: 5, finished_runs: 4, progress: 0.8 },
      { total_runs: 5, finished_runs: 5, progress: 1 },
    ]);

    const runs = await runsOfBackfill(world, exportId, id);
    expect(runs.map((run) => [run.status, run.data_interval_start, run.data_interval_end])).toEqual(
      [0, 1, 2, 3, 4].map((k) => ["Completed", iso(start + k * HOUR), iso(start + (k + 1) * HOUR)]),
    );
    // One after the other.
    for (let k = 1; k < runs.length; k++) {
      expect(Date.parse(runs[k]!.created_at)).toBeGreaterThanOrEqual(Date.parse(runs[k - 1]!.finished_at));
    }
    const done = await getBackfill(world, exportId, id);
    expect(done).toMatchObject({
      status: "Completed",
      progress: { total_runs: 5, finished_runs: 5, progress: 1 },
      finished_at: runs[4]!.finished_at,
      adjusted_start_at: iso(start),
      total_records_count: runs.reduce((sum, run) => sum + run.records_completed, 0),
    });

    // A completed backfill cannot be cancelled.
    const cancel = await h.post(`${paths(world, exportId).backfills}${id}/cancel/`, {}, world.key);
    expect(cancel.status).toBe(400);
    expect(cancel.body).toEqual(invalid("Cannot cancel a backfill that is in 'Completed' status"));
  });

  it("combines daily dates with the export's offset_hour in its timezone", async () => {
    const world = await h.world();
    const exportId = await createExport(world, { interval: "day", timezone: "America/New_York", offset_hour: 5 });
    const id = await created(world, exportId, { start_at: "2026-01-10", end_at: "2026-01-13" });
    expect(await getBackfill(world, exportId, id)).toMatchObject({
      start_at: "2026-01-10T10:00:00Z",
      end_at: "2026-01-13T10:00:00Z",
      progress: { total_runs: 3, finished_runs: 0, progress: 0 },
    });
    await h.advance(15);
    expect((await runsOfBackfill(world, exportId, id)).map((r) => [r.data_interval_start, r.data_interval_end])).toEqual([
      ["2026-01-10T10:00:00Z", "2026-01-11T10:00:00Z"],
      ["2026-01-11T10:00:00Z", "2026-01-12T10:00:00Z"],
      ["2026-01-12T10:00:00Z", "2026-01-13T10:00:00Z"],
    ]);
    expect((await getBackfill(world, exportId, id)).status).toBe("Completed");
  });
});

describe("listing", () => {
  it("is cursor-paginated, 50 a page, newest first, with start_at ordering", async () => {
    const world = await h.world();
    const exportId = await createExport(world);
    const { backfills } = paths(world, exportId);
    await settings({ maxConcurrentBackfills: 1000 });
    const ids: string[] = [];
    try {
      for (let i = 0; i < 55; i++) {
        ids.push(await created(world, exportId, { start_at: iso(T0 - (i + 1) * HOUR), end_at: iso(T0 - i * HOUR) }));
      }
      await h.advance(1);
      ids.push(await created(world, exportId, { start_at: iso(T0 - 100 * HOUR), end_at: iso(T0 - 99 * HOUR) }));
    } finally {
      await settings({ maxConcurrentBackfills: 5 });
    }

    const first = await h.get(backfills, world.key);
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(["next", "previous", "results"]);
    expect(first.body.results).toHaveLength(50);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toMatch(new RegExp(`^${h.url.replace(/[.]/g, "\\.")}${backfills}\\?cursor=[^&]+$`));
    // Newest first: the one made a second later leads.
    expect(first.body.results[0].id).toBe(ids[55]);
    const second = await h.get(first.body.next.slice(h.url.length), world.key);
    expect(second.body.results).toHaveLength(6);
    expect(second.body.next).toBeNull();
    expect(second.body.previous).not.toBeNull();
    const listed = [...first.body.results, ...second.body.results].map((b: Body) => b.id);
    expect([...listed].sort()).toEqual([...ids].sort());
    const back = await h.get(second.body.previous.slice(h.url.length), world.key);
    expect(back.body.results.map((b: Body) => b.id)).toEqual(first.body.results.map((b: Body) => b.id));

    const byStart = await h.get(`${backfills}?ordering=start_at`, world.key);
    expect(byStart.body.results.slice(0, 3).map((b: Body) => b.start_at)).toEqual([
      iso(T0 - 100 * HOUR),
      iso(T0 - 55 * HOUR),
      iso(T0 - 54 * HOUR),
    ]);
    const byStartDesc = await h.get(`${backfills}?ordering=-start_at`, world.key);
    expect(byStartDesc.body.results.slice(0, 2).map((b: Body) => b.start_at)).toEqual([iso(T0 - HOUR), iso(T0 - 2 * HOUR)]);
    const oldestFirst = await h.get(`${backfills}?ordering=created_at`, world.key);
    const firstCreated = oldestFirst.body.results[0].created_at as string;
    expect(oldestFirst.body.results.every((b: Body) => b.created_at === firstCreated)).toBe(true);
    expect(oldestFirst.body.results.map((b: Body) => b.id)).not.toContain(ids[55]);
    const oldestLast = await h.get(oldestFirst.body.next.slice(h.url.length), world.key);
    expect(oldestLast.body.results.at(-1).id).toBe(ids[55]);
    expect(Date.parse(oldestLast.body.results.at(-1).created_at)).toBe(Date.parse(firstCreated) + 1000);
    expect((await h.get(`${backfills}?ordering=bogus`, world.key)).body.results[0].id).toBe(ids[55]);

    const invalidCursor = await h.get(`${backfills}?cursor=zzz`, world.key);
    expect(invalidCursor.status).toBe(404);
    expect(invalidCursor.body).toEqual({ type: "invalid_request", code: "not_found", detail: "Invalid cursor", attr: null });
  });
});

describe("the rules of create_backfill, in order", () => {
  let world: World;
  let hourly: string;
  let daily: string;
  let weekly: string;
  let otherTeamExport: string;

  beforeAll(async () => {
    world = await h.world({ projects: ["Main", "Other"], flags: ["high-frequency-batch-exports"] });
    hourly = await createExport(world);
    daily = await createExport(world, { interval: "day", timezone: "America/New_York", offset_hour: 5 });
    weekly = await createExport(world, { interval: "week", offset_day: 1 });
    otherTeamExport = await createExport(world, {}, world.teamIds[1]);
  });

  it("1. the export must belong to the team: 404 'BatchExport not found.'", async () => {
    const notFound = { type: "invalid_request", code: "not_found", detail: "BatchExport not found.", attr: null };
    // Checked before anything else, even a body that breaks every other rule.
    for (const exportId of [crypto.randomUUID(), otherTeamExport]) {
      await expectError(world, exportId, { end_at: "yesterday" }, 404, notFound);
    }
  });

  it("2. no start_at needs the batch-export-earliest-backfill flag", async () => {
    const message = invalid("Backfilling from the beginning of time is not enabled for this team.");
    await expectError(world, hourly, {}, 400, message);
    await expectError(world, hourly, { start_at: null, end_at: "not a date" }, 400, message);

    const flagged = await h.world({ flags: ["batch-export-earliest-backfill"] });
    const exportId = await createExport(flagged);
    const end = Math.floor((await now()) / HOUR) * HOUR - HOUR;
    const id = await created(flagged, exportId, { end_at: iso(end) });
    const starting = await getBackfill(flagged, exportId, id);
    expect(starting).toMatchObject({ status: "Starting", start_at: null, end_at: iso(end), progress: null });
    await h.advance(10);
    expect(await getBackfill(flagged, exportId, id)).toMatchObject({
      status: "Completed",
      progress: { total_runs: 1, finished_runs: 1, progress: 1 },
    });
    const runs = await runsOfBackfill(flagged, exportId, id);
    expect(runs.map((r) => [r.status, r.data_interval_start, r.data_interval_end])).toEqual([["Completed", null, iso(end)]]);
  });

  it("3. too many Starting/Running backfills for the team: 429 server_error", async () => {
    const busy = await h.world({ projects: ["Busy", "Quiet"] });
    const exportId = await createExport(busy);
    const quietExport = await createExport(busy, {}, busy.teamIds[1]);
    const range = { start_at: iso(T0 - 2 * HOUR), end_at: iso(T0 - HOUR) };
    await settings({ maxConcurrentBackfills: 2 });
    try {
      const first = await created(busy, exportId, range);
      await created(busy, exportId, range);
      const tooMany = {
        type: "server_error",
        code: "too_many_concurrent_backfills",
        detail:
          "This team already has 2 batch export backfills running. Wait for some to finish or cancel them before creating more.",
        attr: null,
      };
      await expectError(busy, exportId, range, 429, tooMany);
      // After rule 2, before the dates are read.
      await expectError(busy, exportId, { end_at: iso(T0) }, 400, invalid("Backfilling from the beginning of time is not enabled for this team."));
      await expectError(busy, exportId, { start_at: "garbage", end_at: "garbage" }, 429, tooMany);
      // Per team: another project of the same organization is not affected.
      expect((await h.post(paths(busy, quietExport, busy.teamIds[1]).backfills, range, busy.key)).status).toBe(201);
      // Cancelling one frees a slot.
      expect((await h.post(`${paths(busy, exportId).backfills}${first}/cancel/`, {}, busy.key)).status).toBe(200);
      await created(busy, exportId, range);
      await expectError(busy, exportId, range, 429, tooMany);
    } finally {
      await settings({ maxConcurrentBackfills: 5 });
    }
  });

  it("4. hourly and sub-hourly exports take ISO datetimes with a timezone", async () => {
    const fast = await createExport(world, { interval: "every 5 minutes" });
    for (const exportId of [hourly, fast]) {
      const cases: Array<[Body, string]> = [
        [{ start_at: "2026-01-15T08:00:00", end_at: "2026-01-15T09:00:00Z" }, "Input 2026-01-15T08:00:00 is naive."],
        [{ start_at: "2026-01-15", end_at: "2026-01-15T09:00:00Z" }, "Input 2026-01-15 is naive."],
        [{ start_at: "2026-01-15T08:00:00Z", end_at: "2026-01-15T09:00:00" }, "Input 2026-01-15T09:00:00 is naive."],
        [{ start_at: "yesterday", end_at: "2026-01-15T09:00:00Z" }, "Input yesterday is not a valid ISO formatted datetime."],
        [{ start_at: "2026-02-30T00:00:00Z", end_at: "nope" }, "Input 2026-02-30T00:00:00Z is not a valid ISO formatted datetime."],
        [{ start_at: "2026-01-15T08:00:00Z", end_at: 5 }, "Input 5 is not a valid ISO formatted datetime."],
        [{ start_at: "2026-01-15T08:00:00", end_at: "nope" }, "Input 2026-01-15T08:00:00 is naive."],
      ];
      for (const [body, detail] of cases) await expectError(world, exportId, body, 400, invalid(detail));
    }
  });

  it("4. daily and weekly exports take dates only, and weekly ones on the export's day", async () => {
    for (const exportId of [daily, weekly]) {
      await expectError(
        world,
        exportId,
        { start_at: "2026-01-05T00:00:00Z", end_at: "2026-01-12" },
        400,
        invalid(
          "Input '2026-01-05T00:00:00Z' is not a valid ISO formatted date. Daily or weekly batch export backfills expect only the date component, but a time was included.",
        ),
      );
      await expectError(
        world,
        exportId,
        { start_at: "2026-01-05", end_at: "Jan 12" },
        400,
        invalid("Input 'Jan 12' is not a valid ISO formatted date."),
      );
    }
    await expectError(
      world,
      weekly,
      { start_at: "2026-01-04", end_at: "2026-01-12" },
      400,
      invalid(
        "Input 2026-01-04 is not on the correct day of the week for this batch export. 2026-01-04 is a Sunday but this batch export is configured to run weekly on Monday.",
      ),
    );
    const id = await created(world, weekly, { start_at: "2026-01-05", end_at: "2026-01-12" });
    expect(await getBackfill(world, weekly, id)).toMatchObject({
      start_at: "2026-01-05T00:00:00Z",
      end_at: "2026-01-12T00:00:00Z",
      progress: { total_runs: 1, finished_runs: 0, progress: 0 },
    });
  });

  it("5-7. start_at must be before end_at, and end_at must not be in the future", async () => {
    const before = invalid("The initial backfill datetime 'start_at' must be before 'end_at'");
    await expectError(world, hourly, { start_at: iso(T0 - HOUR), end_at: iso(T0 - HOUR) }, 400, before);
    await expectError(world, hourly, { start_at: iso(T0 - HOUR), end_at: iso(T0 - 2 * HOUR) }, 400, before);
    // Checked before the future check, so two future bounds in the wrong order get this message.
    await expectError(world, hourly, { start_at: iso(T0 + 5 * HOUR), end_at: iso(T0 + 4 * HOUR) }, 400, before);
    await expectError(world, daily, { start_at: "2026-01-12", end_at: "2026-01-12" }, 400, before);

    await expectError(
      world,
      hourly,
      { start_at: iso(T0 - HOUR), end_at: "2026-01-15T13:00:00Z" },
      400,
      invalid("The provided 'end_at' (2026-01-15T13:00:00+00:00) is in the future"),
    );
    await expectError(
      world,
      hourly,
      { start_at: iso(T0 - HOUR), end_at: "2026-01-15T15:00:00+02:00" },
      400,
      invalid("The provided 'end_at' (2026-01-15T15:00:00+02:00) is in the future"),
    );
    await expectError(
      world,
      daily,
      { start_at: "2026-01-12", end_at: "2026-01-16" },
      400,
      invalid("The provided 'end_at' (2026-01-16T05:00:00-05:00) is in the future"),
    );
    // With one bound missing these checks do not apply.
    expect((await backfill(world, hourly, { start_at: iso(T0 + 5 * HOUR) })).status).toBe(201);
  });
});

describe("cancelling", () => {
  it("cancels a running backfill and its active run; it creates no more runs", async () => {
    const world = await h.world();
    const exportId = await createExport(world);
    const { backfills } = paths(world, exportId);
    const id = await created(world, exportId, { start_at: iso(T0 - 10 * HOUR), end_at: iso(T0) });
    await h.advance(5);
    const before = await runsOfBackfill(world, exportId, id);
    expect(before.map((r) => r.status)).toEqual(["Completed", "Running"]);
    expect((await getBackfill(world, exportId, id)).status).toBe("Running");

    const cancel = await h.post(`${backfills}${id}/cancel/`, {}, world.key);
    expect(cancel.status).toBe(200);
    expect(cancel.body).toEqual({ cancelled: true });
    const at = iso(await now());
    await h.advance(30);
    expect(await getBackfill(world, exportId, id)).toMatchObject({ status: "Cancelled", finished_at: at, progress: null });
    const runs = await runsOfBackfill(world, exportId, id);
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      [before[0]!.id, "Completed"],
      [before[1]!.id, "Cancelled"],
    ]);
    expect(runs[1]!.finished_at).toBe(at);

    const again = await h.post(`${backfills}${id}/cancel/`, {}, world.key);
    expect(again.status).toBe(400);
    expect(again.body).toEqual(invalid("Cannot cancel a backfill that is in 'Cancelled' status"));
  });

  it("cancels a Starting backfill before it makes any run; unknown backfills are 404", async () => {
    const world = await h.world();
    const exportId = await createExport(world);
    const { backfills } = paths(world, exportId);
    const id = await created(world, exportId, { start_at: iso(T0 - 3 * HOUR), end_at: iso(T0) });
    expect(await h.post(`${backfills}${id}/cancel/`, {}, world.key)).toMatchObject({ status: 200, body: { cancelled: true } });
    await h.advance(20);
    expect((await getBackfill(world, exportId, id)).status).toBe("Cancelled");
    expect(await runsOfBackfill(world, exportId, id)).toEqual([]);

    const notFound = { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null };
    for (const r of [
      await h.post(`${backfills}${crypto.randomUUID()}/cancel/`, {}, world.key),
      await h.get(`${backfills}${crypto.randomUUID()}/`, world.key),
    ]) {
      expect(r.status).toBe(404);
      expect(r.body).toEqual(notFound);
    }
  });
});

describe("verbs that do not exist", () => {
  it("answers 405 to PUT/PATCH/DELETE on a backfill or the collection", async () => {
    const world = await h.world();
    const exportId = await createExport(world);
    const { backfills } = paths(world, exportId);
    const id = await created(world, exportId, { start_at: iso(T0 - HOUR), end_at: iso(T0) });
    for (const path of [`${backfills}${id}/`, backfills]) {
      for (const method of ["PUT", "PATCH", "DELETE"]) {
        const r = await h.request(method, path, { key: world.key, body: { start_at: iso(T0 - 2 * HOUR) } });
        expect(r.status).toBe(405);
        expect(r.body).toEqual({
          type: "invalid_request",
          code: "method_not_allowed",
          detail: `Method "${method}" not allowed.`,
          attr: null,
        });
      }
    }
    expect((await getBackfill(world, exportId, id)).start_at).toBe(iso(T0 - HOUR));
  });
});
