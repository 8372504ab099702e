import { formatDateTime } from "../http/datetime";
import { backfillProgress } from "../scheduler";
import type { Db } from "../store/open-database";
import type { BackfillRow } from "../store/rows";

export function serializeBackfill(db: Db, row: BackfillRow, now: number) {
  return {
    id: row.id,
    progress: backfillProgress(db, row, now),
    start_at: formatDateTime(row.start_at),
    end_at: formatDateTime(row.end_at),
    status: row.status,
    created_at: formatDateTime(row.created_at),
    finished_at: formatDateTime(row.finished_at),
    last_updated_at: formatDateTime(row.last_updated_at),
    total_records_count: row.total_records_count,
    adjusted_start_at: formatDateTime(row.adjusted_start_at),
    team: row.team_id,
    batch_export: row.batch_export_id,
  };
}
