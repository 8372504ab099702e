import { permissionDenied, requiredField, validationError } from "../http/api-error";
import { parseBoolean, parseChar, parseChoice, requireObjectBody } from "../http/fields";
import { authorizeOrganizationCollection, authorizeOrganizationObject } from "../http/guards";
import { limitOffsetPage, readLimitOffset } from "../http/pagination";
import type { RequestContext } from "../http/request-context";
import type { Router } from "../http/router";
import { serializeOrganization } from "../serializers/organization";
import {
  bootstrapOrganization,
  countUserOrganizations,
  deleteOrganization,
  listUserOrganizations,
  membershipLevel,
  updateOrganization,
} from "../store/organizations";
import { MembershipLevel } from "../store/rows";

const STATS_METHODS = ["bayesian", "frequentist"] as const;
const INSUFFICIENT = "Your organization access level is insufficient.";

/** Writable fields in serializer order, since PostHog reports only the first error. */
function parseOrganizationWrite(body: Record<string, unknown>, partial: boolean): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if ("name" in body) changes.name = parseChar(body.name, "name", { maxLength: 64 });
  else if (!partial) throw requiredField("name");
  if ("logo_media_id" in body && body.logo_media_id !== null) {
    // No uploaded media exists in the emulator, so any id is unknown, as an unknown pk is in PostHog.
    throw validationError(`Invalid pk "${String(body.logo_media_id)}" - object does not exist.`, "logo_media_id", "does_not_exist");
  }
  if ("logo_media_id" in body) changes.logo_media_id = null;
  const bools: Array<[string, boolean]> = [
    ["enforce_2fa", true],
    ["members_can_invite", true],
    ["members_can_use_personal_api_keys", false],
    ["allow_publicly_shared_resources", false],
    ["is_ai_data_processing_approved", true],
  ];
  for (const [field, nullable] of bools) {
    if (field in body) changes[field] = toSqlBool(parseBoolean(body[field], field, nullable));
  }
  if ("default_experiment_stats_method" in body) {
    changes.default_experiment_stats_method = parseChoice(
      body.default_experiment_stats_method,
      "default_experiment_stats_method",
      STATS_METHODS,
      { nullable: true, allowBlank: true },
    );
  }
  if ("default_anonymize_ips" in body) {
    changes.default_anonymize_ips = toSqlBool(parseBoolean(body.default_anonymize_ips, "default_anonymize_ips", false));
  }
  return changes;
}

function toSqlBool(value: boolean | null): number | null {
  return value === null ? null : value ? 1 : 0;
}

function list(ctx: RequestContext) {
  const principal = authorizeOrganizationCollection(ctx, "organization:read");
  const page = readLimitOffset(ctx.query);
  const db = ctx.emulator.db;
  const only = principal.scopedOrganizations;
  const count = countUserOrganizations(db, principal.user.id, only);
  const rows = listUserOrganizations(db, principal.user.id, only, page.limit, page.offset);
  const results = rows.map((row) => serializeOrganization(db, row, membershipLevel(db, row.id, principal.user.id)));
  return { status: 200, body: limitOffsetPage(ctx, page, count, results) };
}

function create(ctx: RequestContext) {
  const principal = authorizeOrganizationCollection(ctx, "organization:write");
  const fields = parseOrganizationWrite(requireObjectBody(ctx.body), false);
  const db = ctx.emulator.db;
  const now = ctx.emulator.clock.now();
  const organization = bootstrapOrganization(db, principal.user.id, fields.name as string, now);
  const settings = Object.fromEntries(Object.entries(fields).filter(([key]) => key !== "name"));
  if (Object.keys(settings).length > 0) updateOrganization(db, organization.id, settings, now);
  const row = db.prepare("SELECT * FROM organizations WHERE id = ?").get(organization.id) as typeof organization;
  return { status: 201, body: serializeOrganization(db, row, MembershipLevel.owner) };
}

function retrieve(ctx: RequestContext) {
  const { organization, level } = authorizeOrganizationObject(ctx, "organization:read", ctx.params.id!);
  return { status: 200, body: serializeOrganization(ctx.emulator.db, organization, level) };
}

function update(partial: boolean) {
  return (ctx: RequestContext) => {
    const { organization, level } = authorizeOrganizationObject(ctx, "organization:write", ctx.params.id!);
    if (level < MembershipLevel.admin) throw permissionDenied(INSUFFICIENT);
    const changes = parseOrganizationWrite(requireObjectBody(ctx.body), partial);
    const db = ctx.emulator.db;
    updateOrganization(db, organization.id, changes, ctx.emulator.clock.now());
    const row = db.prepare("SELECT * FROM organizations WHERE id = ?").get(organization.id) as typeof organization;
    return { status: 200, body: serializeOrganization(db, row, level) };
  };
}

function destroy(ctx: RequestContext) {
  const { organization, level } = authorizeOrganizationObject(ctx, "organization:write", ctx.params.id!);
  if (level < MembershipLevel.owner) throw permissionDenied(INSUFFICIENT);
  deleteOrganization(ctx.emulator.db, organization.id);
  return { status: 204 };
}

export function registerOrganizationRoutes(router: Router): void {
  router
    .add("GET", "/api/organizations", list)
    .add("POST", "/api/organizations", create)
    .add("GET", "/api/organizations/:id", retrieve)
    .add("PUT", "/api/organizations/:id", update(false))
    .add("PATCH", "/api/organizations/:id", update(true))
    .add("DELETE", "/api/organizations/:id", destroy);
}
