import { notFound, validationError } from "../http/api-error";
import { keysetPage } from "../http/keyset-page";
import type { RequestContext } from "../http/request-context";
import type { Router } from "../http/router";
import { parseBackfillRequest, workflowIdFor } from "../domain/backfill-rules";
import { activeBackfillCount, cancelBackfill, createBackfill } from "../scheduler";
import { scheduleOf } from "../scheduler/rows";
import { offsetFields } from "../serializers/batch-export";
import { serializeBackfill } from "../serializers/backfill";
import { getBatchExport } from "../store/batch-exports";
import type { BackfillRow, BatchExportRow } from "../store/rows";
import { exportInScope, projectScope, teamFlags, teamOf, type ScopeResolver } from "./batch-export-scope";

const ORDERINGS = new Set(["created_at", "-created_at", "start_at", "-start_at"]);

function backfillOf(ctx: RequestContext, exportRow: BatchExportRow): BackfillRow {
  const row = ctx.emulator.db
    .prepare("SELECT * FROM batch_export_backfills WHERE id = ? AND batch_export_id = ?")
    .get(ctx.params.id, exportRow.id) as BackfillRow | undefined;
  if (!row) throw notFound();
  return row;
}

function list(ctx: RequestContext) {
  const scope = projectScope(ctx, "batch_export:read");
  const exportRow = exportInScope(ctx, scope, ctx.params.batch_export_id);
  const orderingParam = ctx.query.get("ordering") ?? "-created_at";
  const ordering = ORDERINGS.has(orderingParam) ? orderingParam : "-created_at";
  const column = ordering.replace("-", "");
  // Backfills "from the beginning of time" have no start; they sort as the earliest.
  const sortExpr = column === "start_at" ? "COALESCE(start_at, 0)" : "created_at";
  const page = keysetPage<BackfillRow>(
    ctx.emulator.db,
    ctx,
    {
      from: "FROM batch_export_backfills WHERE batch_export_id = ?",
      args: [exportRow.id],
      column: sortExpr,
      descending: ordering.startsWith("-"),
      pageSize: 50,
    },
    (b) => (column === "start_at" ? (b.start_at ?? 0) : b.created_at),
  );
  const now = ctx.emulator.clock.now();
  return {
    status: 200,
    body: { next: page.next, previous: page.previous, results: page.rows.map((b) => serializeBackfill(ctx.emulator.db, b, now)) },
  };
}

function retrieve(ctx: RequestContext) {
  const scope = projectScope(ctx, "batch_export:read");
  const exportRow = exportInScope(ctx, scope, ctx.params.batch_export_id);
  const row = backfillOf(ctx, exportRow);
  return { status: 200, body: serializeBackfill(ctx.emulator.db, row, ctx.emulator.clock.now()) };
}

function parseBounds(ctx: RequestContext, exportRow: BatchExportRow, style: "new" | "old") {
  const team = teamOf(ctx, exportRow.team_id);
  const offsets = offsetFields(exportRow.interval, exportRow.interval_offset);
  return parseBackfillRequest(ctx.body ?? {}, {
    schedule: scheduleOf(exportRow),
    offsetDay: offsets.offset_day,
    offsetHour: offsets.offset_hour,
    now: ctx.emulator.clock.now(),
    teamFlags: teamFlags(team),
    style,
    activeBackfills: () => activeBackfillCount(ctx.emulator.db, team.id),
    maxConcurrentBackfills: ctx.emulator.simulation.maxConcurrentBackfills,
    teamTimezone: team.timezone,
  });
}

/** `POST .../backfills/`: §3.3's checks in order, then 201 `{backfill_id}` (not a backfill object). */
function create(ctx: RequestContext) {
  const scope = projectScope(ctx, "batch_export:write");
  const exportRow = getBatchExport(ctx.emulator.db, ctx.params.batch_export_id ?? "");
  if (!exportRow || exportRow.team_id !== scope.team!.id) throw notFound("BatchExport not found.");
  const { startMs, endMs } = parseBounds(ctx, exportRow, "new");
  const row = createBackfill(ctx.emulator.db, {
    batchExportId: exportRow.id,
    teamId: exportRow.team_id,
    startMs,
    endMs,
    now: ctx.emulator.clock.now(),
  });
  return { status: 201, body: { backfill_id: row.id } };
}

function cancel(ctx: RequestContext) {
  const scope = projectScope(ctx, "batch_export:write");
  const exportRow = exportInScope(ctx, scope, ctx.params.batch_export_id);
  const row = backfillOf(ctx, exportRow);
  cancelBackfill(ctx.emulator.db, row.id, ctx.emulator.clock.now(), ctx.emulator.simulation);
  return { status: 200, body: { cancelled: true } };
}

/**
 * The deprecated `POST .../batch_exports/:id/backfill/` of older PostHog (legacy profile only):
 * tz-aware datetimes, 200 and the Temporal workflow id rather than a backfill id.
 */
export function deprecatedBackfill(resolve: ScopeResolver) {
  return (ctx: RequestContext) => {
    const scope = resolve(ctx, "batch_export:write");
    const exportRow = exportInScope(ctx, scope, ctx.params.id);
    const { startMs, endMs } = parseBounds(ctx, exportRow, "old");
    if (startMs === null || endMs === null) throw validationError("Both 'start_at' and 'end_at' are required.");
    createBackfill(ctx.emulator.db, {
      batchExportId: exportRow.id,
      teamId: exportRow.team_id,
      startMs,
      endMs,
      now: ctx.emulator.clock.now(),
    });
    return { status: 200, body: { backfill_id: workflowIdFor(exportRow.id, startMs, endMs) } };
  };
}

export function registerBackfillRoutes(router: Router, prefix: string): void {
  const backfills = `${prefix}/:batch_export_id/backfills`;
  router
    .add("GET", backfills, list)
    .add("POST", backfills, create)
    .add("GET", `${backfills}/:id`, retrieve)
    .add("POST", `${backfills}/:id/cancel`, cancel);
}
