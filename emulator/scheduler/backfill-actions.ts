/** Backfill side effects of export-level actions (unpause with `backfill: true`, delete). */
import type { Db } from "../store/open-database";
import { createBackfill } from "./backfills";
import { cancelBackfill } from "./cancel";
import type { BackfillRow, BatchExportRow } from "./rows";
import { DEFAULT_SIMULATION_SETTINGS, type SimulationSettings } from "./simulation-settings";

/** A Starting backfill of `[startMs, endMs)` for the export (the simulation picks it up on the next tick). */
export function createBackfillRow(
  db: Db,
  exportRow: Pick<BatchExportRow, "id" | "team_id">,
  startMs: number | null,
  endMs: number | null,
  now: number,
): BackfillRow {
  return createBackfill(db, { batchExportId: exportRow.id, teamId: exportRow.team_id, startMs, endMs, now });
}

/**
 * Cancels every Starting/Running backfill of the export (and their active runs), as PostHog's
 * `disable_and_delete_export` does when an export is deleted. Returns how many were cancelled.
 */
export function cancelActiveBackfillsOf(
  db: Db,
  batchExportId: string,
  now: number,
  settings: SimulationSettings = DEFAULT_SIMULATION_SETTINGS,
): number {
  const ids = db
    .prepare("SELECT id FROM batch_export_backfills WHERE batch_export_id = ? AND status IN ('Starting', 'Running')")
    .pluck()
    .all(batchExportId) as string[];
  let cancelled = 0;
  for (const id of ids) {
    try {
      cancelBackfill(db, id, now, settings);
      cancelled++;
    } catch {
      // Finished by plan before `now`: nothing left to cancel.
    }
  }
  return cancelled;
}
