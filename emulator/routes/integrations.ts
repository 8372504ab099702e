import { INTEGRATION_KINDS } from "../domain/integration-kinds";
import { notFound, requiredField, validationError } from "../http/api-error";
import { formatDateTime } from "../http/datetime";
import { requireObjectBody } from "../http/fields";
import { authorizeProject } from "../http/guards";
import { limitOffsetPage, readLimitOffset } from "../http/pagination";
import type { RequestContext } from "../http/request-context";
import type { Router } from "../http/router";
import type { Db } from "../store/open-database";
import { countIntegrations, getIntegration, insertIntegration, listIntegrations } from "../store/integrations";
import type { IntegrationRow } from "../store/rows";
import { getUser } from "../store/users";

function serializeIntegration(db: Db, row: IntegrationRow) {
  const config = JSON.parse(row.config) as Record<string, unknown>;
  const kind = INTEGRATION_KINDS[row.kind];
  const creator = row.created_by_id === null ? undefined : getUser(db, row.created_by_id);
  return {
    id: row.id,
    kind: row.kind,
    config,
    created_at: formatDateTime(row.created_at),
    created_by: creator
      ? { id: creator.id, uuid: creator.uuid, distinct_id: creator.uuid, first_name: creator.first_name, email: creator.email }
      : null,
    errors: row.errors,
    display_name: String((kind && config[kind.displayKey]) ?? row.kind),
  };
}

function list(ctx: RequestContext) {
  const { team } = authorizeProject(ctx, "integration:read", ctx.params.project_id!);
  const kind = ctx.query.get("kind");
  const page = readLimitOffset(ctx.query);
  const db = ctx.emulator.db;
  const rows = listIntegrations(db, team.id, kind, page.limit, page.offset);
  return {
    status: 200,
    body: limitOffsetPage(ctx, page, countIntegrations(db, team.id, kind), rows.map((r) => serializeIntegration(db, r))),
  };
}

function retrieve(ctx: RequestContext) {
  const { team } = authorizeProject(ctx, "integration:read", ctx.params.project_id!);
  const id = Number(ctx.params.id);
  const row = Number.isInteger(id) ? getIntegration(ctx.emulator.db, id) : undefined;
  if (!row || row.team_id !== team.id) throw notFound();
  return { status: 200, body: serializeIntegration(ctx.emulator.db, row) };
}

/** Creates a credential-holding integration of a kind batch exports use; secrets stay server-side. */
function create(ctx: RequestContext) {
  const { team, principal } = authorizeProject(ctx, "integration:write", ctx.params.project_id!);
  const body = requireObjectBody(ctx.body);
  if (!("kind" in body)) throw requiredField("kind");
  const kindName = String(body.kind);
  const kind = INTEGRATION_KINDS[kindName];
  if (!kind) throw validationError(`"${kindName}" is not a valid choice.`, "kind", "invalid_choice");
  const input = (body.config ?? {}) as Record<string, unknown>;
  if (typeof input !== "object" || Array.isArray(input)) throw validationError("Config must be an object.", "config");
  const missing = kind.required.filter((key) => input[key] === undefined || input[key] === "");
  if (missing.length > 0) throw validationError(`Missing required fields: ${missing.join(", ")}`, null);
  const config: Record<string, unknown> = {};
  const sensitive: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (kind.secret.includes(key)) sensitive[key] = value;
    else if (kind.public.includes(key)) config[key] = value;
  }
  const row = insertIntegration(ctx.emulator.db, {
    teamId: team.id,
    kind: kindName,
    config,
    sensitive,
    userId: principal.user.id,
    now: ctx.emulator.clock.now(),
  });
  return { status: 201, body: serializeIntegration(ctx.emulator.db, row) };
}

export function registerIntegrationRoutes(router: Router): void {
  for (const prefix of ["/api/projects/:project_id/integrations", "/api/environments/:project_id/integrations"]) {
    router.add("GET", prefix, list).add("POST", prefix, create).add("GET", `${prefix}/:id`, retrieve);
  }
}
