/**
 * Phase (c) of a tick: backfills behave like PostHog's `BackfillBatchExportWorkflow`:
 * - Starting until `created_at + startingSeconds`, then Running (with `adjusted_start_at` = `start_at` and an
 *   estimated `total_records_count`); an estimate of 0 completes it at once, without runs.
 * - It then starts one run per interval, strictly in order, each after the previous one finished, stepping from
 *   `start_at` like `backfill_range` (no `start_at`: a single run with no data_interval_start).
 * - A failed or cancelled run does not stop it (PostHog catches the run's failure and moves on), and the
 *   backfill ends Completed when the last interval is done, with `finished_at` and `total_records_count` =
 *   records of its Completed runs (null when none completed).
 * - With no `end_at` it stops once it catches up with the present and unpauses the export, as PostHog does.
 * - If its export was deleted it ends Failed (PostHog: the Temporal schedule is gone).
 */
import type { Db } from "../store/open-database";
import { backfillRange, intervalMs, stepForward, type DataInterval } from "../domain/intervals";
import { backfillMessages, insertLog } from "./run-logs";
import { recordsForInterval } from "./run-plan";
import { advanceRun, createRun, exportInfoFor } from "./run-lifecycle";
import { isActiveStatus, scheduleOf, type BackfillRow, type ExportInfo, type RunRow } from "./rows";
import type { SimulationSettings } from "./simulation-settings";

const MAX_RUNS_PER_DRIVE = 5_000;
const MAX_ESTIMATED_INTERVALS = 20_000;

export function driveBackfills(db: Db, now: number, settings: SimulationSettings): number {
  const active = db
    .prepare("SELECT * FROM batch_export_backfills WHERE status IN ('Starting', 'Running') ORDER BY created_at, id")
    .all() as BackfillRow[];
  let changed = 0;
  for (const backfill of active) {
    const after = driveBackfill(db, backfill, now, settings);
    if (after.last_updated_at !== backfill.last_updated_at || after.status !== backfill.status) changed++;
  }
  return changed;
}

/** Brings one backfill (and its runs) up to `now`; returns the backfill as it now stands. */
export function driveBackfill(db: Db, backfill: BackfillRow, now: number, settings: SimulationSettings): BackfillRow {
  let current = backfill;
  if (!isActiveStatus(current.status)) return current;

  const exportRow = db.prepare("SELECT deleted FROM batch_exports WHERE id = ?").get(current.batch_export_id) as
    | { deleted: number }
    | undefined;
  if (!exportRow || exportRow.deleted) return finish(db, current, "Failed", now, false);
  const exportInfo = exportInfoFor(db, current.batch_export_id);

  const runningAt = current.created_at + Math.round(settings.startingSeconds * 1000);
  if (current.status === "Starting") {
    if (now < runningAt) return current;
    const estimate = estimateRecords(exportInfo, current, runningAt);
    current = {
      ...current,
      status: "Running",
      adjusted_start_at: current.start_at,
      total_records_count: estimate,
      last_updated_at: runningAt,
    };
    saveBackfill(db, current);
    insertLog(db, backfillMessages.started(current, runningAt));
    if (estimate === 0) return finish(db, current, "Completed", runningAt, true);
  }

  const lastRunStmt = db.prepare(
    "SELECT * FROM batch_export_runs WHERE backfill_id = ? ORDER BY data_interval_end DESC, created_at DESC, id DESC LIMIT 1",
  );
  for (let i = 0; i < MAX_RUNS_PER_DRIVE; i++) {
    let last = lastRunStmt.get(current.id) as RunRow | undefined;
    if (last) {
      last = advanceRun(db, last, exportInfo, now);
      if (isActiveStatus(last.status)) return current;
    }
    const startAt = last ? (last.finished_at ?? last.sim_finish_at) : runningAt;
    const next = nextInterval(exportInfo, current, last, startAt);
    if (next === null) {
      if (current.end_at === null && current.start_at !== null) unpauseExport(db, current.batch_export_id, startAt);
      return finish(db, current, "Completed", startAt, true);
    }
    if (startAt > now) return current;
    createRun(db, {
      exportInfo,
      startMs: next.startMs,
      endMs: next.endMs,
      createdAt: startAt,
      backfillId: current.id,
      settings,
    });
  }
  return current;
}

type NextInterval = { startMs: number | null; endMs: number };

/** The interval the backfill exports next, or null when it is done. `at` is when that run would start. */
function nextInterval(exportInfo: ExportInfo, backfill: BackfillRow, last: RunRow | undefined, at: number): NextInterval | null {
  const schedule = scheduleOf(exportInfo);
  const start = backfill.adjusted_start_at ?? backfill.start_at;
  if (start === null) {
    if (last) return null;
    const step = intervalMs(schedule.interval);
    return { startMs: null, endMs: backfill.end_at ?? at - (at % step) };
  }
  const from = last ? last.data_interval_end : start;
  const to = stepForward(schedule, from);
  if (backfill.end_at !== null) return to <= backfill.end_at ? { startMs: from, endMs: to } : null;
  return to < at ? { startMs: from, endMs: to } : null;
}

function estimateRecords(exportInfo: ExportInfo, backfill: BackfillRow, at: number): number | null {
  if (backfill.start_at === null) {
    const step = intervalMs(scheduleOf(exportInfo).interval);
    return recordsForInterval(exportInfo.id, null, backfill.end_at ?? at - (at % step));
  }
  const intervals: DataInterval[] = backfillRange(
    scheduleOf(exportInfo),
    backfill.start_at,
    backfill.end_at ?? at,
    MAX_ESTIMATED_INTERVALS + 1,
  );
  if (intervals.length > MAX_ESTIMATED_INTERVALS) return null;
  return intervals.reduce((sum, i) => sum + recordsForInterval(exportInfo.id, i.startMs, i.endMs), 0);
}

/** `update_batch_export_backfill_model(finished=True)`: sums the records of Completed runs unless estimated 0. */
export function finish(
  db: Db,
  backfill: BackfillRow,
  status: "Completed" | "Failed" | "Cancelled",
  at: number,
  log: boolean,
): BackfillRow {
  let total = backfill.total_records_count;
  if (total !== 0) {
    const sums = db
      .prepare(
        `SELECT SUM(records_completed) AS completed, SUM(records_failed) AS failed, COUNT(*) AS n
         FROM batch_export_runs WHERE backfill_id = ? AND status = 'Completed'`,
      )
      .get(backfill.id) as { completed: number | null; failed: number | null; n: number };
    total = sums.n === 0 ? null : (sums.completed ?? 0) + (sums.failed ?? 0);
  }
  const done: BackfillRow = { ...backfill, status, finished_at: at, last_updated_at: at, total_records_count: total };
  saveBackfill(db, done);
  if (log && status === "Completed") insertLog(db, backfillMessages.completed(done, at));
  if (log && status === "Cancelled") insertLog(db, backfillMessages.cancelled(done, at));
  return done;
}

export function saveBackfill(db: Db, backfill: BackfillRow): void {
  db.prepare(
    `UPDATE batch_export_backfills SET status = @status, finished_at = @finished_at, last_updated_at = @last_updated_at,
       total_records_count = @total_records_count, adjusted_start_at = @adjusted_start_at
     WHERE id = @id`,
  ).run(backfill);
}

function unpauseExport(db: Db, exportId: string, at: number): void {
  db.prepare(
    "UPDATE batch_exports SET paused = 0, schedule_cursor = ?, last_updated_at = ? WHERE id = ? AND paused = 1",
  ).run(at, at, exportId);
}
