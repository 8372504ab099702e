import { notFound, validationError } from "../http/api-error";
import { keysetPage } from "../http/keyset-page";
import { parseRelativeOrIso } from "../http/relative-date";
import type { RequestContext } from "../http/request-context";
import type { Router } from "../http/router";
import { cancelRun, retryRun } from "../scheduler";
import { serializeRun } from "../serializers/batch-export";
import type { RunRow } from "../store/rows";
import { exportInScope, projectScope } from "./batch-export-scope";
import { logsPage, parseLogQuery, queryLogs } from "./logs";

const RUN_STATUSES = [
  "Cancelled",
  "Completed",
  "ContinuedAsNew",
  "Failed",
  "FailedRetryable",
  "FailedBilling",
  "Terminated",
  "TimedOut",
  "Running",
  "Starting",
];
const ORDERINGS = new Set(["created_at", "-created_at", "data_interval_start", "-data_interval_start"]);
const DEFAULT_WINDOW = "-7d";

function exportOf(ctx: RequestContext, write: boolean) {
  const scope = projectScope(ctx, write ? "batch_export:write" : "batch_export:read");
  return exportInScope(ctx, scope, ctx.params.batch_export_id);
}

function runOf(ctx: RequestContext, write: boolean): RunRow {
  const row = exportOf(ctx, write);
  const run = ctx.emulator.db
    .prepare("SELECT * FROM batch_export_runs WHERE id = ? AND batch_export_id = ?")
    .get(ctx.params.id, row.id) as RunRow | undefined;
  if (!run) throw notFound();
  return run;
}

/**
 * Runs of the last 7 days by default, newest first, 100 a page with a cursor. Ordering by the data
 * interval switches the window to `start`/`end` on it, as PostHog's runs viewset does.
 */
function list(ctx: RequestContext) {
  const row = exportOf(ctx, false);
  const now = ctx.emulator.clock.now();
  const orderingParam = ctx.query.get("ordering") ?? "-created_at";
  const ordering = ORDERINGS.has(orderingParam) ? orderingParam : "-created_at";
  const column = ordering.replace("-", "");
  const statuses = ctx.query.getAll("status");
  // A DRF ListField of choices: the error is keyed by the offending item's index (`status__1`).
  statuses.forEach((status, index) => {
    if (!RUN_STATUSES.includes(status)) {
      throw validationError(`"${status}" is not a valid choice.`, `status__${index}`, "invalid_choice");
    }
  });
  const [lowerParam, upperParam] = column === "created_at" ? ["after", "before"] : ["start", "end"];
  const lower = parseRelativeOrIso(ctx.query.get(lowerParam) || DEFAULT_WINDOW, now, lowerParam);
  const upperRaw = ctx.query.get(upperParam);
  const upper = upperRaw ? parseRelativeOrIso(upperRaw, now, upperParam) : now;
  // PostHog: `created_at__range=(after, before)` (both inclusive), or `data_interval_start__gte=start` and
  // `data_interval_end__lte=end` when ordering by the data interval.
  const upperColumn = column === "created_at" ? "created_at" : "data_interval_end";
  const where = [`batch_export_id = ?`, `${column} >= ?`, `${upperColumn} <= ?`];
  const args: unknown[] = [row.id, lower, upper];
  if (column === "data_interval_start") where.push("data_interval_start IS NOT NULL");
  if (statuses.length > 0) {
    where.push(`status IN (${statuses.map(() => "?").join(",")})`);
    args.push(...statuses);
  }
  const page = keysetPage<RunRow>(
    ctx.emulator.db,
    ctx,
    { from: `FROM batch_export_runs WHERE ${where.join(" AND ")}`, args, column, descending: ordering.startsWith("-"), pageSize: 100 },
    (r) => (column === "created_at" ? r.created_at : r.data_interval_start!),
  );
  return { status: 200, body: { next: page.next, previous: page.previous, results: page.rows.map(serializeRun) } };
}

function retrieve(ctx: RequestContext) {
  return { status: 200, body: serializeRun(runOf(ctx, false)) };
}

/** Re-runs the run's interval as a one-interval backfill (201 in newest PostHog, 200 in older). */
function retry(ctx: RequestContext) {
  const run = runOf(ctx, true);
  const backfillId = retryRun(ctx.emulator.db, run, ctx.emulator.clock.now());
  return { status: ctx.emulator.profile === "cloud" ? 201 : 200, body: { backfill_id: backfillId } };
}

function cancel(ctx: RequestContext) {
  const run = runOf(ctx, true);
  cancelRun(ctx.emulator.db, run.id, ctx.emulator.clock.now());
  return { status: 200, body: { cancelled: true } };
}

/** A run's logs: the export's log query with `instance_id` forced to the run. */
function logs(ctx: RequestContext) {
  const run = runOf(ctx, false);
  const q = { ...parseLogQuery(ctx.query), instanceId: run.id };
  return { status: 200, body: logsPage(ctx, queryLogs(ctx.emulator.db, run.batch_export_id, q)) };
}

export function registerRunRoutes(router: Router, prefix: string): void {
  const runs = `${prefix}/:batch_export_id/runs`;
  router
    .add("GET", runs, list)
    .add("GET", `${runs}/:id`, retrieve)
    .add("POST", `${runs}/:id/retry`, retry)
    .add("POST", `${runs}/:id/cancel`, cancel)
    .add("GET", `${runs}/:id/logs`, logs);
}
