import { notAuthenticated } from "../auth/authenticate";
import type { Principal } from "../auth/principal";
import {
  requireNotProjectScoped,
  requireOrganizationInKeyScope,
  requireScope,
  requireTeamInKeyScope,
  type Scope,
} from "../auth/scopes";
import { getOrganization, hasFeature, membershipLevel } from "../store/organizations";
import { MembershipLevel, type OrganizationRow, type TeamRow } from "../store/rows";
import { UUID_PATTERN } from "../store/ids";
import { notFound, permissionDenied } from "./api-error";
import type { RequestContext } from "./request-context";

/**
 * The permission pipeline of PostHog's viewsets, in DRF's order: authentication, API scopes (scoped
 * teams/organizations, then the scope), membership, then throttling. Each guard returns what the
 * handler needs next, so a route reads as the list of checks it makes.
 */
export function requirePrincipal(ctx: RequestContext): Principal {
  if (!ctx.principal) throw notAuthenticated();
  return ctx.principal;
}

function throttle(ctx: RequestContext, principal: Principal): void {
  ctx.emulator.rateLimiter.check(principal.keyHash, ctx.emulator.clock.now());
}

/** `/api/organizations/` itself: list and create. */
export function authorizeOrganizationCollection(ctx: RequestContext, scope: Scope): Principal {
  const principal = requirePrincipal(ctx);
  requireNotProjectScoped(principal);
  requireScope(principal, scope);
  throttle(ctx, principal);
  return principal;
}

function resolveOrganizationId(ctx: RequestContext, principal: Principal, raw: string): string | null {
  if (raw === "@current") return principal.user.current_organization_id;
  return UUID_PATTERN.test(raw) ? raw.toLowerCase() : null;
}

/** `/api/organizations/:id/`: non-members get 404, because the queryset is the user's organizations. */
export function authorizeOrganizationObject(
  ctx: RequestContext,
  scope: Scope,
  rawId: string,
): { principal: Principal; organization: OrganizationRow; level: number } {
  const principal = requirePrincipal(ctx);
  requireNotProjectScoped(principal);
  const id = resolveOrganizationId(ctx, principal, rawId);
  if (id) requireOrganizationInKeyScope(principal, id);
  requireScope(principal, scope);
  throttle(ctx, principal);
  const organization = id ? getOrganization(ctx.emulator.db, id) : undefined;
  const level = organization ? membershipLevel(ctx.emulator.db, organization.id, principal.user.id) : null;
  if (!organization || level === null) throw notFound();
  requireKeyPolicy(organization, level);
  return { principal, organization, level };
}

/** Routes nested under an organization (`/api/organizations/:organization_id/batch_exports/...`). */
export function authorizeOrganizationNested(
  ctx: RequestContext,
  scope: Scope,
  rawId: string,
): { principal: Principal; organization: OrganizationRow; level: number } {
  const principal = requirePrincipal(ctx);
  requireNotProjectScoped(principal);
  const id = resolveOrganizationId(ctx, principal, rawId);
  const organization = id ? getOrganization(ctx.emulator.db, id) : undefined;
  if (!organization) throw notFound();
  requireOrganizationInKeyScope(principal, organization.id);
  requireScope(principal, scope);
  const level = membershipLevel(ctx.emulator.db, organization.id, principal.user.id);
  if (level === null) throw permissionDenied("You do not have permission to perform this action.");
  requireKeyPolicy(organization, level);
  throttle(ctx, principal);
  return { principal, organization, level };
}

/** Routes under `/api/projects/:project_id/` (and `/api/environments/`). */
export function authorizeProject(
  ctx: RequestContext,
  scope: Scope,
  rawId: string,
): { principal: Principal; team: TeamRow; organization: OrganizationRow; level: number } {
  const principal = requirePrincipal(ctx);
  const teamId = rawId === "@current" ? principal.user.current_team_id : /^\d+$/.test(rawId) ? Number(rawId) : null;
  const team =
    teamId === null
      ? undefined
      : (ctx.emulator.db.prepare("SELECT * FROM teams WHERE id = ?").get(teamId) as TeamRow | undefined);
  if (!team) throw notFound("Project not found.");
  requireTeamInKeyScope(principal, team.id, team.organization_id);
  requireScope(principal, scope);
  const organization = getOrganization(ctx.emulator.db, team.organization_id)!;
  const level = membershipLevel(ctx.emulator.db, organization.id, principal.user.id);
  if (level === null) throw permissionDenied("You don't have access to the project.");
  requireKeyPolicy(organization, level);
  throttle(ctx, principal);
  return { principal, team, organization, level };
}

/**
 * An organization with security settings may forbid personal API keys for members below admin.
 */
function requireKeyPolicy(organization: OrganizationRow, level: number): void {
  if (
    organization.members_can_use_personal_api_keys === 0 &&
    level < MembershipLevel.admin &&
    hasFeature(organization, "organization_security_settings")
  ) {
    throw permissionDenied(
      `Organization '${organization.name}' does not allow using personal API keys. Contact an admin to enable personal API keys for this organization.`,
    );
  }
}
