import type { BatchExportRun } from "@/lib/posthog";
import { intervalMinutes } from "./export-schedule";
import { isCalendarInterval, type Schedule } from "./schedule";
import { localParts, localToUtc } from "./zoned-time";

/**
 * What a backfill will do before it is started, computed as PostHog's `backfill_range` walks a range:
 * consecutive intervals from the start, fixed UTC steps below a day, whole local days (so 23 or 25
 * hours across a DST change) for daily and weekly exports, stopping before an interval would end
 * after the end.
 */
export interface BackfillPreview {
  /** Runs PostHog will schedule, one per interval. */
  runs: number;
  /** Where the last interval ends; equals the start when no interval fits. */
  coveredEndMs: number;
  /** The tail of the range too short to fill an interval; PostHog leaves it out. */
  leftoverMs: number;
  /** Distinct data intervals of the export's recent Completed runs that the backfill exports again. */
  alreadyExported: number;
}

const DAY_MS = 86_400_000;

/** The end of the `k`-th interval after `startMs` (k = 0 is the start itself). */
function stepEnd(schedule: Schedule, startMs: number, k: number): number {
  if (!isCalendarInterval(schedule.interval)) return startMs + k * intervalMinutes(schedule.interval) * 60_000;
  const days = schedule.interval === "week" ? 7 : 1;
  const p = localParts(schedule.timezone, startMs);
  // Wall-clock arithmetic from the start, as Python adds timedelta(days=…) to an aware datetime.
  return localToUtc(schedule.timezone, p.year, p.month, p.day + k * days, p.hour, p.minute, p.second);
}

/** How many intervals fit in `[startMs, endMs]`, without walking a long range one step at a time. */
export function countBackfillRuns(schedule: Schedule, startMs: number, endMs: number): number {
  if (endMs <= startMs) return 0;
  let k: number;
  if (isCalendarInterval(schedule.interval)) {
    const days = schedule.interval === "week" ? 7 : 1;
    const a = localParts(schedule.timezone, startMs);
    const b = localParts(schedule.timezone, endMs);
    const localDays = (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS;
    k = Math.floor(localDays / days) + 1;
  } else {
    k = Math.floor((endMs - startMs) / (intervalMinutes(schedule.interval) * 60_000)) + 1;
  }
  // The estimate is off by at most one either way (time of day, DST); settle it exactly.
  while (k > 0 && stepEnd(schedule, startMs, k) > endMs) k--;
  while (stepEnd(schedule, startMs, k + 1) <= endMs) k++;
  return k;
}

function overlaps(run: BatchExportRun, startMs: number, endMs: number): boolean {
  const runStart = run.data_interval_start === null ? -Infinity : Date.parse(run.data_interval_start);
  return runStart < endMs && Date.parse(run.data_interval_end) > startMs;
}

/** Completed intervals among `runs` (an export's `latest_runs`) that overlap `[startMs, endMs)`. */
export function alreadyExportedIntervals(runs: readonly BatchExportRun[], startMs: number, endMs: number): number {
  if (endMs <= startMs) return 0;
  const seen = new Set<string>();
  for (const run of runs) {
    if (run.status === "Completed" && overlaps(run, startMs, endMs)) seen.add(`${run.data_interval_start}|${run.data_interval_end}`);
  }
  return seen.size;
}

export function previewBackfill(
  schedule: Schedule,
  startMs: number,
  endMs: number,
  latestRuns: readonly BatchExportRun[],
): BackfillPreview {
  const runs = countBackfillRuns(schedule, startMs, endMs);
  const coveredEndMs = stepEnd(schedule, startMs, runs);
  return {
    runs,
    coveredEndMs,
    leftoverMs: Math.max(0, endMs - coveredEndMs),
    alreadyExported: alreadyExportedIntervals(latestRuns, startMs, coveredEndMs),
  };
}
