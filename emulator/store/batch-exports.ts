import type { Db } from "./open-database";
import type { BatchExportRow, RunRow } from "./rows";

export function getBatchExport(db: Db, id: string): BatchExportRow | undefined {
  return db.prepare("SELECT * FROM batch_exports WHERE id = ? AND deleted = 0").get(id) as BatchExportRow | undefined;
}

/** Workflows exports are internal to PostHog's CDP; newer PostHog hides them from lists only. */
const LISTABLE = "deleted = 0 AND destination_type != 'Workflows'";

export function countTeamBatchExports(db: Db, teamIds: number[]): number {
  if (teamIds.length === 0) return 0;
  const row = db
    .prepare(`SELECT COUNT(*) AS n FROM batch_exports WHERE ${LISTABLE} AND team_id IN (${teamIds.map(() => "?").join(",")})`)
    .get(...teamIds) as { n: number };
  return row.n;
}

export function listTeamBatchExports(db: Db, teamIds: number[], limit: number, offset: number): BatchExportRow[] {
  if (teamIds.length === 0) return [];
  return db
    .prepare(
      `SELECT * FROM batch_exports WHERE ${LISTABLE} AND team_id IN (${teamIds.map(() => "?").join(",")})
       ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`,
    )
    .all(...teamIds, limit, offset) as BatchExportRow[];
}

export function latestRuns(db: Db, batchExportId: string, limit = 10): RunRow[] {
  return db
    .prepare("SELECT * FROM batch_export_runs WHERE batch_export_id = ? ORDER BY created_at DESC, id DESC LIMIT ?")
    .all(batchExportId, limit) as RunRow[];
}

export function insertBatchExport(db: Db, row: Omit<BatchExportRow, "deleted">): void {
  db.prepare(
    `INSERT INTO batch_exports (id, team_id, name, model, destination_type, destination_config, integration_id,
       interval, paused, deleted, created_at, last_updated_at, last_paused_at, start_at, end_at, hogql_query, filters,
       timezone, interval_offset, schedule_cursor)
     VALUES (@id, @team_id, @name, @model, @destination_type, @destination_config, @integration_id, @interval, @paused,
       0, @created_at, @last_updated_at, @last_paused_at, @start_at, @end_at, @hogql_query, @filters, @timezone,
       @interval_offset, @schedule_cursor)`,
  ).run(row);
}

export function updateBatchExport(db: Db, id: string, changes: Partial<BatchExportRow>): void {
  const keys = Object.keys(changes);
  if (keys.length === 0) return;
  db.prepare(`UPDATE batch_exports SET ${keys.map((k) => `${k} = @${k}`).join(", ")} WHERE id = @__id`).run({
    ...changes,
    __id: id,
  });
}
