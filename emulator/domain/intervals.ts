/**
 * Batch export schedule math, as PostHog's Temporal schedules behave:
 * - `hour`, `every 5 minutes`, `every 15 minutes` are Temporal interval specs: boundaries are multiples of the
 *   interval since the Unix epoch, in UTC. Timezone and offsets have no effect on them (PostHog's own test
 *   `test_create_batch_export_with_different_intervals_timezones_and_interval_offsets` says so).
 * - `day` / `week` are Temporal calendar specs in the export's IANA timezone: every local day (or every local
 *   `offset_day`, 0 = Sunday) at `offset_hour`:00. On DST days the interval is 23 or 25 hours long.
 * Local times that do not exist (spring-forward gap) or exist twice (fall-back) resolve like Python's
 * `zoneinfo` with `fold=0`: the offset in force before the transition is used.
 */
export type Interval = "hour" | "day" | "week" | "every 5 minutes" | "every 15 minutes";

export const INTERVALS: readonly Interval[] = ["hour", "day", "week", "every 5 minutes", "every 15 minutes"];

export function isInterval(value: unknown): value is Interval {
  return typeof value === "string" && (INTERVALS as readonly string[]).includes(value);
}

export interface Schedule {
  interval: Interval;
  timezone: string;
  /** `interval_offset` in seconds: offset_day * 86400 + offset_hour * 3600; null means 0. */
  intervalOffsetSeconds: number | null;
}

/** A data interval `[startMs, endMs)`. */
export interface DataInterval {
  startMs: number;
  endMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** PostHog's `interval_time_delta`: the nominal length (a week is always 7 * 24 h here). */
export function intervalMs(interval: Interval): number {
  switch (interval) {
    case "hour":
      return HOUR;
    case "day":
      return DAY;
    case "week":
      return 7 * DAY;
    case "every 5 minutes":
      return 5 * MINUTE;
    case "every 15 minutes":
      return 15 * MINUTE;
  }
}

export function isCalendarInterval(interval: Interval): interval is "day" | "week" {
  return interval === "day" || interval === "week";
}

// ---------------------------------------------------------------------------------------------------------------
// offset_day / offset_hour <-> interval_offset (BatchExport.offset_day / offset_hour properties)

export const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

/** `offset_day` as PostHog renders it: weekly → 0..6 (0 = Sunday, default 0); other intervals → null. */
export function offsetDayFor(interval: Interval, intervalOffsetSeconds: number | null): number | null {
  if (interval !== "week") return null;
  if (intervalOffsetSeconds === null) return 0;
  return Math.floor(intervalOffsetSeconds / 86_400);
}

/** `offset_hour` as PostHog renders it: daily/weekly → 0..23 (default 0); other intervals → null. */
export function offsetHourFor(interval: Interval, intervalOffsetSeconds: number | null): number | null {
  if (!isCalendarInterval(interval)) return null;
  if (intervalOffsetSeconds === null) return 0;
  return Math.floor(intervalOffsetSeconds / 3_600) % 24;
}

/**
 * What PostHog stores as `interval_offset` for the given offsets: null when neither is given (or the interval
 * takes no offsets), otherwise `offset_day * 86400 + offset_hour * 3600` with missing parts counted as 0.
 */
export function intervalOffsetFrom(
  interval: Interval,
  offsetDay: number | null | undefined,
  offsetHour: number | null | undefined,
): number | null {
  if (!isCalendarInterval(interval)) return null;
  const day = interval === "week" ? (offsetDay ?? null) : null;
  const hour = offsetHour ?? null;
  if (day === null && hour === null) return null;
  return (day ?? 0) * 86_400 + (hour ?? 0) * 3_600;
}

export function dayName(day: number): string {
  return DAY_NAMES[((day % 7) + 7) % 7]!;
}

// ---------------------------------------------------------------------------------------------------------------
// Timezone helpers (Intl only)

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timezone, f);
  }
  return f;
}

export function isValidTimezone(timezone: string): boolean {
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}

export interface LocalParts {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Wall-clock fields of an instant in a timezone (milliseconds dropped). */
export function localParts(timezone: string, ms: number): LocalParts {
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timezone).formatToParts(new Date(ms))) {
    if (part.type in out) out[part.type as keyof LocalParts] = Number(part.value);
  }
  return out;
}

/** UTC offset of the timezone at an instant, in milliseconds (local = utc + offset). */
export function tzOffsetMs(timezone: string, ms: number): number {
  const p = localParts(timezone, ms);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const floored = Math.floor(ms / 1000) * 1000;
  return asUtc - floored;
}

/**
 * The instant of a wall-clock time in a timezone, resolved like Python's zoneinfo with fold=0 (ambiguous →
 * first occurrence; nonexistent → shifted forward using the pre-transition offset).
 * `day` may overflow (Date.UTC normalises it), which makes "add N local days" easy.
 */
export function localToUtc(
  timezone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const before = tzOffsetMs(timezone, wall - DAY);
  const after = tzOffsetMs(timezone, wall + DAY);
  const candidates = [wall - before, wall - after].filter((t) => tzOffsetMs(timezone, t) === wall - t);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before;
}

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

// ---------------------------------------------------------------------------------------------------------------
// Boundaries

function calendarHour(schedule: Schedule): number {
  return offsetHourFor(schedule.interval, schedule.intervalOffsetSeconds) ?? 0;
}

