/**
 * Wall-clock time in an IANA timezone, with Intl only (no date library in the bundle). The browser's
 * own timezone never matters here: PostHog reads backfill bounds in the export's timezone.
 */

export interface LocalParts {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** The wall-clock fields of an instant in `timezone` (milliseconds dropped). */
export function localParts(timezone: string, ms: number): LocalParts {
  const out: LocalParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of partsFormatter(timezone).formatToParts(new Date(ms))) {
    if (part.type in out) out[part.type as keyof LocalParts] = Number(part.value);
  }
  return out;
}

/** The UTC offset of `timezone` at an instant, in milliseconds (local = UTC + offset). */
export function offsetMs(timezone: string, ms: number): number {
  const p = localParts(timezone, ms);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant of a wall-clock time in `timezone`, resolved as Python's zoneinfo does with fold=0 (what
 * PostHog does with the dates it combines with `offset_hour`): a repeated time takes its first
 * occurrence, a skipped one is read with the offset in force before the change. `day` may overflow.
 */
export function localToUtc(timezone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const before = offsetMs(timezone, wall - DAY_MS);
  const after = offsetMs(timezone, wall + DAY_MS);
  const matches = [wall - before, wall - after].filter((t) => offsetMs(timezone, t) === wall - t);
  return matches.length > 0 ? Math.min(...matches) : wall - before;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/** `2026-01-01T00:00:00+01:00`: the instant as the export's timezone writes it (seconds precision). */
export function isoWithOffset(ms: number, timezone: string): string {
  const offset = offsetMs(timezone, ms);
  const p = localParts(timezone, ms);
  const minutes = Math.abs(offset) / 60_000;
  return (
    `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${offset < 0 ? "-" : "+"}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
  );
}

/** `YYYY-MM-DD`, the value of an `<input type="date">`, for the local date of an instant. */
export function dateInputValue(ms: number, timezone: string): string {
  const p = localParts(timezone, ms);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `YYYY-MM-DDTHH:mm`, the value of an `<input type="datetime-local">`, for an instant. */
export function dateTimeInputValue(ms: number, timezone: string): string {
  const p = localParts(timezone, ms);
  return `${dateInputValue(ms, timezone)}T${pad(p.hour)}:${pad(p.minute)}`;
}

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A real calendar date written `YYYY-MM-DD`, or null. */
export function parseDateInput(value: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** `YYYY-MM-DDTHH:mm` (seconds allowed), or null. */
export function parseDateTimeInput(value: string): (LocalDate & { hour: number; minute: number; second: number }) | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const date = parseDateInput(m[1]!);
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (!date || hour > 23 || minute > 59 || second > 59) return null;
  return { ...date, hour, minute, second };
}

/** 0 = Sunday … 6 = Saturday, as PostHog's `offset_day` counts. */
export function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

const displayFormatters = new Map<string, Intl.DateTimeFormat>();

function displayFormatter(timezone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timezone}|${JSON.stringify(options)}`;
  let formatter = displayFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone: timezone, ...options });
    displayFormatters.set(key, formatter);
  }
  return formatter;
}

/** "Mar 29, 2026, 02:00" in `timezone`, for tables and previews. */
export function formatInTimezone(ms: number, timezone: string): string {
  return displayFormatter(timezone, { dateStyle: "medium", timeStyle: "short", hourCycle: "h23" }).format(new Date(ms));
}

/** "Dec 4, 16:33" in `timezone`: for times within days of now, where the year says nothing. */
export function formatRecentInTimezone(ms: number, timezone: string): string {
  return displayFormatter(timezone, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(ms));
}

/** "02:00" in `timezone`. */
export function formatTimeInTimezone(ms: number, timezone: string): string {
  return displayFormatter(timezone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(ms));
}

/** "March 29, 2026 2:00 AM GMT+2", the form PostHog's backfill modal uses in its messages. */
export function formatLongInTimezone(ms: number, timezone: string): string {
  const parts = displayFormatter(timezone, {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    hour12: true,
    timeZoneName: "short",
  }).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("month")} ${get("day")}, ${get("year")} ${get("hour")}:${get("minute")} ${get("dayPeriod")} ${get("timeZoneName")}`;
}
