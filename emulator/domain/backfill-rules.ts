/**
 * PostHog's backfill request rules (`create_backfill` / `validate_date_input` in
 * products/batch_exports/backend/presentation/views/batch_export/backfills.py), in PostHog's order:
 *   2. no start_at → flag `batch-export-earliest-backfill` or 400
 *   3. too many Starting/Running backfills for the team → 429
 *   4. parse start_at then end_at (dates for day/week, tz-aware datetimes otherwise)
 *   5. either bound null → accepted as is
 *   6. start_at >= end_at → 400
 *   7. end_at in the future → 400
 * Style "old" is the deprecated `POST .../batch_exports/{id}/backfill/` of the 2025 code (posthog/batch_exports/http.py):
 * no flag or concurrency checks existed there, every input is a tz-aware datetime converted to the team's
 * timezone, and step 6 says "happens after".
 */
import { ApiError, validationError } from "../http/api-error";
import { parseIsoDateTime } from "../http/datetime";
import { dayName, localToUtc, pythonIsoformat, tzOffsetMs, type Schedule } from "./intervals";

export const EARLIEST_BACKFILL_FLAG = "batch-export-earliest-backfill";

export interface BackfillRequestContext {
  schedule: Schedule;
  /** The export's rendered offset_day (weekly: 0..6, null otherwise). */
  offsetDay: number | null;
  /** The export's rendered offset_hour (daily/weekly: 0..23, null otherwise). */
  offsetHour: number | null;
  now: number;
  teamFlags: Set<string>;
  style: "new" | "old";
  /** Starting/Running backfills of the team; only called when step 3 is reached. */
  activeBackfills: () => number;
  maxConcurrentBackfills: number;
  /** Team timezone: the old style renders `end_at` in it for the "in the future" message. Default UTC. */
  teamTimezone?: string;
}

export interface BackfillBounds {
  startMs: number | null;
  endMs: number | null;
}

interface ParsedInput {
  ms: number;
  /** Offset Python would keep on the parsed datetime, for `isoformat()` in messages. */
  offsetMinutes: number;
}

export function tooManyConcurrentBackfills(limit: number): ApiError {
  return new ApiError(429, {
    type: "server_error",
    code: "too_many_concurrent_backfills",
    detail:
      `This team already has ${limit} batch export backfills running. ` +
      "Wait for some to finish or cancel them before creating more.",
    attr: null,
  });
}

export function parseBackfillRequest(body: unknown, ctx: BackfillRequestContext): BackfillBounds {
  const data = body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const startInput = data.start_at ?? null;
  const endInput = data.end_at ?? null;

  if (ctx.style === "new") {
    if (startInput === null && !ctx.teamFlags.has(EARLIEST_BACKFILL_FLAG)) {
      throw validationError("Backfilling from the beginning of time is not enabled for this team.");
    }
    if (ctx.activeBackfills() >= ctx.maxConcurrentBackfills) {
      throw tooManyConcurrentBackfills(ctx.maxConcurrentBackfills);
    }
  }

  const parse = (input: unknown): ParsedInput =>
    ctx.style === "old" ? parseOldInput(input, ctx.teamTimezone ?? "UTC") : parseNewInput(input, ctx);
  const start = startInput === null ? null : parse(startInput);
  const end = endInput === null ? null : parse(endInput);

  if (start === null || end === null) return { startMs: start?.ms ?? null, endMs: end?.ms ?? null };

  if (start.ms >= end.ms) {
    throw validationError(
      ctx.style === "old"
        ? "The initial backfill datetime 'start_at' happens after 'end_at'"
        : "The initial backfill datetime 'start_at' must be before 'end_at'",
    );
  }
  if (end.ms > ctx.now) {
    throw validationError(
      `The provided 'end_at' (${pythonIsoformat(end.ms, "UTC", end.offsetMinutes)}) is in the future`,
    );
  }
  return { startMs: start.ms, endMs: end.ms };
}

/** BE-mid/new `validate_date_input(date_input, batch_export)`. */
function parseNewInput(input: unknown, ctx: BackfillRequestContext): ParsedInput {
  const { interval, timezone } = ctx.schedule;
  if (interval !== "day" && interval !== "week") return parseAwareDateTime(input);

  const text = pyStr(input);
  const date = typeof input === "string" ? parseIsoDate(input) : null;
  if (date === null) {
    if (typeof input === "string" && parseIsoDateTime(input) !== null) {
      throw validationError(
        `Input '${text}' is not a valid ISO formatted date. ` +
          "Daily or weekly batch export backfills expect only the date component, but a time was included.",
      );
    }
    throw validationError(`Input '${text}' is not a valid ISO formatted date.`);
  }
  if (interval === "week") {
    const expected = ctx.offsetDay ?? 0;
    const actual = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
    if (actual !== expected) {
      throw validationError(
        `Input ${text} is not on the correct day of the week for this batch export. ` +
          `${text} is a ${dayName(actual)} but this batch export is configured to run weekly on ${dayName(expected)}.`,
      );
    }
  }
  const ms = localToUtc(timezone, date.year, date.month, date.day, ctx.offsetHour ?? 0);
  return { ms, offsetMinutes: tzOffsetMs(timezone, ms) / 60_000 };
}

/** BE-old `validate_date_input(date_input, team)`: aware datetime, then `astimezone(team.timezone_info)`. */
function parseOldInput(input: unknown, teamTimezone: string): ParsedInput {
  const parsed = parseAwareDateTime(input);
  return { ms: parsed.ms, offsetMinutes: tzOffsetMs(teamTimezone, parsed.ms) / 60_000 };
}

function parseAwareDateTime(input: unknown): ParsedInput {
  const text = pyStr(input);
  const parsed = typeof input === "string" ? parseIsoDateTime(input) : null;
  if (parsed === null) throw validationError(`Input ${text} is not a valid ISO formatted datetime.`);
  if (!parsed.hasZone) throw validationError(`Input ${text} is naive.`);
  return { ms: parsed.ms, offsetMinutes: zoneOffsetMinutes(input as string) };
}

function zoneOffsetMinutes(text: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(text.trim());
  if (!m || /Z$/i.test(text.trim())) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -minutes : minutes;
}

/** What Python's `date.fromisoformat` accepts in practice: `YYYY-MM-DD` or `YYYYMMDD`. */
function parseIsoDate(text: string): { year: number; month: number; day: number } | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text);
  if (!m) return null;
  if (text.length !== 8 && text.length !== 10) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** Python's `str()` of a decoded JSON value, as f-strings render it in PostHog's messages. */
export function pyStr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : pyFloat(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  if (typeof value === "object") {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`)
      .join(", ")}}`;
  }
  return String(value);
}

function pyRepr(value: unknown): string {
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  return pyStr(value);
}

function pyFloat(value: number): string {
  const s = String(value);
  return /[.e]/.test(s) ? s.replace(/e\+?/, "e+").replace("e+-", "e-") : `${s}.0`;
}

/**
 * `BatchExportBackfill.workflow_id`: `{batch_export_id}-Backfill-{start_utc_iso}-{end_utc_iso}` with `START` /
 * `END` for null bounds (Python isoformat, e.g. `2026-01-01T00:00:00+00:00`).
 */
export function workflowIdFor(batchExportId: string, startMs: number | null, endMs: number | null): string {
  const start = startMs === null ? "START" : pythonIsoformat(startMs);
  const end = endMs === null ? "END" : pythonIsoformat(endMs);
  return `${batchExportId}-Backfill-${start}-${end}`;
}
