import { z } from "zod";
import { PostHogDateTime } from "./common";
import { cursorPage, limitOffsetPage } from "./pagination";

/** Batch exports log with Python levels, upper-cased by the logs endpoint. */
export const LogLevel = z.enum(["DEBUG", "INFO", "WARNING", "ERROR"]);
export type LogLevel = z.infer<typeof LogLevel>;

/** One log line (POSTHOG-API.md §2.6). Newest first. */
export const LogEntry = z.object({
  /** The batch export id. */
  log_source_id: z.string(),
  /** The run id, or `""` for lines not tied to a run. */
  instance_id: z.string(),
  timestamp: PostHogDateTime,
  level: LogLevel,
  message: z.string(),
});
export type LogEntry = z.infer<typeof LogEntry>;

/**
 * `GET .../batch_exports/{id}/logs/`: a limit/offset envelope over at most `limit` rows (default 50), so in
 * practice one page with `next: null`; older lines are fetched by re-querying with `before`.
 */
export const LogEntryPage = limitOffsetPage(LogEntry);
export type LogEntryPage = z.infer<typeof LogEntryPage>;

/**
 * `GET .../runs/{run_id}/logs/`: the runs viewset paginates with a cursor class, whose behaviour over the
 * in-memory list is unverified (POSTHOG-API.md §2.6), so either envelope is accepted.
 */
export const RunLogEntryPage = z.union([limitOffsetPage(LogEntry), cursorPage(LogEntry)]);
export type RunLogEntryPage = z.infer<typeof RunLogEntryPage>;

export const LOG_QUERY_MAX_LIMIT = 500;

/** Query parameters of the logs endpoints; PostHog answers 400 for invalid values. */
export const LogQuery = z.object({
  limit: z.coerce.number().int().min(1).max(LOG_QUERY_MAX_LIMIT).optional(),
  /** Exclusive lower bound (ISO datetime): "newer than the newest line seen". */
  after: PostHogDateTime.optional(),
  /** Exclusive upper bound (ISO datetime): "older than the oldest line seen". */
  before: PostHogDateTime.optional(),
  /** Newest PostHog: one comma-separated, case-insensitive string, e.g. `INFO,ERROR`. */
  level: z.string().optional(),
  /** Case-insensitive substring of `message`. */
  search: z.string().optional(),
  /** Filter by run (ignored on run logs, which force their run id). */
  instance_id: z.string().optional(),
});
export type LogQuery = z.infer<typeof LogQuery>;
