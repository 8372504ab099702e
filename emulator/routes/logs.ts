import { serverError, validationError } from "../http/api-error";
import { formatDateTime, parseIsoDateTime } from "../http/datetime";
import { limitOffsetPage } from "../http/pagination";
import type { RequestContext } from "../http/request-context";
import type { Db } from "../store/open-database";
import type { LogRow } from "../store/rows";
import { exportInScope, type ScopeResolver } from "./batch-export-scope";

const DATETIME_FORMAT_ERROR =
  "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";

export interface LogQuery {
  limit: number;
  after: number | null;
  before: number | null;
  levels: string[] | null;
  search: string | null;
  instanceId: string | null;
}

function parseBound(raw: string | null, attr: string): number | null {
  if (raw === null || raw === "") return null;
  const parsed = parseIsoDateTime(raw);
  if (!parsed) throw validationError(DATETIME_FORMAT_ERROR, attr);
  return parsed.ms;
}

/** PostHog's log query parameters (posthog/api/log_entries.py), validated with its messages. */
export function parseLogQuery(query: URLSearchParams): LogQuery {
  let limit = 50;
  // DRF reads a blank optional query field as absent, and its IntegerField drops a trailing ".0" (`re_decimal`).
  const givenLimit = query.get("limit");
  if (givenLimit !== null && givenLimit !== "") {
    const rawLimit = givenLimit.replace(/\.0*\s*$/, "");
    if (!/^\s*[+-]?\d+\s*$/.test(rawLimit)) throw validationError("A valid integer is required.", "limit");
    limit = Number(rawLimit);
    if (limit < 1) throw validationError("Ensure this value is greater than or equal to 1.", "limit", "min_value");
    if (limit > 500) throw validationError("Ensure this value is less than or equal to 500.", "limit", "max_value");
  }
  const levelParam = query.getAll("level").join(",");
  const levels = levelParam
    .split(",")
    .map((l) => l.trim().toUpperCase())
    .filter((l) => l.length > 0);
  return {
    limit,
    after: parseBound(query.get("after"), "after"),
    before: parseBound(query.get("before"), "before"),
    levels: levels.length > 0 ? levels : null,
    search: query.get("search") || null,
    instanceId: query.get("instance_id") || null,
  };
}

/** Newest first; both bounds exclusive. Each shape walks a logs_* index in order and stops at `limit`. */
export function queryLogs(db: Db, sourceId: string, q: LogQuery): LogRow[] {
  const where = ["log_source_id = ?"];
  const args: unknown[] = [sourceId];
  if (q.instanceId) {
    where.push("instance_id = ?");
    args.push(q.instanceId);
  }
  if (q.after !== null) {
    where.push("timestamp > ?");
    args.push(q.after);
  }
  if (q.before !== null) {
    where.push("timestamp < ?");
    args.push(q.before);
  }
  if (q.search) {
    where.push("message LIKE ? ESCAPE '\\'");
    args.push(`%${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const order = "ORDER BY timestamp DESC, seq DESC LIMIT ?";
  const levels = [...new Set(q.levels ?? [])];
  if (levels.length > 0 && q.instanceId) {
    // A run's lines are few: walk them by instance and filter levels there (`+` keeps the level index out).
    where.push(`+level IN (${levels.map(() => "?").join(",")})`);
    args.push(...levels);
  } else if (levels.length === 1) {
    where.push("level = ?");
    args.push(levels[0]);
  } else if (levels.length > 1) {
    // One walk of the (log_source_id, level, timestamp) index per level, merged, so rare levels
    // (WARNING,ERROR) never scan every line of the source as `level IN (...)` would.
    const arm = `SELECT * FROM (SELECT * FROM log_entries WHERE ${where.join(" AND ")} AND level = ? ${order})`;
    return db
      .prepare(`${levels.map(() => arm).join(" UNION ALL ")} ${order}`)
      .all(...levels.flatMap((level) => [...args, level, q.limit]), q.limit) as LogRow[];
  }
  return db
    .prepare(`SELECT * FROM log_entries WHERE ${where.join(" AND ")} ${order}`)
    .all(...args, q.limit) as LogRow[];
}

export function serializeLog(row: LogRow) {
  return {
    log_source_id: row.log_source_id,
    instance_id: row.instance_id,
    timestamp: formatDateTime(row.timestamp),
    level: row.level,
    message: row.message,
  };
}

/**
 * The query fetches at most `limit` rows, and the viewset's LimitOffset paginator then pages that list
 * with the same `limit` (100 when absent), so in practice one page holds everything and `next` is null.
 */
export function logsPage(ctx: RequestContext, rows: LogRow[]) {
  const rawLimit = ctx.query.get("limit");
  const pageSize = rawLimit ? Number(rawLimit) : 100;
  const offset = Math.max(0, Number(ctx.query.get("offset") ?? 0) || 0);
  const page = rows.slice(offset, offset + pageSize).map(serializeLog);
  return limitOffsetPage(ctx, { limit: pageSize, offset }, rows.length, page);
}

export function exportLogs(resolve: ScopeResolver) {
  return (ctx: RequestContext) => {
    const scope = resolve(ctx, "batch_export:read");
    // The organization route has no team to read logs with in newest PostHog: a server error on Cloud.
    if (scope.kind === "organization" && ctx.emulator.profile === "cloud") throw serverError();
    const row = exportInScope(ctx, scope, ctx.params.id);
    const q = parseLogQuery(ctx.query);
    return { status: 200, body: logsPage(ctx, queryLogs(ctx.emulator.db, row.id, q)) };
  };
}
