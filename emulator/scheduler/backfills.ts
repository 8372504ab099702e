/** Creating backfills (the backfills route, unpause with `backfill: true`, and run retries). */
import type { Db } from "../store/open-database";
import { uuid4 } from "../store/ids";
import { notFound } from "../http/api-error";
import { workflowIdFor } from "../domain/backfill-rules";
import { getExport, type BackfillRow, type RunRow } from "./rows";

export function createBackfill(
  db: Db,
  input: { batchExportId: string; teamId: number; startMs: number | null; endMs: number | null; now: number },
): BackfillRow {
  const row: BackfillRow = {
    id: uuid4(),
    team_id: input.teamId,
    batch_export_id: input.batchExportId,
    start_at: input.startMs,
    end_at: input.endMs,
    status: "Starting",
    created_at: input.now,
    finished_at: null,
    last_updated_at: input.now,
    total_records_count: null,
    adjusted_start_at: null,
    workflow_id: workflowIdFor(input.batchExportId, input.startMs, input.endMs),
  };
  db.prepare(
    `INSERT INTO batch_export_backfills (id, team_id, batch_export_id, start_at, end_at, status, created_at, finished_at,
       last_updated_at, total_records_count, adjusted_start_at, workflow_id)
     VALUES (@id, @team_id, @batch_export_id, @start_at, @end_at, @status, @created_at, @finished_at,
       @last_updated_at, @total_records_count, @adjusted_start_at, @workflow_id)`,
  ).run(row);
  return row;
}

/** Starting/Running backfills of a team (for the concurrency limit). */
export function activeBackfillCount(db: Db, teamId: number): number {
  const row = db
    .prepare("SELECT COUNT(*) AS n FROM batch_export_backfills WHERE team_id = ? AND status IN ('Starting', 'Running')")
    .get(teamId) as { n: number };
  return row.n;
}

/**
 * `POST .../runs/{id}/retry/`: PostHog re-runs the run's interval as a one-interval backfill
 * (`backfill_export(..., run.data_interval_start, run.data_interval_end)`); returns the backfill id.
 */
export function retryRun(
  db: Db,
  run: Pick<RunRow, "batch_export_id" | "data_interval_start" | "data_interval_end">,
  now: number,
): string {
  const exportRow = getExport(db, run.batch_export_id);
  if (!exportRow) throw notFound("BatchExport not found.");
  return createBackfill(db, {
    batchExportId: run.batch_export_id,
    teamId: exportRow.team_id,
    startMs: run.data_interval_start,
    endMs: run.data_interval_end,
    now,
  }).id;
}
