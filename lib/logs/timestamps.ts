/**
 * Log timestamps as integer microseconds since the epoch. PostHog stores log times with microsecond
 * precision (ClickHouse DateTime64(6)) and `Date` keeps only milliseconds, so two lines 200 µs apart
 * would otherwise compare equal and look like duplicates. 2^53 µs is year 2255: a plain number is exact.
 */

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::(\d{2}))?(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i;

function normaliseZone(zone: string | undefined): string {
  if (!zone || zone.toUpperCase() === "Z") return "Z";
  return zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/** Microseconds since the epoch of an ISO datetime as PostHog renders it (`Z` or `+00:00`, 0–6 decimals). */
export function toMicros(iso: string): number {
  const match = ISO.exec(iso.trim());
  if (!match) {
    const ms = Date.parse(iso);
    if (Number.isNaN(ms)) throw new RangeError(`Not a datetime: ${iso}`);
    return ms * 1000;
  }
  const [, date, hoursMinutes, seconds = "00", fraction = "", zone] = match;
  const wholeSeconds = Date.parse(`${date}T${hoursMinutes}:${seconds}${normaliseZone(zone)}`);
  if (Number.isNaN(wholeSeconds)) throw new RangeError(`Not a datetime: ${iso}`);
  return wholeSeconds * 1000 + Number(fraction.padEnd(6, "0").slice(0, 6));
}

/** An ISO bound with all six decimals (`2026-01-01T00:00:00.123456Z`), as PostHog's `after`/`before` accept. */
export function formatMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const rest = micros - ms * 1000;
  return `${new Date(ms).toISOString().slice(0, 23)}${String(rest).padStart(3, "0")}Z`;
}

export const MICROS_PER_MS = 1000;
