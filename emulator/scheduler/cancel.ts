/**
 * Cancelling runs and backfills (`POST .../runs/{id}/cancel/`, `POST .../backfills/{id}/cancel/`). Only
 * Starting/Running ones can be cancelled; anything else is PostHog's 400. The entity is first brought up to
 * `now` so a run that by plan already finished is not "cancelled" after the fact.
 */
import type { Db } from "../store/open-database";
import { notFound, validationError } from "../http/api-error";
import { driveBackfill, finish } from "./drive-backfills";
import { advanceRun, exportInfoFor, markRunCancelled } from "./run-lifecycle";
import { getBackfill, getRun, isActiveStatus, type BackfillRow, type RunRow } from "./rows";
import { DEFAULT_SIMULATION_SETTINGS, type SimulationSettings } from "./simulation-settings";

export function cancelRun(db: Db, runId: string, now: number): RunRow {
  return db.transaction((): RunRow => {
    const found = getRun(db, runId);
    if (!found) throw notFound();
    const exportInfo = exportInfoFor(db, found.batch_export_id);
    const run = advanceRun(db, found, exportInfo, now);
    if (!isActiveStatus(run.status)) throw validationError(`Cannot cancel a run that is in '${run.status}' status`);
    return markRunCancelled(db, run, exportInfo, now);
  })();
}

/** Cancels the backfill and its active runs; it creates no further runs. */
export function cancelBackfill(
  db: Db,
  backfillId: string,
  now: number,
  settings: SimulationSettings = DEFAULT_SIMULATION_SETTINGS,
): BackfillRow {
  return db.transaction((): BackfillRow => {
    const found = getBackfill(db, backfillId);
    if (!found) throw notFound();
    const backfill = driveBackfill(db, found, now, settings);
    if (!isActiveStatus(backfill.status)) {
      throw validationError(`Cannot cancel a backfill that is in '${backfill.status}' status`);
    }
    const exportInfo = exportInfoFor(db, backfill.batch_export_id);
    const active = db
      .prepare("SELECT * FROM batch_export_runs WHERE backfill_id = ? AND status IN ('Starting', 'Running') ORDER BY created_at")
      .all(backfill.id) as RunRow[];
    for (const run of active) markRunCancelled(db, run, exportInfo, now);
    return finish(db, backfill, "Cancelled", now, true);
  })();
}
