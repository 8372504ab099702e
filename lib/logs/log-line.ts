import { toMicros } from "./timestamps";

/**
 * One entry as PostHog returns it (`LogEntry` in lib/posthog is the strict form). The level is kept as
 * text: a level this dashboard does not know yet should show, not break the view.
 */
export interface RawLogEntry {
  timestamp: string;
  instance_id: string;
  level: string;
  message: string;
}

/** A line held by the viewer: PostHog's entry plus what sorting, dedupe and links need. */
export interface LogLine {
  /** Unique while held (timestamp + rank among the lines of that timestamp); React and the virtualizer key on it. */
  id: string;
  micros: number;
  /** As PostHog sent it. */
  timestamp: string;
  /** Run (or backfill) id; `""` for lines of no run. */
  instanceId: string;
  /** Upper case: DEBUG, INFO, WARNING, ERROR (or whatever PostHog adds). */
  level: string;
  message: string;
}

/**
 * Two entries are the same line when timestamp, run, level and message all match (PostHog has no line
 * id). Identical lines can really happen twice at one timestamp, so callers count them, not collapse them.
 */
export function sameContent(a: Pick<LogLine, "instanceId" | "level" | "message">, b: Pick<LogLine, "instanceId" | "level" | "message">): boolean {
  return a.instanceId === b.instanceId && a.level === b.level && a.message === b.message;
}

export function fromEntry(entry: RawLogEntry, micros: number = toMicros(entry.timestamp), rank = 0): LogLine {
  return {
    id: `${micros}.${rank}`,
    micros,
    timestamp: entry.timestamp,
    instanceId: entry.instance_id,
    level: entry.level.toUpperCase(),
    message: entry.message,
  };
}

/** 32-bit FNV-1a: short, stable, dependency-free; only ever compared among lines of one timestamp. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/**
 * The permalink token of a line (`?line=`): its timestamp, which says how far back to load, and a
 * hash of the rest of its key, which picks it among the lines of that timestamp.
 */
export function lineToken(line: Pick<LogLine, "micros" | "instanceId" | "level" | "message">): string {
  return `${line.micros}-${fnv1a(`${line.instanceId}\u0000${line.level}\u0000${line.message}`)}`;
}

export function parseLineToken(token: string | null): { micros: number; token: string } | null {
  if (!token) return null;
  const match = /^(\d{1,17})-[0-9a-z]{1,7}$/.exec(token);
  return match ? { micros: Number(match[1]), token } : null;
}

/** A line as plain text for the clipboard: PostHog's timestamp, level, run and message. */
export function lineAsText(line: Pick<LogLine, "timestamp" | "level" | "instanceId" | "message">): string {
  return [line.timestamp, line.level, line.instanceId || "-", line.message].join("\t");
}

/**
 * A run id short enough for a column. PostHog's ids are time-ordered (UUIDT), so their first
 * characters repeat across runs of the same hour; the last ones are random and tell runs apart.
 */
export function shortRunId(id: string): string {
  return id.replace(/-/g, "").slice(-8);
}
