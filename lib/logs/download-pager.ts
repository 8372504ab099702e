import { z } from "zod";
import { LOG_QUERY_MAX_LIMIT, LogEntry } from "@/lib/posthog/log-entry";
import { ApiRequestError, apiRequest } from "@/lib/queries/api-client";
import { relayedPage } from "@/lib/queries/pages";
import { filterQuery, type LogFilters } from "./log-filters";
import { formatMicros, MICROS_PER_MS, toMicros } from "./timestamps";

/**
 * Pages backwards through an export's logs (newest first, `before=`) to collect every line that matches
 * the filters, for a download. PostHog's `before` is exclusive and timestamps can tie, so each page after
 * the first re-asks from just above the oldest timestamp seen and drops the lines it already has: a plain
 * `before=<oldest>` would silently skip the rest of a tie cut by the page limit.
 */

/** PostHog's log entry, with any level it may send: a download carries what PostHog has, not what we know. */
export const DownloadedLine = LogEntry.extend({ level: z.string() });
export type DownloadedLine = z.infer<typeof DownloadedLine>;

export interface DownloadProgress {
  lines: number;
  pages: number;
  /** Seconds left of a wait PostHog asked for (429), or null while fetching. */
  waitingSeconds: number | null;
}

/** One logs request with these query parameters; the lines newest first, as PostHog returns them. */
export type FetchLogPage = (query: URLSearchParams, signal: AbortSignal | undefined) => Promise<DownloadedLine[]>;

export interface PagerClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
}

export interface DownloadOptions {
  filters: LogFilters;
  fetchPage: FetchLogPage;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Stop after this many lines (the newest ones are kept). */
  maxLines?: number;
  /** Least time between two request starts. */
  minIntervalMs?: number;
  clock?: PagerClock;
}

export interface DownloadResult {
  /** Oldest first. */
  entries: DownloadedLine[];
  pages: number;
  /** True when `maxLines` stopped the download before the oldest line. */
  capped: boolean;
  /**
   * Timestamps shared by more lines than one page holds. PostHog's bounds cannot split such a tie, so some
   * of its lines may be missing from `entries`.
   */
  crowdedTimestamps: string[];
}

export const DEFAULT_MAX_LINES = 250_000;
/**
 * 5 requests/second = 300/minute: the dashboard holds each key under 400/minute, and the live view on the
 * same key needs room while a download runs.
 */
export const DEFAULT_MIN_INTERVAL_MS = 200;
const PAGE_SIZE = LOG_QUERY_MAX_LIMIT;
/**
 * How far above the oldest timestamp the next page starts. The local PostHog keeps milliseconds and drops
 * the microseconds of a bound, so a 1 µs nudge would be lost there; a millisecond works on both, and the
 * few lines it re-reads are dropped as duplicates.
 */
const REREAD_WINDOW_US = MICROS_PER_MS;
/** Longer waits than this (the hourly budget is spent) end the download rather than stall it for ages. */
const MAX_THROTTLE_WAIT_S = 120;
const MAX_THROTTLED_IN_A_ROW = 10;
const MAX_FAILURES_IN_A_ROW = 3;
const TRANSIENT = new Set([0, 502, 503, 504]);

/** PostHog's "Request was throttled. Expected available in N seconds." (it sends no Retry-After). */
export function throttleSeconds(detail: string): number | null {
  const seconds = /available in (\d+) seconds?/.exec(detail)?.[1];
  return seconds === undefined ? null : Number(seconds);
}

const LogPage = relayedPage(DownloadedLine);

/** Pages through the dashboard's logs proxy (same origin, session cookie). */
export function proxyLogPages(organizationId: string, exportId: string): FetchLogPage {
  const path = `/api/organizations/${encodeURIComponent(organizationId)}/batch_exports/${encodeURIComponent(exportId)}/logs/`;
  return async (query, signal) => (await apiRequest(`${path}?${query}`, LogPage, { signal })).results;
}

export const realClock: PagerClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

interface Seen {
  entry: DownloadedLine;
  micros: number;
}

const lineKey = (line: Seen) =>
  `${line.micros}\u0000${line.entry.level}\u0000${line.entry.instance_id}\u0000${line.entry.message}`;

