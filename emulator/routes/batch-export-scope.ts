import type { Principal } from "../auth/principal";
import type { Scope } from "../auth/scopes";
import { notFound } from "../http/api-error";
import { authorizeOrganizationNested, authorizeProject } from "../http/guards";
import type { RequestContext } from "../http/request-context";
import { getBatchExport } from "../store/batch-exports";
import { teamsOf } from "../store/organizations";
import type { BatchExportRow, OrganizationRow, TeamRow } from "../store/rows";

/**
 * Batch exports are served under a project (`/api/projects/:project_id/...`, alias `/api/environments/`)
 * and under an organization (`/api/organizations/:organization_id/...`, every project of it). A scope
 * answers which teams a request may see, after PostHog's permission checks for that kind of route.
 */
export interface BatchExportScope {
  kind: "project" | "organization";
  principal: Principal;
  organization: OrganizationRow;
  /** The project of a project route; null under an organization. */
  team: TeamRow | null;
  teamIds: number[];
}

export type ScopeResolver = (ctx: RequestContext, scope: Scope) => BatchExportScope;

export const projectScope: ScopeResolver = (ctx, scope) => {
  const { principal, team, organization } = authorizeProject(ctx, scope, ctx.params.project_id!);
  return { kind: "project", principal, organization, team, teamIds: [team.id] };
};

export const organizationScope: ScopeResolver = (ctx, scope) => {
  const { principal, organization } = authorizeOrganizationNested(ctx, scope, ctx.params.organization_id!);
  const teamIds = teamsOf(ctx.emulator.db, organization.id).map((t) => t.id);
  return { kind: "organization", principal, organization, team: null, teamIds };
};

/** The export named in the path, if it lives in one of the scope's teams and is not deleted. */
export function exportInScope(ctx: RequestContext, scope: BatchExportScope, id: string | undefined): BatchExportRow {
  const row = id ? getBatchExport(ctx.emulator.db, id) : undefined;
  if (!row || !scope.teamIds.includes(row.team_id)) throw notFound();
  return row;
}

export function teamOf(ctx: RequestContext, teamId: number): TeamRow {
  return ctx.emulator.db.prepare("SELECT * FROM teams WHERE id = ?").get(teamId) as TeamRow;
}

export function teamFlags(team: TeamRow): Set<string> {
  return new Set(JSON.parse(team.feature_flags) as string[]);
}
