import { dateInputValue, formatInTimezone, formatTimeInTimezone } from "./zoned-time";

/**
 * The two ends of a run's or backfill's range in the export's timezone, the end's date repeated only
 * when it differs ("Jan 1, 2026, 10:00" and "11:00"). Open bounds read as PostHog's UI words them: no
 * start covers the "Beginning of time", no end runs "Until present".
 */
export function rangeParts(start: string | null, end: string | null, timezone: string): { from: string; to: string } {
  const startMs = start ? Date.parse(start) : null;
  const endMs = end ? Date.parse(end) : null;
  const from = startMs === null ? "Beginning of time" : formatInTimezone(startMs, timezone);
  if (endMs === null) return { from, to: "Until present" };
  const sameDay = startMs !== null && dateInputValue(startMs, timezone) === dateInputValue(endMs, timezone);
  return { from, to: sameDay ? formatTimeInTimezone(endMs, timezone) : formatInTimezone(endMs, timezone) };
}

/** "Jan 1, 2026, 10:00 → 11:00". */
export function formatRange(start: string | null, end: string | null, timezone: string): string {
  const { from, to } = rangeParts(start, end, timezone);
  return `${from} → ${to}`;
}

export function formatInstant(iso: string | null, timezone: string): string {
  return iso ? formatInTimezone(Date.parse(iso), timezone) : "—";
}
