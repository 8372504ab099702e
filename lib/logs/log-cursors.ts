/**
 * The `after` / `before` bounds of PostHog's log queries. Both are EXCLUSIVE and many lines can share a
 * timestamp, so a bound is never the timestamp of a held line as it is: the queries overlap what is
 * held a little, and the store's dedupe drops what comes twice.
 */
import { formatMicros, MICROS_PER_MS } from "./timestamps";

/**
 * How far below the newest held line a poll looks again. Lines can be written with a timestamp a
 * little in the past (workers' clocks, ingestion lag); re-reading the last second catches those, and
 * costs only the lines of that second.
 */
export const LATE_LINE_WINDOW_MICROS = 1_000_000;

/**
 * The step that turns an exclusive bound into an inclusive one. A millisecond, not a microsecond:
 * PostHog-compatible servers may read bounds at millisecond precision (the local PostHog does), where
 * `T + 1µs` would round back to `T` and exclude the lines at `T`.
 */
export const BOUND_STEP_MICROS = MICROS_PER_MS;

/** Page size of every query: PostHog's maximum, so catching up and paging back take the fewest calls. */
export const PAGE_SIZE = 500;

export interface PageBounds {
  after?: string;
  before?: string;
  limit: number;
}

/** `after` of a poll: everything from the late-line window below the newest held line (none when nothing is held). */
export function pollAfter(newestMicros: number | null, windowMicros = LATE_LINE_WINDOW_MICROS): number | undefined {
  return newestMicros === null ? undefined : newestMicros - windowMicros;
}

/** `before` that still includes the lines at `micros`. */
export function inclusiveBefore(micros: number): number {
  return micros + BOUND_STEP_MICROS;
}

/**
 * After a full page (newest first), the `before` that continues below it. Its oldest timestamp may hold
 * more lines than the page showed, so the next query includes that timestamp again. When that would not
 * move (a page's worth of lines within one step, which PostHog cannot page inside), it steps past the
 * timestamp instead: a few of its lines may be missed, but paging goes on.
 */
export function continueBelow(pageOldestMicros: number, previousBefore: number | undefined): { before: number; crowded: boolean } {
  const next = inclusiveBefore(pageOldestMicros);
  if (previousBefore !== undefined && next >= previousBefore) return { before: pageOldestMicros, crowded: true };
  return { before: next, crowded: false };
}

export function bounds(after: number | undefined, before: number | undefined, limit: number): PageBounds {
  return {
    limit,
    ...(after !== undefined ? { after: formatMicros(after) } : {}),
    ...(before !== undefined ? { before: formatMicros(before) } : {}),
  };
}
