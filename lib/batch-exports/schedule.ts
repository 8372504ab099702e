import type { BatchExportInterval } from "@/lib/posthog";
import { localParts, localToUtc, weekdayOf } from "./zoned-time";

/**
 * Batch export schedule math, as PostHog's Temporal schedules run (POSTHOG-API.md §2.2):
 * - `hour` and the minute intervals end on fixed UTC multiples of their length; timezone and offsets do
 *   not move them;
 * - `day` and `week` end every local day (or every `offsetDay`, 0 = Sunday) at `offsetHour`:00 in the
 *   export's timezone, so DST days last 23 or 25 hours.
 * A run exports the interval that ends at its boundary and starts one interval earlier, whatever ran
 * before. So changing a schedule can leave a span no run covers (a gap) or a span two runs cover.
 */
export interface Schedule {
  interval: BatchExportInterval;
  timezone: string;
  offsetHour: number;
  offsetDay: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const FIXED_STEP: Partial<Record<BatchExportInterval, number>> = {
  hour: HOUR,
  "every 5 minutes": 5 * MINUTE,
  "every 15 minutes": 15 * MINUTE,
};

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** Whether this runtime knows the IANA name (an unknown one would make every Intl call throw). */
export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

export function isCalendarInterval(interval: BatchExportInterval): interval is "day" | "week" {
  return interval === "day" || interval === "week";
}

// ---------------------------------------------------------------------------------------------------
// Boundaries

function calendarBoundaries(schedule: Schedule, ms: number, fromDay: number, toDay: number): number[] {
  const { year, month, day } = localParts(schedule.timezone, ms);
  const out: number[] = [];
  for (let delta = fromDay; delta <= toDay; delta++) {
    if (schedule.interval === "week" && weekdayOf({ year, month, day: day + delta }) !== schedule.offsetDay) continue;
    // PostHog resolves a skipped or repeated local hour like zoneinfo with fold=0, as localToUtc does.
    out.push(localToUtc(schedule.timezone, year, month, day + delta, schedule.offsetHour));
  }
  return out;
}

/** When the next run starts: the first interval end strictly after `ms`. */
export function nextRunAfter(schedule: Schedule, ms: number): number {
  const step = FIXED_STEP[schedule.interval];
  if (step !== undefined) return Math.floor(ms / step) * step + step;
  const span = schedule.interval === "week" ? 8 : 2;
  const next = calendarBoundaries(schedule, ms, -1, span).find((boundary) => boundary > ms);
  if (next === undefined) throw new Error(`No run found after ${new Date(ms).toISOString()}`);
  return next;
}

/** The last interval end at or before `ms`: where the data exported so far ends. */
export function lastBoundaryAtOrBefore(schedule: Schedule, ms: number): number {
  const step = FIXED_STEP[schedule.interval];
  if (step !== undefined) return Math.floor(ms / step) * step;
  const span = schedule.interval === "week" ? 8 : 2;
  const last = calendarBoundaries(schedule, ms, -span, 1)
    .filter((boundary) => boundary <= ms)
    .pop();
  if (last === undefined) throw new Error(`No run found before ${new Date(ms).toISOString()}`);
  return last;
}

/** The next `count` run times after `ms`. */
export function upcomingRuns(schedule: Schedule, ms: number, count: number): number[] {
  const runs: number[] = [];
  let cursor = ms;
  while (runs.length < count) {
    cursor = nextRunAfter(schedule, cursor);
    runs.push(cursor);
  }
  return runs;
}

export function sameSchedule(a: Schedule, b: Schedule): boolean {
  if (a.interval !== b.interval) return false;
  if (!isCalendarInterval(a.interval)) return true;
  if (a.timezone !== b.timezone || a.offsetHour !== b.offsetHour) return false;
  return a.interval !== "week" || a.offsetDay === b.offsetDay;
}

export interface Span {
  startMs: number;
  endMs: number;
}

export interface ScheduleChangeImpact {
  /** When the first run under the new schedule starts. */
  firstRunMs: number;
  /** Data no scheduled run will export: it needs a backfill. */
  skipped: Span | null;
  /** Data exported before the change that the first new run exports again. */
  repeated: Span | null;
}

/**
 * What changing from `before` to `after` at `nowMs` does to the exported data, assuming every run of the
 * old schedule so far has happened: the old schedule has exported up to its last boundary; the new
 * schedule's first run exports the interval ending at its next boundary.
 */
export function scheduleChangeImpact(before: Schedule, after: Schedule, nowMs: number): ScheduleChangeImpact {
  const exportedUntil = lastBoundaryAtOrBefore(before, nowMs);
  const firstRunMs = nextRunAfter(after, nowMs);
  const firstStart = lastBoundaryAtOrBefore(after, nowMs);
  return {
    firstRunMs,
    skipped: firstStart > exportedUntil ? { startMs: exportedUntil, endMs: firstStart } : null,
    repeated: firstStart < exportedUntil ? { startMs: firstStart, endMs: exportedUntil } : null,
  };
}

/** The gap a schedule change leaves, or null when none. */
export function skippedSpan(before: Schedule, after: Schedule, nowMs: number): Span | null {
  return scheduleChangeImpact(before, after, nowMs).skipped;
}

// ---------------------------------------------------------------------------------------------------
// Words

export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}

