import { permissionDenied } from "../http/api-error";
import type { Principal } from "./principal";

export type Scope = `${"organization" | "batch_export" | "integration"}:${"read" | "write"}`;

/**
 * PostHog's APIScopePermission: a key without scopes (legacy) or with `*` may do anything, and
 * `X:write` also grants `X:read`.
 */
export function requireScope(principal: Principal, scope: Scope): void {
  const scopes = principal.scopes;
  if (!scopes || scopes.includes("*")) return;
  if (scopes.includes(scope)) return;
  const [object, action] = scope.split(":");
  if (action === "read" && scopes.includes(`${object}:write`)) return;
  throw permissionDenied(`API key missing required scope '${scope}'`);
}

/** Endpoints outside `/api/projects/...` refuse keys limited to projects. */
export function requireNotProjectScoped(principal: Principal): void {
  if (principal.scopedTeams) {
    throw permissionDenied("API keys with scoped projects are only supported on project-based endpoints.");
  }
}

export function requireOrganizationInKeyScope(principal: Principal, organizationId: string): void {
  if (principal.scopedOrganizations && !principal.scopedOrganizations.includes(organizationId)) {
    throw permissionDenied(`API key does not have access to the requested organization: ID ${organizationId}.`);
  }
}

export function requireTeamInKeyScope(principal: Principal, teamId: number, organizationId: string): void {
  if (principal.scopedTeams && !principal.scopedTeams.includes(teamId)) {
    throw permissionDenied(`API key does not have access to the requested project: ID ${teamId}.`);
  }
  requireOrganizationInKeyScope(principal, organizationId);
}
