import { boundInstant, boundWeekday } from "./backfill-inputs";
import { dayName, intervalMinutes } from "./export-schedule";
import type { Schedule } from "./schedule";
import { countBackfillRuns } from "./interval-preview";
import { formatLongInTimezone, offsetMs } from "./zoned-time";

/**
 * PostHog's backfill rules, checked in the browser before anything is sent, so a mistake is named on
 * the field it concerns. The messages are those of PostHog's own backfill modal
 * (`batchExportBackfillModalLogic`); the weekday is named on both bounds, and the last two rules
 * (hour boundaries, a range shorter than one interval) are ours: PostHog's picker simply offers no
 * such choice, and its server would accept a backfill that exports nothing.
 */
export interface BackfillInputs {
  start_at: string;
  end_at: string;
}

export type BackfillErrors = Partial<Record<keyof BackfillInputs, string>>;

type Bound = "Start" | "End";

/** Bounds must sit on the export's own boundaries: fixed steps in UTC for hourly and sub-hour exports. */
function misaligned(bound: Bound, ms: number, schedule: Schedule): string | null {
  if (schedule.interval === "day" || schedule.interval === "week") return null;
  const minutes = intervalMinutes(schedule.interval);
  if (ms % (minutes * 60_000) === 0) return null;
  if (schedule.interval === "hour") {
    const utcNote = offsetMs(schedule.timezone, ms) % 3_600_000 === 0 ? "" : " (in UTC)";
    return `${bound} time must be on the hour${utcNote} for hourly batch exports`;
  }
  return `${bound} time must be a multiple of ${minutes} minutes for ${minutes}-minute batch exports`;
}

function wrongWeekday(bound: Bound, value: string, schedule: Schedule): string | null {
  if (schedule.interval !== "week" || boundWeekday(value) === schedule.offsetDay) return null;
  return `${bound} date must be on a valid day of the week (${dayName(schedule.offsetDay)}) for weekly batch exports`;
}

function checkStart(value: string, schedule: Schedule): string | null {
  if (!value) return "Start date is required";
  const ms = boundInstant(value, schedule);
  if (ms === null) return "Start date is not a valid date";
  return misaligned("Start", ms, schedule) ?? wrongWeekday("Start", value, schedule);
}

/** In PostHog's precedence: "after start" outranks "in the future", which outranks the format rules. */
function checkEnd(value: string, startMs: number | null, schedule: Schedule, now: number): string | null {
  if (!value) return "End date is required";
  const ms = boundInstant(value, schedule);
  if (ms === null) return "End date is not a valid date";
  if (startMs !== null && ms <= startMs) return "End date must be after start date";
  if (ms > now) return `End date (${formatLongInTimezone(ms, schedule.timezone)}) cannot be in the future`;
  return wrongWeekday("End", value, schedule) ?? misaligned("End", ms, schedule);
}

export function checkBackfillRange(inputs: BackfillInputs, schedule: Schedule, now: number): BackfillErrors {
  const errors: BackfillErrors = {};
  const start = checkStart(inputs.start_at, schedule);
  if (start) errors.start_at = start;
  const startMs = start ? null : boundInstant(inputs.start_at, schedule);
  const end = checkEnd(inputs.end_at, startMs, schedule, now);
  if (end) errors.end_at = end;
  if (!start && !end && startMs !== null) {
    const endMs = boundInstant(inputs.end_at, schedule)!;
    if (countBackfillRuns(schedule, startMs, endMs) === 0) errors.end_at = "The range is shorter than one interval: nothing would be exported";
  }
  return errors;
}

/** Whether the bounds could be sent at all, leaving out the clock ("in the future"): the preview's condition. */
export function isWellFormedRange(inputs: BackfillInputs, schedule: Schedule): boolean {
  return Object.keys(checkBackfillRange(inputs, schedule, Number.POSITIVE_INFINITY)).length === 0;
}
