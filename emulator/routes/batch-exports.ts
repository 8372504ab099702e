import { notAuthenticated } from "../auth/authenticate";
import { parseBatchExportWrite } from "../domain/parse-batch-export-write";
import { serverError, validationError } from "../http/api-error";
import { parseBoolean, requireObjectBody } from "../http/fields";
import { limitOffsetPage, readLimitOffset } from "../http/pagination";
import type { RequestContext } from "../http/request-context";
import type { Router } from "../http/router";
import { cancelActiveBackfillsOf, createBackfillRow } from "../scheduler/backfill-actions";
import { serializeBatchExport } from "../serializers/batch-export";
import {
  countTeamBatchExports,
  getBatchExport,
  insertBatchExport,
  listTeamBatchExports,
  updateBatchExport,
} from "../store/batch-exports";
import { uuidT } from "../store/ids";
import { findTeamIntegration } from "../store/integrations";
import type { TeamRow } from "../store/rows";
import {
  exportInScope,
  organizationScope,
  projectScope,
  teamFlags,
  teamOf,
  type BatchExportScope,
  type ScopeResolver,
} from "./batch-export-scope";

function list(resolve: ScopeResolver) {
  return (ctx: RequestContext) => {
    const scope = resolve(ctx, "batch_export:read");
    const page = readLimitOffset(ctx.query);
    const db = ctx.emulator.db;
    const count = countTeamBatchExports(db, scope.teamIds);
    const rows = listTeamBatchExports(db, scope.teamIds, page.limit, page.offset);
    const results = rows.map((row) => serializeBatchExport(db, row, ctx.emulator.profile));
    return { status: 200, body: limitOffsetPage(ctx, page, count, results) };
  };
}

function retrieve(resolve: ScopeResolver) {
  return (ctx: RequestContext) => {
    const scope = resolve(ctx, "batch_export:read");
    const row = exportInScope(ctx, scope, ctx.params.id);
    return { status: 200, body: serializeBatchExport(ctx.emulator.db, row, ctx.emulator.profile) };
  };
}

/**
 * Organization routes have no team in their context, and the newest PostHog's serializer needs one
 * to create or update: Cloud answers a server error there. Older PostHog worked, so `legacy` does.
 */
function requireWorkingOrganizationWrite(ctx: RequestContext, scope: BatchExportScope): void {
  if (scope.kind === "organization" && ctx.emulator.profile === "cloud") throw serverError();
}

/** Which project an organization-level create writes to (legacy only): `team_id`, else the current one. */
function createTeam(ctx: RequestContext, scope: BatchExportScope, body: Record<string, unknown>): TeamRow {
  if (scope.team) return scope.team;
  const requested = body.team_id;
  if (requested !== undefined) {
    const id = Number(requested);
    if (!scope.teamIds.includes(id)) {
      throw validationError(`Invalid pk "${String(requested)}" - object does not exist.`, "team_id", "does_not_exist");
    }
    return teamOf(ctx, id);
  }
  const current = scope.principal.user.current_team_id;
  return teamOf(ctx, current !== null && scope.teamIds.includes(current) ? current : scope.teamIds[0]!);
}

function create(resolve: ScopeResolver) {
  return (ctx: RequestContext) => {
    const scope = resolve(ctx, "batch_export:write");
    requireWorkingOrganizationWrite(ctx, scope);
    const body = requireObjectBody(ctx.body);
    const team = createTeam(ctx, scope, body);
    const db = ctx.emulator.db;
    const changes = parseBatchExportWrite(body, {
      partial: false,
      existing: null,
      teamFlags: teamFlags(team),
      legacyProfile: ctx.emulator.profile === "legacy",
      findIntegration: (id) => findTeamIntegration(db, team.id, id),
    });
    const now = ctx.emulator.clock.now();
    const id = uuidT(now);
    insertBatchExport(db, {
      id,
      team_id: team.id,
      name: changes.name!,
      model: changes.model ?? "events",
      destination_type: changes.destination_type!,
      destination_config: changes.destination_config!,
      integration_id: changes.integration_id ?? null,
      interval: changes.interval!,
      paused: changes.paused ?? 0,
      created_at: now,
      last_updated_at: now,
      last_paused_at: changes.last_paused_at ?? null,
      start_at: changes.start_at ?? null,
      end_at: changes.end_at ?? null,
      hogql_query: changes.hogql_query ?? null,
      filters: changes.filters ?? null,
      timezone: changes.timezone ?? "UTC",
      interval_offset: changes.interval_offset ?? null,
      schedule_cursor: now,
    });
    return { status: 201, body: serializeBatchExport(db, getBatchExport(db, id)!, ctx.emulator.profile) };
  };
}

