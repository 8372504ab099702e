/**
 * Bulk history for the demo seed: the scheduled runs an export would have had between `fromMs` and `toMs`,
 * already finished (Completed, or Failed at `failureRate`), with their log lines, in one transaction.
 * Intervals whose run would still be in flight at `toMs` are left out; the export's `schedule_cursor` is moved
 * past what was generated so the live scheduler does not produce the same intervals again.
 */
import type { Db } from "../store/open-database";
import { uuidT } from "../store/ids";
import { intervalsBetween } from "../domain/intervals";
import { evolveRun } from "./run-lifecycle";
import { runMessages, type LogLine } from "./run-logs";
import { planRun } from "./run-plan";
import { scheduleOf, type BatchExportRow, type ExportInfo, type RunRow } from "./rows";
import type { SimulationSettings } from "./simulation-settings";

export type SeedExport = ExportInfo & Partial<Pick<BatchExportRow, "start_at" | "end_at">>;

export function seedHistory(db: Db, exportRow: SeedExport, fromMs: number, toMs: number, settings: SimulationSettings): number {
  const insertRun = db.prepare(
    `INSERT INTO batch_export_runs (id, batch_export_id, backfill_id, status, records_completed, records_failed,
       latest_error, data_interval_start, data_interval_end, cursor, created_at, finished_at, last_updated_at,
       records_total_count, bytes_exported, sim_running_at, sim_finish_at, sim_outcome, sim_records, sim_error)
     VALUES (@id, @batch_export_id, @backfill_id, @status, @records_completed, @records_failed,
       @latest_error, @data_interval_start, @data_interval_end, @cursor, @created_at, @finished_at, @last_updated_at,
       @records_total_count, @bytes_exported, @sim_running_at, @sim_finish_at, @sim_outcome, @sim_records, @sim_error)`,
  );
  const insertLog = db.prepare(
    "INSERT INTO log_entries (team_id, log_source_id, instance_id, timestamp, level, message) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const writeLog = (line: LogLine) =>
    insertLog.run(line.teamId, line.sourceId, line.instanceId, line.timestamp, line.level, line.message);

  return db.transaction((): number => {
    const lower = Math.max(fromMs, exportRow.start_at ?? -Infinity);
    const upper = Math.min(toMs, exportRow.end_at ?? Infinity);
    const intervals = upper > lower ? intervalsBetween(scheduleOf(exportRow), lower, upper) : [];
    let lastEnd: number | null = null;
    let count = 0;
    for (const interval of intervals) {
      const id = uuidT(interval.endMs);
      const plan = planRun({
        runId: id,
        exportInfo: exportRow,
        createdAt: interval.endMs,
        startMs: interval.startMs,
        endMs: interval.endMs,
        isBackfill: false,
        settings,
      });
      if (plan.sim_finish_at > toMs) break;
      const started: RunRow = {
        id,
        batch_export_id: exportRow.id,
        backfill_id: null,
        status: "Starting",
        records_completed: null,
        records_failed: null,
        latest_error: null,
        data_interval_start: interval.startMs,
        data_interval_end: interval.endMs,
        cursor: null,
        created_at: interval.endMs,
        finished_at: null,
        last_updated_at: interval.endMs,
        records_total_count: null,
        bytes_exported: null,
        ...plan,
      };
      const lines: LogLine[] = [runMessages.starting(exportRow, started, started.created_at)];
      const finished = evolveRun(started, exportRow, Infinity, (line) => lines.push(line));
      insertRun.run(finished);
      for (const line of lines) writeLog(line);
      lastEnd = interval.endMs;
      count++;
    }
    if (lastEnd !== null) {
      db.prepare(
        "UPDATE batch_exports SET schedule_cursor = MAX(COALESCE(schedule_cursor, created_at), ?) WHERE id = ?",
      ).run(lastEnd, exportRow.id);
    }
    return count;
  })();
}
