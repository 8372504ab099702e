/**
 * Log lines the simulation writes to `log_entries`, worded like PostHog's batch export activities
 * (`start_batch_export_run`, `insert_into_*_activity`, `finish_batch_export_run`). Range bounds are rendered
 * with Python's isoformat (`2026-01-01T00:00:00+00:00`).
 */
import type { Db } from "../store/open-database";
import { pythonIsoformat } from "../domain/intervals";
import { exportTarget } from "./destination-profile";
import { parseConfig, type ExportInfo } from "./rows";

export type LogLevel = "DEBUG" | "INFO" | "WARNING" | "ERROR";

export interface LogLine {
  teamId: number;
  sourceId: string;
  instanceId: string;
  timestamp: number;
  level: LogLevel;
  message: string;
}

interface InsertStatement {
  run(...params: unknown[]): unknown;
}

const statements = new WeakMap<Db, InsertStatement>();

export function insertLog(db: Db, line: LogLine): void {
  let stmt = statements.get(db);
  if (!stmt) {
    stmt = db.prepare<unknown[]>(
      "INSERT INTO log_entries (team_id, log_source_id, instance_id, timestamp, level, message) VALUES (?, ?, ?, ?, ?, ?)",
    );
    statements.set(db, stmt);
  }
  stmt.run(line.teamId, line.sourceId, line.instanceId, line.timestamp, line.level, line.message);
}

export function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : pythonIsoformat(ms);
}

/** "A - B" with START/END for open bounds, as PostHog's `inputs.data_interval_start or "START"`. */
export function rangeText(startMs: number | null, endMs: number | null): string {
  return `${isoOrNull(startMs) ?? "START"} - ${isoOrNull(endMs) ?? "END"}`;
}

interface RunRef {
  id: string;
  data_interval_start: number | null;
  data_interval_end: number;
}

function runLine(exportInfo: ExportInfo, run: RunRef, timestamp: number, level: LogLevel, message: string): LogLine {
  return { teamId: exportInfo.team_id, sourceId: exportInfo.id, instanceId: run.id, timestamp, level, message };
}

export const runMessages = {
  starting(exportInfo: ExportInfo, run: RunRef, at: number): LogLine {
    return runLine(exportInfo, run, at, "DEBUG", `Starting batch export for range ${rangeText(run.data_interval_start, run.data_interval_end)}`);
  },
  exporting(exportInfo: ExportInfo, run: RunRef, at: number): LogLine {
    const target = exportTarget(
      exportInfo.destination_type,
      parseConfig(exportInfo),
      isoOrNull(run.data_interval_start),
      pythonIsoformat(run.data_interval_end),
      exportInfo.model,
    );
    return runLine(exportInfo, run, at, "INFO", `Batch exporting range ${rangeText(run.data_interval_start, run.data_interval_end)} to ${target}`);
  },
  noData(exportInfo: ExportInfo, run: RunRef, at: number): LogLine {
    return runLine(
      exportInfo,
      run,
      at,
      "INFO",
      `Batch export will finish early as there is no data matching specified filters in range ${rangeText(run.data_interval_start, run.data_interval_end)}`,
    );
  },
  completed(exportInfo: ExportInfo, run: RunRef, at: number, records: number): LogLine {
    return runLine(
      exportInfo,
      run,
      at,
      "INFO",
      `Batch export for range ${rangeText(run.data_interval_start, run.data_interval_end)} finished successfully with ${records} records exported`,
    );
  },
  retrying(exportInfo: ExportInfo, run: RunRef, at: number, error: string): LogLine {
    return runLine(exportInfo, run, at, "WARNING", `Batch export activity failed on attempt 1 and will be retried: ${error}`);
  },
  failed(exportInfo: ExportInfo, run: RunRef, at: number, error: string): LogLine {
    return runLine(
      exportInfo,
      run,
      at,
      "ERROR",
      `Batch export for range ${rangeText(run.data_interval_start, run.data_interval_end)} failed with a non-recoverable error: ${error}`,
    );
  },
  cancelled(exportInfo: ExportInfo, run: RunRef, at: number): LogLine {
    return runLine(exportInfo, run, at, "WARNING", `Batch export for range ${rangeText(run.data_interval_start, run.data_interval_end)} was cancelled`);
  },
};

interface BackfillRef {
  id: string;
  team_id: number;
  batch_export_id: string;
  start_at: number | null;
  end_at: number | null;
}

function backfillLine(backfill: BackfillRef, timestamp: number, level: LogLevel, message: string): LogLine {
  return { teamId: backfill.team_id, sourceId: backfill.batch_export_id, instanceId: backfill.id, timestamp, level, message };
}

export const backfillMessages = {
  started(backfill: BackfillRef, at: number): LogLine {
    return backfillLine(backfill, at, "INFO", `Backfilling batch export batches in range ${rangeText(backfill.start_at, backfill.end_at)}`);
  },
  completed(backfill: BackfillRef, at: number): LogLine {
    return backfillLine(backfill, at, "INFO", `Successfully finished backfilling batches in range ${rangeText(backfill.start_at, backfill.end_at)}`);
  },
  cancelled(backfill: BackfillRef, at: number): LogLine {
    return backfillLine(backfill, at, "WARNING", "Batch export backfill was canceled");
  },
};
