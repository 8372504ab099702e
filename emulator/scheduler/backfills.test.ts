import { describe, expect, it } from "vitest";
import { ApiError } from "../http/api-error";
import { cancelActiveBackfillsOf } from "./backfill-actions";
import { activeBackfillCount, createBackfill, retryRun } from "./backfills";
import { cancelBackfill, cancelRun } from "./cancel";
import { backfillProgress, pythonRound } from "./progress";
import { getBackfill, getRun, type BackfillRow, type RunRow } from "./rows";
import { at, insertExport, logsOf, settings, testDb, TEAM_ID } from "./test-fixtures";
import { tick } from "./tick";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const NOW = at("2026-01-02T10:00:00Z");

function backfillRuns(db: ReturnType<typeof testDb>, backfillId: string): RunRow[] {
  return db
    .prepare("SELECT * FROM batch_export_runs WHERE backfill_id = ? ORDER BY data_interval_end")
    .all(backfillId) as RunRow[];
}

function setup(exportFields: Parameters<typeof insertExport>[1] = { created_at: NOW, paused: 1 }) {
  const db = testDb();
  const exp = insertExport(db, exportFields);
  return { db, exp };
}

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected an ApiError");
}

describe("a backfill on a manual clock", () => {
  it("creates its runs one interval at a time, in order, and reaches 100%", () => {
    const { db, exp } = setup();
    const s = settings();
    const bf = createBackfill(db, {
      batchExportId: exp.id,
      teamId: TEAM_ID,
      startMs: at("2026-01-01T00:00:00Z"),
      endMs: at("2026-01-01T03:00:00Z"),
      now: NOW,
    });
    expect(bf.workflow_id).toBe(`${exp.id}-Backfill-2026-01-01T00:00:00+00:00-2026-01-01T03:00:00+00:00`);
    expect(activeBackfillCount(db, TEAM_ID)).toBe(1);

    tick(db, NOW, s);
    let row = getBackfill(db, bf.id)!;
    expect(row.status).toBe("Starting");
    expect(backfillProgress(db, row, NOW)).toEqual({ total_runs: 3, finished_runs: 0, progress: 0 });

    tick(db, NOW + 1000, s);
    row = getBackfill(db, bf.id)!;
    expect(row.status).toBe("Running");
    expect(row.adjusted_start_at).toBe(row.start_at);
    expect(row.total_records_count).toBeGreaterThan(0);
    expect(backfillRuns(db, bf.id)).toHaveLength(1);

    // Run 1: 10:00:01 → 10:00:04, run 2: → 10:00:07, run 3: → 10:00:10.
    tick(db, NOW + 5000, s);
    row = getBackfill(db, bf.id)!;
    expect(backfillRuns(db, bf.id).map((r) => r.status)).toEqual(["Completed", "Running"]);
    expect(backfillProgress(db, row, NOW + 5000)).toEqual({ total_runs: 3, finished_runs: 1, progress: 0.3 });

    tick(db, NOW + 9_999, s);
    expect(getBackfill(db, bf.id)!.status).toBe("Running");
    expect(backfillProgress(db, getBackfill(db, bf.id)!, NOW + 9_999)!.progress).toBe(0.7);

    tick(db, NOW + 10_000, s);
    row = getBackfill(db, bf.id)!;
    const runs = backfillRuns(db, bf.id);
    expect(row.status).toBe("Completed");
    expect(iso(row.finished_at)).toBe("2026-01-02T10:00:10.000Z");
    expect(row.last_updated_at).toBe(row.finished_at);
    expect(row.total_records_count).toBe(runs.reduce((sum, r) => sum + r.records_completed!, 0));
    expect(backfillProgress(db, row, NOW + 10_000)).toEqual({ total_runs: 3, finished_runs: 3, progress: 1 });
    expect(runs.map((r) => [iso(r.data_interval_start), iso(r.created_at), iso(r.finished_at)])).toEqual([
      ["2026-01-01T00:00:00.000Z", "2026-01-02T10:00:01.000Z", "2026-01-02T10:00:04.000Z"],
      ["2026-01-01T01:00:00.000Z", "2026-01-02T10:00:04.000Z", "2026-01-02T10:00:07.000Z"],
      ["2026-01-01T02:00:00.000Z", "2026-01-02T10:00:07.000Z", "2026-01-02T10:00:10.000Z"],
    ]);
    expect(logsOf(db, bf.id).map((l) => [l.level, l.message])).toEqual([
      ["INFO", "Backfilling batch export batches in range 2026-01-01T00:00:00+00:00 - 2026-01-01T03:00:00+00:00"],
      ["INFO", "Successfully finished backfilling batches in range 2026-01-01T00:00:00+00:00 - 2026-01-01T03:00:00+00:00"],
    ]);
    expect(activeBackfillCount(db, TEAM_ID)).toBe(0);
    expect(tick(db, NOW + 60_000, s).runsScheduled).toBe(0);
  });

  it("finishes in one tick when the clock jumps, with a planned timeline", () => {
    const { db, exp } = setup();
    const bf = createBackfill(db, {
      batchExportId: exp.id,
      teamId: TEAM_ID,
      startMs: at("2026-01-01T00:00:00Z"),
      endMs: at("2026-01-01T12:00:00Z"),
      now: NOW,
    });
    tick(db, NOW + 3_600_000, settings());
    const row = getBackfill(db, bf.id)!;
    expect(row.status).toBe("Completed");
    expect(iso(row.finished_at)).toBe("2026-01-02T10:00:37.000Z");
    expect(backfillRuns(db, bf.id)).toHaveLength(12);
  });

  it("completes even when its runs fail (PostHog catches run failures and moves on)", () => {
    const { db, exp } = setup();
    const bf = createBackfill(db, {
      batchExportId: exp.id,
      teamId: TEAM_ID,
      startMs: at("2026-01-01T00:00:00Z"),
      endMs: at("2026-01-01T02:00:00Z"),
      now: NOW,
    });
    tick(db, NOW + 60_000, settings({ failureRate: 1 }));
    const row = getBackfill(db, bf.id)!;
    expect(row.status).toBe("Completed");
    expect(row.total_records_count).toBeNull();
    expect(backfillRuns(db, bf.id).map((r) => r.status)).toEqual(["Failed", "Failed"]);
  });

  it("steps daily backfills by local days", () => {
    const { db, exp } = setup({ created_at: NOW, interval: "day", timezone: "America/New_York", paused: 1 });
    const bf = createBackfill(db, {
      batchExportId: exp.id,
      teamId: TEAM_ID,
      startMs: at("2026-03-07T05:00:00Z"),
      endMs: at("2026-03-09T04:00:00Z"),
      now: at("2026-04-01T00:00:00Z"),
    });
    tick(db, at("2026-04-01T01:00:00Z"), settings());
    expect(backfillRuns(db, bf.id).map((r) => iso(r.data_interval_end))).toEqual([
      "2026-03-08T05:00:00.000Z",
      "2026-03-09T04:00:00.000Z",
    ]);
  });

  it("backfills from the beginning of time in a single run", () => {
    const { db, exp } = setup();
    const bf = createBackfill(db, { batchExportId: exp.id, teamId: TEAM_ID, startMs: null, endMs: at("2026-01-01T00:00:00Z"), now: NOW });
    expect(backfillProgress(db, getBackfill(db, bf.id)!, NOW)).toBeNull();
    tick(db, NOW + 60_000, settings());
    const runs = backfillRuns(db, bf.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.data_interval_start).toBeNull();
    expect(runs[0]!.data_interval_end).toBe(at("2026-01-01T00:00:00Z"));
    expect(logsOf(db, runs[0]!.id)[0]!.message).toBe("Starting batch export for range START - 2026-01-01T00:00:00+00:00");
    expect(getBackfill(db, bf.id)!.status).toBe("Completed");
    expect(backfillProgress(db, getBackfill(db, bf.id)!, NOW)).toEqual({ total_runs: 1, finished_runs: 1, progress: 1 });
  });

  it("fails when its export is deleted", () => {
    const { db, exp } = setup();
    const bf = createBackfill(db, { batchExportId: exp.id, teamId: TEAM_ID, startMs: at("2026-01-01T00:00:00Z"), endMs: at("2026-01-01T05:00:00Z"), now: NOW });
    db.prepare("UPDATE batch_exports SET deleted = 1 WHERE id = ?").run(exp.id);
    tick(db, NOW + 60_000, settings());
    const row = getBackfill(db, bf.id)!;
    expect(row.status).toBe("Failed");
    expect(backfillProgress(db, row, NOW)).toBeNull();
  });
});

