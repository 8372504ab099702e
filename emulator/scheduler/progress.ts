/**
 * `BatchExportBackfillSerializer.get_progress` and `BatchExportBackfill.total_expected_runs`.
 */
import type { Db } from "../store/open-database";
import { intervalMs } from "../domain/intervals";
import { exportInterval, type BackfillRow } from "./rows";

export interface BackfillProgress {
  total_runs: number | null;
  finished_runs: number | null;
  progress: number | null;
}

type ProgressInput = Pick<
  BackfillRow,
  "id" | "batch_export_id" | "status" | "start_at" | "end_at" | "adjusted_start_at" | "finished_at" | "total_records_count"
>;

export function totalExpectedRuns(db: Db, backfill: ProgressInput, now: number): number | null {
  const start = backfill.adjusted_start_at ?? backfill.start_at;
  if (start === null) return 1;
  if (backfill.total_records_count === 0) return 0;
  let end = backfill.end_at;
  if (end === null && backfill.finished_at !== null) end = backfill.finished_at;
  else if (end === null && backfill.status === "Running") end = now;
  else if (end === null) return null;
  const row = db.prepare("SELECT interval FROM batch_exports WHERE id = ?").get(backfill.batch_export_id) as
    | { interval: string }
    | undefined;
  if (!row) return null;
  return Math.ceil((end - start) / intervalMs(exportInterval(row)));
}

export function backfillProgress(db: Db, backfill: ProgressInput, now: number = Date.now()): BackfillProgress | null {
  if (backfill.status === "Completed") {
    const total = totalExpectedRuns(db, backfill, now);
    return { total_runs: total, finished_runs: total, progress: 1.0 };
  }
  if (backfill.status !== "Running" && backfill.status !== "Starting") return null;
  const expected = totalExpectedRuns(db, backfill, now);
  if (!expected) return null;
  if (backfill.start_at === null && backfill.adjusted_start_at === null) return null;
  const finished = (
    db
      .prepare("SELECT COUNT(*) AS n FROM batch_export_runs WHERE backfill_id = ? AND status IN ('Completed', 'Failed')")
      .get(backfill.id) as { n: number }
  ).n;
  const total = Math.max(expected, finished);
  return { total_runs: total, finished_runs: finished, progress: pythonRound(finished / total, 1) };
}

/**
 * Python's `round(x, ndigits)` for non-negative x: correctly rounded on the exact binary value, ties to even
 * (so `round(0.25, 1) == 0.2` and `round(0.35, 1) == 0.3`).
 */
export function pythonRound(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x < 0) return Math.round(x * 10 ** ndigits) / 10 ** ndigits;
  const exact = x.toFixed(100);
  const dot = exact.indexOf(".");
  const kept = exact.slice(0, dot + 1 + ndigits);
  const rest = exact.slice(dot + 1 + ndigits);
  const base = Number(kept);
  const unit = 10 ** -ndigits;
  const first = rest.charAt(0);
  const tail = rest.slice(1);
  let roundUp: boolean;
  if (first > "5") roundUp = true;
  else if (first < "5") roundUp = false;
  else if (/[1-9]/.test(tail)) roundUp = true;
  else roundUp = Number(kept.replace(".", "").slice(-1)) % 2 === 1;
  return roundUp ? Number((base + unit).toFixed(ndigits)) : base;
}
