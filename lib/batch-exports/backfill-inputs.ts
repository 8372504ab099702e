import { intervalMinutes } from "./export-schedule";
import { isCalendarInterval, lastBoundaryAtOrBefore, type Schedule } from "./schedule";
import {
  dateInputValue,
  dateTimeInputValue,
  localToUtc,
  isoWithOffset,
  offsetMs,
  parseDateInput,
  parseDateTimeInput,
  weekdayOf,
} from "./zoned-time";

/**
 * The backfill dialog's inputs hold wall-clock values in the export's timezone: dates for daily and
 * weekly exports (PostHog combines them with `offset_hour`), date-times otherwise.
 */
export type BoundInputKind = "date" | "datetime-local";

export function boundInputKind(schedule: Schedule): BoundInputKind {
  return isCalendarInterval(schedule.interval) ? "date" : "datetime-local";
}

/**
 * The `step` of the inputs, in seconds, so the picker offers only interval boundaries. A timezone off
 * UTC by a non-whole hour (India, Nepal) cannot put hourly boundaries on the hour: minutes stay free.
 */
export function boundInputStep(schedule: Schedule, now: number): number | undefined {
  if (isCalendarInterval(schedule.interval)) return undefined;
  if (schedule.interval !== "hour") return intervalMinutes(schedule.interval) * 60;
  return offsetMs(schedule.timezone, now) % 3_600_000 === 0 ? 3600 : 60;
}

/** The instant an input stands for, or null when it is empty or not a real date. */
export function boundInstant(value: string, schedule: Schedule): number | null {
  if (isCalendarInterval(schedule.interval)) {
    const date = parseDateInput(value);
    return date ? localToUtc(schedule.timezone, date.year, date.month, date.day, schedule.offsetHour) : null;
  }
  const dt = parseDateTimeInput(value);
  return dt ? localToUtc(schedule.timezone, dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second) : null;
}

/** The weekday of a date input (0 = Sunday), or null for a date-time or unreadable value. */
export function boundWeekday(value: string): number | null {
  const date = parseDateInput(value);
  return date ? weekdayOf(date) : null;
}

/**
 * What PostHog's `backfills` action expects: the date alone for daily and weekly exports
 * ("2026-01-01"; a time is refused), otherwise an ISO datetime with its offset, since a naive one is
 * refused ("Input X is naive.").
 */
export function boundRequestValue(value: string, schedule: Schedule): string | null {
  if (isCalendarInterval(schedule.interval)) return parseDateInput(value) ? value : null;
  const ms = boundInstant(value, schedule);
  return ms === null ? null : isoWithOffset(ms, schedule.timezone);
}

/** The input value for an instant, in the export's timezone. */
export function boundInputValue(ms: number, schedule: Schedule): string {
  return isCalendarInterval(schedule.interval) ? dateInputValue(ms, schedule.timezone) : dateTimeInputValue(ms, schedule.timezone);
}

/** PostHog's default end: the most recent interval boundary, as the end input shows it. */
export function defaultEndValue(schedule: Schedule, now: number): string {
  return boundInputValue(lastBoundaryAtOrBefore(schedule, now), schedule);
}
