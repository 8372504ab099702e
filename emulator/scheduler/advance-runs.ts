/** Phase (b) of a tick: every Starting/Running run whose planned transition time has passed moves on. */
import type { Db } from "../store/open-database";
import { advanceRun, exportInfoFor } from "./run-lifecycle";
import type { ExportInfo, RunRow } from "./rows";

export function advanceDueRuns(db: Db, now: number): number {
  const due = db
    .prepare(
      `SELECT * FROM batch_export_runs
       WHERE status IN ('Starting', 'Running')
         AND ((status = 'Starting' AND sim_running_at <= @now) OR (status = 'Running' AND sim_finish_at <= @now))
       ORDER BY created_at, id`,
    )
    .all({ now }) as RunRow[];
  const exports = new Map<string, ExportInfo>();
  for (const run of due) {
    let info = exports.get(run.batch_export_id);
    if (!info) {
      info = exportInfoFor(db, run.batch_export_id);
      exports.set(run.batch_export_id, info);
    }
    advanceRun(db, run, info, now);
  }
  return due.length;
}
