/**
 * Row shapes of the tables the simulation reads and writes (emulator/store/schema.ts), plus the few lookups
 * every part of the scheduler needs. Times are integer ms UTC.
 */
import type { Db } from "../store/open-database";
import { isInterval, type Interval, type Schedule } from "../domain/intervals";

export interface BatchExportRow {
  id: string;
  team_id: number;
  name: string;
  model: string | null;
  destination_type: string;
  destination_config: string;
  integration_id: number | null;
  interval: string;
  paused: number;
  deleted: number;
  created_at: number;
  last_updated_at: number;
  last_paused_at: number | null;
  start_at: number | null;
  end_at: number | null;
  hogql_query: string | null;
  filters: string | null;
  timezone: string;
  interval_offset: number | null;
  schedule_cursor: number | null;
}

export interface RunRow {
  id: string;
  batch_export_id: string;
  backfill_id: string | null;
  status: string;
  records_completed: number | null;
  records_failed: number | null;
  latest_error: string | null;
  data_interval_start: number | null;
  data_interval_end: number;
  cursor: string | null;
  created_at: number;
  finished_at: number | null;
  last_updated_at: number;
  records_total_count: number | null;
  bytes_exported: number | null;
  sim_running_at: number;
  sim_finish_at: number;
  sim_outcome: string;
  sim_records: number;
  sim_error: string | null;
}

export interface BackfillRow {
  id: string;
  team_id: number;
  batch_export_id: string;
  start_at: number | null;
  end_at: number | null;
  status: string;
  created_at: number;
  finished_at: number | null;
  last_updated_at: number;
  total_records_count: number | null;
  adjusted_start_at: number | null;
  workflow_id: string;
}

/** What the simulation needs to know about an export (a subset of BatchExportRow). */
export type ExportInfo = Pick<
  BatchExportRow,
  "id" | "team_id" | "model" | "destination_type" | "destination_config" | "interval" | "timezone" | "interval_offset"
>;

export const ACTIVE_STATUSES = ["Starting", "Running"] as const;

export function isActiveStatus(status: string): boolean {
  return status === "Starting" || status === "Running";
}

export function exportInterval(row: Pick<BatchExportRow, "interval">): Interval {
  return isInterval(row.interval) ? row.interval : "hour";
}

export function scheduleOf(row: Pick<BatchExportRow, "interval" | "timezone" | "interval_offset">): Schedule {
  return {
    interval: exportInterval(row),
    timezone: row.timezone || "UTC",
    intervalOffsetSeconds: row.interval_offset,
  };
}

export function parseConfig(row: Pick<BatchExportRow, "destination_config">): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(row.destination_config);
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function getExport(db: Db, id: string): BatchExportRow | undefined {
  return db.prepare("SELECT * FROM batch_exports WHERE id = ?").get(id) as BatchExportRow | undefined;
}

export function getRun(db: Db, id: string): RunRow | undefined {
  return db.prepare("SELECT * FROM batch_export_runs WHERE id = ?").get(id) as RunRow | undefined;
}

export function getBackfill(db: Db, id: string): BackfillRow | undefined {
  return db.prepare("SELECT * FROM batch_export_backfills WHERE id = ?").get(id) as BackfillRow | undefined;
}