/** Lines already collected with a timestamp in [from, to), counted, since two identical lines are both real. */
function countsInWindow(collected: Seen[], from: number, to: number): Map<string, number> {
  const counts = new Map<string, number>();
  if (from === Number.POSITIVE_INFINITY) return counts;
  for (let i = collected.length - 1; i >= 0 && collected[i]!.micros < to; i--) {
    const line = collected[i]!;
    if (line.micros < from) continue;
    const key = lineKey(line);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export async function downloadLogs(options: DownloadOptions): Promise<DownloadResult> {
  const { filters, fetchPage, signal, onProgress } = options;
  const maxLines = options.maxLines ?? DEFAULT_MAX_LINES;
  const minIntervalMs = options.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS;
  const clock = options.clock ?? realClock;
  const collected: Seen[] = [];
  const crowded: string[] = [];
  let pages = 0;
  let lastStart = Number.NEGATIVE_INFINITY;
  // `before` to send (µs), and the start of the window whose lines may come back a second time.
  let before: number | null = null;
  let rereadFrom = Number.POSITIVE_INFINITY;
  const report = (waitingSeconds: number | null) =>
    onProgress?.({ lines: Math.min(collected.length, maxLines), pages, waitingSeconds });

  async function fetchWithRetries(query: URLSearchParams): Promise<DownloadedLine[]> {
    let throttled = 0;
    let failed = 0;
    for (;;) {
      signal?.throwIfAborted();
      const wait = lastStart + minIntervalMs - clock.now();
      if (wait > 0) await clock.sleep(wait, signal);
      lastStart = clock.now();
      try {
        return await fetchPage(query, signal);
      } catch (error) {
        if (!(error instanceof ApiRequestError)) throw error;
        if (error.status === 429 && ++throttled <= MAX_THROTTLED_IN_A_ROW) {
          const seconds = throttleSeconds(error.body.detail) ?? 2 ** throttled;
          if (seconds > MAX_THROTTLE_WAIT_S) {
            throw new Error(
              `PostHog's rate limit for this key allows no more requests for ${Math.ceil(seconds / 60)} minutes. ` +
                "Try the download again later, or narrow the filters.",
            );
          }
          // Counted down a second at a time so the button can say when it resumes.
          for (let left = seconds; left > 0; left--) {
            report(left);
            await clock.sleep(1000, signal);
          }
          report(null);
          continue;
        }
        if (TRANSIENT.has(error.status) && ++failed < MAX_FAILURES_IN_A_ROW) {
          await clock.sleep(1000 * 2 ** (failed - 1), signal);
          continue;
        }
        throw error;
      }
    }
  }

  const query = new URLSearchParams({ ...filterQuery(filters), limit: String(PAGE_SIZE) });
  for (;;) {
    if (before === null) query.delete("before");
    else query.set("before", formatMicros(before));
    const rows = await fetchWithRetries(query);
    pages += 1;
    const already = countsInWindow(collected, rereadFrom, before ?? Number.POSITIVE_INFINITY);
    let oldest = Number.POSITIVE_INFINITY;
    for (const entry of rows) {
      const line = { entry, micros: toMicros(entry.timestamp) };
      oldest = Math.min(oldest, line.micros);
      const key = lineKey(line);
      const copies = line.micros >= rereadFrom ? (already.get(key) ?? 0) : 0;
      if (copies > 0) already.set(key, copies - 1);
      else collected.push(line);
    }
    report(null);
    // A short page means PostHog had nothing older; a full one may have more behind it.
    if (rows.length < PAGE_SIZE) return finish(collected.length > maxLines);
    if (collected.length >= maxLines) return finish(true);
    if (oldest >= rereadFrom) {
      // A full page inside the re-read window: more lines share that timestamp than a page holds, and no
      // bound can reach the rest. Step past it (exclusive) rather than ask for the same page forever.
      crowded.push(formatMicros(oldest));
      before = oldest;
      rereadFrom = Number.POSITIVE_INFINITY;
    } else {
      before = oldest + REREAD_WINDOW_US;
      rereadFrom = oldest;
    }
  }

  function finish(capped: boolean): DownloadResult {
    // Late arrivals inside a re-read window can land slightly out of order; a stable sort keeps ties in
    // PostHog's order.
    const entries = collected
      .slice(0, maxLines)
      .reverse()
      .sort((a, b) => a.micros - b.micros)
      .map((line) => line.entry);
    return { entries, pages, capped, crowdedTimestamps: crowded };
  }
}