describe("cancel rules", () => {
  it("cancels a Starting/Running run and refuses finished ones", () => {
    const db = testDb();
    const exp = insertExport(db, { created_at: at("2026-01-01T00:00:00Z") });
    const s = settings();
    tick(db, at("2026-01-01T01:00:02Z"), s);
    const run = db.prepare("SELECT * FROM batch_export_runs").get() as RunRow;
    expect(run.status).toBe("Running");

    const cancelled = cancelRun(db, run.id, at("2026-01-01T01:00:03Z"));
    expect(cancelled).toMatchObject({ status: "Cancelled", finished_at: at("2026-01-01T01:00:03Z") });
    expect(getRun(db, run.id)!.status).toBe("Cancelled");
    expect(logsOf(db, run.id).at(-1)).toMatchObject({
      level: "WARNING",
      message: "Batch export for range 2026-01-01T00:00:00+00:00 - 2026-01-01T01:00:00+00:00 was cancelled",
    });
    // It stays cancelled when its planned finish passes.
    tick(db, at("2026-01-01T01:30:00Z"), s);
    expect(getRun(db, run.id)!.status).toBe("Cancelled");

    const again = apiError(() => cancelRun(db, run.id, at("2026-01-01T01:30:00Z")));
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      type: "validation_error",
      code: "invalid_input",
      detail: "Cannot cancel a run that is in 'Cancelled' status",
      attr: null,
    });

    tick(db, at("2026-01-01T02:00:00Z"), s);
    const second = db.prepare("SELECT * FROM batch_export_runs WHERE id != ?").get(run.id) as RunRow;
    // By plan it completed at 02:00:07: cancelling later is refused even without a tick in between.
    expect(apiError(() => cancelRun(db, second.id, at("2026-01-01T02:00:08Z"))).body.detail).toBe(
      "Cannot cancel a run that is in 'Completed' status",
    );
    expect(apiError(() => cancelRun(db, "no-such-run", 0)).status).toBe(404);
    expect(exp.id).toBeTruthy();
  });

  it("cancels a backfill and its active run; it creates no more runs", () => {
    const { db, exp } = setup();
    const s = settings();
    const bf = createBackfill(db, { batchExportId: exp.id, teamId: TEAM_ID, startMs: at("2026-01-01T00:00:00Z"), endMs: at("2026-01-01T05:00:00Z"), now: NOW });
    tick(db, NOW + 5_000, s);
    expect(backfillRuns(db, bf.id).map((r) => r.status)).toEqual(["Completed", "Running"]);

    const cancelled = cancelBackfill(db, bf.id, NOW + 6_000, s);
    expect(cancelled).toMatchObject({ status: "Cancelled", finished_at: NOW + 6_000, last_updated_at: NOW + 6_000 });
    expect(cancelled.total_records_count).toBe(backfillRuns(db, bf.id)[0]!.records_completed);
    expect(backfillRuns(db, bf.id).map((r) => r.status)).toEqual(["Completed", "Cancelled"]);
    expect(logsOf(db, bf.id).at(-1)).toMatchObject({ level: "WARNING", message: "Batch export backfill was canceled" });
    expect(backfillProgress(db, getBackfill(db, bf.id)!, NOW)).toBeNull();

    tick(db, NOW + 600_000, s);
    expect(backfillRuns(db, bf.id)).toHaveLength(2);
    expect(getBackfill(db, bf.id)!.status).toBe("Cancelled");

    const again = apiError(() => cancelBackfill(db, bf.id, NOW + 600_000, s));
    expect(again.status).toBe(400);
    expect(again.body.detail).toBe("Cannot cancel a backfill that is in 'Cancelled' status");
    expect(apiError(() => cancelBackfill(db, "nope", NOW)).status).toBe(404);
  });

  it("refuses to cancel a completed backfill", () => {
    const { db, exp } = setup();
    const bf = createBackfill(db, { batchExportId: exp.id, teamId: TEAM_ID, startMs: at("2026-01-01T00:00:00Z"), endMs: at("2026-01-01T01:00:00Z"), now: NOW });
    expect(apiError(() => cancelBackfill(db, bf.id, NOW + 60_000, settings())).body.detail).toBe(
      "Cannot cancel a backfill that is in 'Completed' status",
    );
    // The refused cancel rolled back: the backfill is still Starting in storage until a tick.
    expect(getBackfill(db, bf.id)!.status).toBe("Starting");
  });

  it("cancels every active backfill of a deleted export", () => {
    const { db, exp } = setup();
    const a = createBackfill(db, { batchExportId: exp.id, teamId: TEAM_ID, startMs: at("2026-01-01T00:00:00Z"), endMs: at("2026-01-01T05:00:00Z"), now: NOW });
    const b = createBackfill(db, { batchExportId: exp.id, teamId: TEAM_ID, startMs: at("2026-01-01T05:00:00Z"), endMs: at("2026-01-01T09:00:00Z"), now: NOW });
    expect(cancelActiveBackfillsOf(db, exp.id, NOW + 500)).toBe(2);
    expect([getBackfill(db, a.id)!.status, getBackfill(db, b.id)!.status]).toEqual(["Cancelled", "Cancelled"]);
  });
});