/** Calendar boundaries around `ms`, from `fromDayDelta` to `toDayDelta` local days relative to its local date. */
function calendarBoundaries(schedule: Schedule, ms: number, fromDayDelta: number, toDayDelta: number): number[] {
  const tz = schedule.timezone;
  const p = localParts(tz, ms);
  const hour = calendarHour(schedule);
  const weekly = schedule.interval === "week";
  const wantedDay = offsetDayFor(schedule.interval, schedule.intervalOffsetSeconds) ?? 0;
  const out: number[] = [];
  for (let delta = fromDayDelta; delta <= toDayDelta; delta++) {
    if (weekly && weekdayOf(p.year, p.month, p.day + delta) !== wantedDay) continue;
    out.push(localToUtc(tz, p.year, p.month, p.day + delta, hour));
  }
  return out;
}

/** The first interval end strictly after `ms`. */
export function nextBoundaryAfter(schedule: Schedule, ms: number): number {
  if (!isCalendarInterval(schedule.interval)) {
    const step = intervalMs(schedule.interval);
    return Math.floor(ms / step) * step + step;
  }
  const span = schedule.interval === "week" ? 8 : 2;
  const found = calendarBoundaries(schedule, ms, -1, span).find((b) => b > ms);
  if (found === undefined) throw new Error(`no boundary found after ${ms}`);
  return found;
}

/** The last interval end at or before `ms`. */
export function boundaryAtOrBefore(schedule: Schedule, ms: number): number {
  if (!isCalendarInterval(schedule.interval)) {
    const step = intervalMs(schedule.interval);
    return Math.floor(ms / step) * step;
  }
  const span = schedule.interval === "week" ? 8 : 2;
  const found = calendarBoundaries(schedule, ms, -span, 1)
    .filter((b) => b <= ms)
    .pop();
  if (found === undefined) throw new Error(`no boundary found before ${ms}`);
  return found;
}

/** The boundary strictly before `ms`. */
export function boundaryBefore(schedule: Schedule, ms: number): number {
  return boundaryAtOrBefore(schedule, ms - 1);
}

/** The scheduled interval `[start, end)` that contains `ms` (start <= ms < end). */
export function intervalContaining(schedule: Schedule, ms: number): DataInterval {
  return { startMs: boundaryAtOrBefore(schedule, ms), endMs: nextBoundaryAfter(schedule, ms) };
}

/** The scheduled interval that ends at the boundary `endMs`. */
export function intervalEndingAt(schedule: Schedule, endMs: number): DataInterval {
  return { startMs: boundaryBefore(schedule, endMs), endMs };
}

/**
 * The scheduled intervals whose end lies in `(startMs, endMs]`, oldest first. `limit` keeps only the most
 * recent ones (walking back from `endMs`, so a huge span costs only `limit` steps).
 */
export function intervalsBetween(schedule: Schedule, startMs: number, endMs: number, limit = Infinity): DataInterval[] {
  const out: DataInterval[] = [];
  if (endMs <= startMs || limit <= 0) return out;
  let end = boundaryAtOrBefore(schedule, endMs);
  while (end > startMs && out.length < limit) {
    const start = boundaryBefore(schedule, end);
    out.push({ startMs: start, endMs: end });
    end = start;
  }
  return out.reverse();
}

/**
 * One backfill step forward from `ms`, as PostHog's `backfill_range` steps: fixed UTC steps below a day; for
 * `day`/`week` whole local days in the export's timezone (so DST days last 23 or 25 hours).
 */
export function stepForward(schedule: Schedule, ms: number): number {
  if (!isCalendarInterval(schedule.interval)) return ms + intervalMs(schedule.interval);
  const days = schedule.interval === "week" ? 7 : 1;
  const p = localParts(schedule.timezone, ms);
  return localToUtc(schedule.timezone, p.year, p.month, p.day + days, p.hour, p.minute, p.second) + (ms % 1000);
}

/**
 * PostHog's `backfill_range(start_at, end_at, step, timezone)`: consecutive intervals starting at `startMs`
 * (not aligned to the schedule), stopping before an interval would end after `endMs`.
 */
export function backfillRange(schedule: Schedule, startMs: number, endMs: number, limit = Infinity): DataInterval[] {
  const out: DataInterval[] = [];
  let current = startMs;
  while (current < endMs && out.length < limit) {
    const next = stepForward(schedule, current);
    if (next > endMs) break;
    out.push({ startMs: current, endMs: next });
    current = next;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Python-style rendering

function pad(n: number, width = 2): string {
  return String(Math.abs(n)).padStart(width, "0");
}

/**
 * Python's `datetime.isoformat()` for an aware datetime: `2026-01-01T00:00:00+00:00`, with `.ffffff` only when
 * there is a sub-second part. `timezone` picks the offset (default UTC); `offsetMinutes` overrides it.
 */
export function pythonIsoformat(ms: number, timezone = "UTC", offsetMinutes?: number): string {
  const offset = offsetMinutes !== undefined ? offsetMinutes * MINUTE : tzOffsetMs(timezone, ms);
  const local = new Date(ms + offset);
  const millis = ((ms % 1000) + 1000) % 1000;
  const fraction = millis === 0 ? "" : `.${pad(millis, 3)}000`;
  const sign = offset < 0 ? "-" : "+";
  const offMin = Math.abs(offset) / MINUTE;
  return (
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}` +
    `${sign}${pad(Math.floor(offMin / 60))}:${pad(offMin % 60)}`
  );
}
