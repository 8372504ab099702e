/** Minimal rows for scheduler tests: one organization, one team, and exports inserted on demand. */
import { openDatabase, type Db } from "../store/open-database";
import { uuidT } from "../store/ids";
import type { BatchExportRow } from "./rows";
import { resolveSimulationSettings, type SimulationSettings } from "./simulation-settings";

export const TEAM_ID = 7;

export function testDb(): Db {
  const db = openDatabase(":memory:");
  db.prepare(
    "INSERT INTO organizations (id, name, slug, created_at, updated_at) VALUES ('org-1', 'Org', 'org', 0, 0)",
  ).run();
  db.prepare(
    "INSERT INTO teams (id, uuid, organization_id, name, api_token, created_at) VALUES (?, 'team-uuid', 'org-1', 'Team', 'phc_x', 0)",
  ).run(TEAM_ID);
  return db;
}

export function insertExport(db: Db, fields: Partial<BatchExportRow> & { created_at: number }): BatchExportRow {
  const row: BatchExportRow = {
    id: uuidT(fields.created_at),
    team_id: TEAM_ID,
    name: "Test export",
    model: "events",
    destination_type: "AwsS3",
    destination_config: JSON.stringify({ bucket_name: "my-bucket", region: "us-east-1", prefix: "ph/" }),
    integration_id: null,
    interval: "hour",
    paused: 0,
    deleted: 0,
    last_updated_at: fields.created_at,
    last_paused_at: null,
    start_at: null,
    end_at: null,
    hogql_query: null,
    filters: null,
    timezone: "UTC",
    interval_offset: null,
    schedule_cursor: null,
    ...fields,
  };
  db.prepare(
    `INSERT INTO batch_exports (id, team_id, name, model, destination_type, destination_config, integration_id, interval,
       paused, deleted, created_at, last_updated_at, last_paused_at, start_at, end_at, hogql_query, filters, timezone,
       interval_offset, schedule_cursor)
     VALUES (@id, @team_id, @name, @model, @destination_type, @destination_config, @integration_id, @interval,
       @paused, @deleted, @created_at, @last_updated_at, @last_paused_at, @start_at, @end_at, @hogql_query, @filters,
       @timezone, @interval_offset, @schedule_cursor)`,
  ).run(row);
  return row;
}

export function settings(overrides: Partial<SimulationSettings> = {}): SimulationSettings {
  return resolveSimulationSettings({ failureRate: 0, ...overrides });
}

export const at = (iso: string): number => Date.parse(iso);

export interface LogRow {
  instance_id: string;
  timestamp: number;
  level: string;
  message: string;
  team_id: number;
  log_source_id: string;
}

export function logsOf(db: Db, instanceId: string): LogRow[] {
  return db
    .prepare("SELECT * FROM log_entries WHERE instance_id = ? ORDER BY timestamp, seq")
    .all(instanceId) as LogRow[];
}