/** "Every hour", "Daily at 02:00 (Europe/Berlin)", "Weekly on Monday at 03:00 (UTC)". */
export function scheduleLabel(schedule: Schedule): string {
  switch (schedule.interval) {
    case "hour":
      return "Every hour";
    case "every 5 minutes":
      return "Every 5 minutes";
    case "every 15 minutes":
      return "Every 15 minutes";
    case "day":
      return `Daily at ${hourLabel(schedule.offsetHour)} (${schedule.timezone})`;
    case "week":
      return `Weekly on ${WEEKDAYS[schedule.offsetDay] ?? "Sunday"} at ${hourLabel(schedule.offsetHour)} (${schedule.timezone})`;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function dayNumber(timezone: string, ms: number): number {
  const { year, month, day } = localParts(timezone, ms);
  return Date.UTC(year, month - 1, day) / DAY;
}

/** "14:00 today", "02:00 tomorrow", "09:30 on Fri 7 Mar", in the given timezone. */
export function formatRunTime(ms: number, nowMs: number, timezone: string): string {
  const wall = localParts(timezone, ms);
  const time = `${String(wall.hour).padStart(2, "0")}:${String(wall.minute).padStart(2, "0")}`;
  const days = dayNumber(timezone, ms) - dayNumber(timezone, nowMs);
  if (days === 0) return `${time} today`;
  if (days === 1) return `${time} tomorrow`;
  if (days === -1) return `${time} yesterday`;
  const date = new Intl.DateTimeFormat("en-GB", { timeZone: timezone, weekday: "short", day: "numeric", month: "short" }).format(ms);
  return `${time} on ${date}`;
}

/** "the hour", "the 11 hours", "the 2 days", with whether it reads as plural. */
function duration(span: Span): { text: string; plural: boolean } {
  const minutes = Math.round((span.endMs - span.startMs) / MINUTE);
  const [count, unit] =
    minutes % (24 * 60) === 0 ? [minutes / (24 * 60), "day"] : minutes % 60 === 0 ? [minutes / 60, "hour"] : [minutes, "minute"];
  return count === 1 ? { text: `the ${unit}`, plural: false } : { text: `the ${count} ${unit}s`, plural: true };
}

/** Where times in a change message are told: the calendar schedule's zone when there is one, else UTC. */
export function displayTimezone(before: Schedule, after: Schedule): string {
  if (isCalendarInterval(after.interval)) return after.timezone;
  if (isCalendarInterval(before.interval)) return before.timezone;
  return "UTC";
}

/**
 * The sentence the confirmation dialog shows, e.g. "Switching from daily at 02:00 (UTC) to every hour:
 * the 11 hours from 02:00 today until 13:00 today (UTC) will not be exported by the schedule; use a
 * backfill to fill them."
 */
export function describeScheduleChange(before: Schedule, after: Schedule, nowMs: number): string {
  const impact = scheduleChangeImpact(before, after, nowMs);
  const timezone = displayTimezone(before, after);
  const at = (ms: number) => formatRunTime(ms, nowMs, timezone);
  const switching = `Switching from ${lowerFirst(scheduleLabel(before))} to ${lowerFirst(scheduleLabel(after))}`;
  const firstRun = `The first run under the new schedule starts at ${at(impact.firstRunMs)} (${timezone}).`;
  if (impact.skipped) {
    const span = impact.skipped;
    const { text, plural } = duration(span);
    return (
      `${switching}: ${text} from ${at(span.startMs)} until ${at(span.endMs)} (${timezone}) will not be exported ` +
      `by the schedule; use a backfill to fill ${plural ? "them" : "it"}. ${firstRun}`
    );
  }
  if (impact.repeated) {
    const span = impact.repeated;
    const { text, plural } = duration(span);
    return (
      `${switching}: ${text} from ${at(span.startMs)} until ${at(span.endMs)} (${timezone}) ${plural ? "were" : "was"} already ` +
      `exported and will be exported again by the first run. ${firstRun}`
    );
  }
  return `${switching}: no data is skipped or exported twice. ${firstRun}`;
}
