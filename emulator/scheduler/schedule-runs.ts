/**
 * Phase (a) of a tick: every unpaused, non-deleted export gets a Starting run for each interval boundary that
 * passed since its `schedule_cursor` (initially its `created_at`), within its `start_at`/`end_at` bounds, capped
 * to the most recent `maxCatchUpIntervals`. Runs are stamped at their boundary, not at "now".
 * Paused exports keep their cursor near "now" (within a minute), so unpausing does not replay the paused
 * period even if the route forgot to reset the cursor (PostHog only does that when unpause is called with
 * `backfill: true`, which the route turns into a backfill). The cursor of an unpaused export only moves when
 * runs were scheduled.
 */
import type { Db } from "../store/open-database";
import { intervalsBetween } from "../domain/intervals";
import { createRun } from "./run-lifecycle";
import { scheduleOf, type BatchExportRow } from "./rows";
import type { SimulationSettings } from "./simulation-settings";

/** Paused exports' cursors are refreshed at most this often, to spare a write per paused export per tick. */
const PAUSED_CURSOR_SLACK_MS = 60_000;

export function scheduleDueRuns(db: Db, now: number, settings: SimulationSettings): number {
  db.prepare(
    "UPDATE batch_exports SET schedule_cursor = ? WHERE paused = 1 AND deleted = 0 AND (schedule_cursor IS NULL OR schedule_cursor < ?)",
  ).run(now, now - PAUSED_CURSOR_SLACK_MS);

  const exports = db
    .prepare("SELECT * FROM batch_exports WHERE paused = 0 AND deleted = 0 ORDER BY created_at, id")
    .all() as BatchExportRow[];
  const moveCursor = db.prepare("UPDATE batch_exports SET schedule_cursor = ? WHERE id = ?");

  let created = 0;
  for (const row of exports) {
    const cursor = row.schedule_cursor ?? row.created_at;
    if (cursor >= now) continue;
    // Runs are due for boundaries in (lower, upper]: after the cursor and start_at, at or before now and end_at.
    const lower = Math.max(cursor, row.start_at ?? -Infinity);
    const upper = Math.min(now, row.end_at ?? Infinity);
    const due = upper > lower ? intervalsBetween(scheduleOf(row), lower, upper, settings.maxCatchUpIntervals) : [];
    for (const interval of due) {
      createRun(db, {
        exportInfo: row,
        startMs: interval.startMs,
        endMs: interval.endMs,
        createdAt: interval.endMs,
        backfillId: null,
        settings,
      });
      created++;
    }
    if (due.length > 0) moveCursor.run(now, row.id);
  }
  return created;
}