describe("retry", () => {
  it("re-runs a failed run's interval as a one-interval backfill", () => {
    const db = testDb();
    const exp = insertExport(db, { created_at: at("2026-01-01T00:00:00Z") });
    tick(db, at("2026-01-01T01:00:30Z"), settings({ failureRate: 1 }));
    const failed = db.prepare("SELECT * FROM batch_export_runs").get() as RunRow;
    expect(failed.status).toBe("Failed");

    const now = at("2026-01-01T01:05:00Z");
    const backfillId = retryRun(db, failed, now);
    const bf = getBackfill(db, backfillId) as BackfillRow;
    expect(bf).toMatchObject({
      batch_export_id: exp.id,
      team_id: TEAM_ID,
      start_at: failed.data_interval_start,
      end_at: failed.data_interval_end,
      status: "Starting",
      created_at: now,
    });
    tick(db, now + 10_000, settings());
    const runs = backfillRuns(db, backfillId);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: "Completed",
      data_interval_start: failed.data_interval_start,
      data_interval_end: failed.data_interval_end,
      // Same interval, same data: the retry exports what the failed run would have.
      records_completed: failed.sim_records,
    });
    expect(getBackfill(db, backfillId)!.status).toBe("Completed");
  });
});

describe("pythonRound", () => {
  it("rounds like Python's round(x, 1)", () => {
    expect([0.25, 0.35, 0.45, 0.75, 0.05, 0.15, 1 / 3, 2 / 3, 0, 1].map((x) => pythonRound(x, 1))).toEqual([
      0.2, 0.3, 0.5, 0.8, 0.1, 0.1, 0.3, 0.7, 0, 1,
    ]);
  });
});

describe("open-ended backfill", () => {
  it("stops once it catches up with the present and unpauses the export", () => {
    const { db, exp } = setup();
    const bf = createBackfill(db, { batchExportId: exp.id, teamId: TEAM_ID, startMs: at("2026-01-02T07:00:00Z"), endMs: null, now: NOW });
    tick(db, NOW + 60_000, settings());
    expect(backfillRuns(db, bf.id).map((r) => iso(r.data_interval_end))).toEqual([
      "2026-01-02T08:00:00.000Z",
      "2026-01-02T09:00:00.000Z",
      "2026-01-02T10:00:00.000Z",
    ]);
    const row = getBackfill(db, bf.id)!;
    expect(row.status).toBe("Completed");
    expect(backfillProgress(db, row, NOW)).toEqual({ total_runs: 4, finished_runs: 4, progress: 1 });
    expect((db.prepare("SELECT paused FROM batch_exports WHERE id = ?").get(exp.id) as { paused: number }).paused).toBe(0);
  });
});
