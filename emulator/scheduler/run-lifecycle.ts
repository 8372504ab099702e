/**
 * A simulated run's life: created Starting (with its plan), Running once `sim_running_at` passes, then
 * Completed/Failed at `sim_finish_at`. Every transition is stamped with its planned time (not "now"), so a
 * clock jump still leaves a realistic timeline, and writes its log lines.
 */
import type { Db } from "../store/open-database";
import { uuidT } from "../store/ids";
import { notFound } from "../http/api-error";
import { insertLog, runMessages } from "./run-logs";
import { bytesForRun, planRun } from "./run-plan";
import type { ExportInfo, RunRow } from "./rows";
import type { SimulationSettings } from "./simulation-settings";

export function exportInfoFor(db: Db, exportId: string): ExportInfo {
  const row = db
    .prepare(
      "SELECT id, team_id, model, destination_type, destination_config, interval, timezone, interval_offset FROM batch_exports WHERE id = ?",
    )
    .get(exportId) as ExportInfo | undefined;
  if (!row) throw notFound("BatchExport not found.");
  return row;
}

export function createRun(
  db: Db,
  input: {
    exportInfo: ExportInfo;
    startMs: number | null;
    endMs: number;
    createdAt: number;
    backfillId: string | null;
    settings: SimulationSettings;
  },
): RunRow {
  const id = uuidT(input.createdAt);
  const plan = planRun({
    runId: id,
    exportInfo: input.exportInfo,
    createdAt: input.createdAt,
    startMs: input.startMs,
    endMs: input.endMs,
    isBackfill: input.backfillId !== null,
    settings: input.settings,
  });
  const run: RunRow = {
    id,
    batch_export_id: input.exportInfo.id,
    backfill_id: input.backfillId,
    status: "Starting",
    records_completed: null,
    records_failed: null,
    latest_error: null,
    data_interval_start: input.startMs,
    data_interval_end: input.endMs,
    cursor: null,
    created_at: input.createdAt,
    finished_at: null,
    last_updated_at: input.createdAt,
    records_total_count: null,
    bytes_exported: null,
    ...plan,
  };
  db.prepare(
    `INSERT INTO batch_export_runs (id, batch_export_id, backfill_id, status, data_interval_start, data_interval_end,
       created_at, last_updated_at, sim_running_at, sim_finish_at, sim_outcome, sim_records, sim_error)
     VALUES (@id, @batch_export_id, @backfill_id, @status, @data_interval_start, @data_interval_end,
       @created_at, @last_updated_at, @sim_running_at, @sim_finish_at, @sim_outcome, @sim_records, @sim_error)`,
  ).run(run);
  insertLog(db, runMessages.starting(input.exportInfo, run, input.createdAt));
  return run;
}

/** Applies every transition whose planned time is at or before `now`; returns the run as it now stands. */
export function advanceRun(db: Db, run: RunRow, exportInfo: ExportInfo, now: number): RunRow {
  const next = evolveRun(run, exportInfo, now, (line) => insertLog(db, line));
  if (next !== run) saveRunState(db, next);
  return next;
}

/**
 * The pure part of `advanceRun`: the run after its due transitions, with the log lines they produce handed
 * to `log`. Returns the same object when nothing was due.
 */
export function evolveRun(
  run: RunRow,
  exportInfo: ExportInfo,
  now: number,
  log: (line: ReturnType<typeof runMessages.starting>) => void,
): RunRow {
  let current = run;
  if (current.status === "Starting" && now >= current.sim_running_at) {
    current = {
      ...current,
      status: "Running",
      records_total_count: current.sim_records,
      last_updated_at: current.sim_running_at,
    };
    log(runMessages.exporting(exportInfo, current, current.sim_running_at));
  }
  if (current.status === "Running" && now >= current.sim_finish_at) {
    const at = current.sim_finish_at;
    if (current.sim_outcome === "Completed") {
      if (current.sim_records === 0) log(runMessages.noData(exportInfo, current, at));
      current = {
        ...current,
        status: "Completed",
        records_completed: current.sim_records,
        records_total_count: current.sim_records,
        bytes_exported: bytesForRun(current.id, current.sim_records, exportInfo),
        finished_at: at,
        last_updated_at: at,
      };
      log(runMessages.completed(exportInfo, current, at, current.sim_records));
    } else {
      const error = current.sim_error ?? "An unexpected error has occurred";
      const retryAt = current.sim_running_at + Math.floor((at - current.sim_running_at) / 2);
      log(runMessages.retrying(exportInfo, current, retryAt, error));
      current = { ...current, status: "Failed", latest_error: error, finished_at: at, last_updated_at: at };
      log(runMessages.failed(exportInfo, current, at, error));
    }
  }
  return current;
}

export function saveRunState(db: Db, run: RunRow): void {
  db.prepare(
    `UPDATE batch_export_runs SET status = @status, records_completed = @records_completed,
       records_total_count = @records_total_count, bytes_exported = @bytes_exported, latest_error = @latest_error,
       finished_at = @finished_at, last_updated_at = @last_updated_at
     WHERE id = @id`,
  ).run(run);
}

/** Cancels a Starting/Running run at `now` (the caller checks the status). */
export function markRunCancelled(db: Db, run: RunRow, exportInfo: ExportInfo, now: number): RunRow {
  const cancelled: RunRow = { ...run, status: "Cancelled", finished_at: now, last_updated_at: now };
  saveRunState(db, cancelled);
  insertLog(db, runMessages.cancelled(exportInfo, cancelled, now));
  return cancelled;
}