function update(resolve: ScopeResolver, partial: boolean) {
  return (ctx: RequestContext) => {
    const scope = resolve(ctx, "batch_export:write");
    requireWorkingOrganizationWrite(ctx, scope);
    const existing = exportInScope(ctx, scope, ctx.params.id);
    const db = ctx.emulator.db;
    const team = teamOf(ctx, existing.team_id);
    const changes = parseBatchExportWrite(requireObjectBody(ctx.body), {
      partial,
      existing,
      teamFlags: teamFlags(team),
      legacyProfile: ctx.emulator.profile === "legacy",
      findIntegration: (id) => findTeamIntegration(db, team.id, id),
    });
    const now = ctx.emulator.clock.now();
    const pausing = changes.paused === 1 && existing.paused === 0;
    const resuming = changes.paused === 0 && existing.paused === 1;
    updateBatchExport(db, existing.id, {
      ...changes,
      last_updated_at: now,
      ...(pausing && changes.last_paused_at === undefined ? { last_paused_at: now } : {}),
      ...(resuming ? { schedule_cursor: now } : {}),
    });
    return { status: 200, body: serializeBatchExport(db, getBatchExport(db, existing.id)!, ctx.emulator.profile) };
  };
}

function destroy(resolve: ScopeResolver) {
  return (ctx: RequestContext) => {
    const scope = resolve(ctx, "batch_export:write");
    const row = exportInScope(ctx, scope, ctx.params.id);
    const db = ctx.emulator.db;
    const now = ctx.emulator.clock.now();
    db.transaction(() => {
      // PostHog deletes the schedule and cancels running backfills; the record stays, marked deleted.
      cancelActiveBackfillsOf(db, row.id, now);
      updateBatchExport(db, row.id, { deleted: 1, last_updated_at: now });
    })();
    return { status: 204 };
  };
}

function pause(resolve: ScopeResolver) {
  return (ctx: RequestContext) => {
    const scope = resolve(ctx, "batch_export:write");
    const row = exportInScope(ctx, scope, ctx.params.id);
    if (row.paused === 0) {
      const now = ctx.emulator.clock.now();
      updateBatchExport(ctx.emulator.db, row.id, { paused: 1, last_paused_at: now, last_updated_at: now });
    }
    return { status: 200, body: { paused: true } };
  };
}

function unpause(resolve: ScopeResolver) {
  return (ctx: RequestContext) => {
    const scope = resolve(ctx, "batch_export:write");
    // PostHog's order: the current-team check, the body's serializer, and only then get_object().
    if (scope.principal.user.current_team_id === null) throw notAuthenticated();
    const body = requireObjectBody(ctx.body);
    const backfill = "backfill" in body ? parseBoolean(body.backfill, "backfill", false) : false;
    const row = exportInScope(ctx, scope, ctx.params.id);
    if (row.paused === 1) {
      const db = ctx.emulator.db;
      const now = ctx.emulator.clock.now();
      db.transaction(() => {
        updateBatchExport(db, row.id, { paused: 0, last_updated_at: now, schedule_cursor: now });
        // Fills what the pause skipped: from when it was paused until now.
        if (backfill && row.last_paused_at !== null && row.last_paused_at < now) {
          createBackfillRow(db, row, row.last_paused_at, now, now);
        }
      })();
    }
    return { status: 200, body: { paused: false } };
  };
}

export function registerBatchExportRoutes(router: Router, prefix: string, resolve: ScopeResolver): void {
  router
    .add("GET", `${prefix}`, list(resolve))
    .add("POST", `${prefix}`, create(resolve))
    .add("GET", `${prefix}/:id`, retrieve(resolve))
    .add("PUT", `${prefix}/:id`, update(resolve, false))
    .add("PATCH", `${prefix}/:id`, update(resolve, true))
    .add("DELETE", `${prefix}/:id`, destroy(resolve))
    .add("POST", `${prefix}/:id/pause`, pause(resolve))
    .add("POST", `${prefix}/:id/unpause`, unpause(resolve));
}

export const PROJECT_PREFIXES = ["/api/projects/:project_id/batch_exports", "/api/environments/:project_id/batch_exports"];
export const ORGANIZATION_PREFIX = "/api/organizations/:organization_id/batch_exports";
export { organizationScope, projectScope };
