import "server-only";
import { bffError } from "./bff-error";
import { getConfig } from "./config";
import type { Session } from "./session";
import { callUpstream, keyFingerprint, type UpstreamResponse } from "./upstream-client";

/**
 * Which project a new export goes to: the `team_id` asked for (when it is one of the organization's
 * projects), or the only project there is. Anything else is a clear 400 naming the choices.
 */
export async function chooseProject(
  session: Session,
  organizationId: string,
  requested: number | undefined,
): Promise<{ teamId: number } | { failure: UpstreamResponse }> {
  const known = await organizationProjects(session, organizationId);
  if ("failure" in known) return known;
  const { projects } = known;
  if (requested !== undefined) {
    if (projects.some((p) => p.id === requested)) return { teamId: requested };
    throw bffError(400, "validation_error", "invalid_input", `Project ${requested} is not in this organization.`, "team_id");
  }
  if (projects.length === 1) return { teamId: projects[0]!.id };
  if (projects.length === 0) {
    throw bffError(400, "validation_error", "invalid_input", "This organization has no project to export from.", "team_id");
  }
  throw bffError(
    400,
    "validation_error",
    "required",
    `Choose a project (team_id): this organization has ${projects.length}: ${projects.map((p) => `${p.name} (${p.id})`).join(", ")}.`,
    "team_id",
  );
}

type Project = { id: number; name: string };

/**
 * An organization's projects as this key sees them, remembered for a minute: the export form asks for
 * integrations of one project several times, and each ask would otherwise cost an extra PostHog call.
 */
const PROJECTS_TTL_MS = 60_000;
const projectsCache = new Map<string, { projects: Project[]; at: number }>();

async function organizationProjects(
  session: Session,
  organizationId: string,
): Promise<{ projects: Project[] } | { failure: UpstreamResponse }> {
  const cacheKey = `${session.host}|${keyFingerprint(session.key)}|${organizationId}`;
  const hit = projectsCache.get(cacheKey);
  if (hit && Date.now() - hit.at < PROJECTS_TTL_MS) return { projects: hit.projects };
  const answer = await callUpstream(
    session,
    { method: "GET", path: `/api/organizations/${organizationId}/` },
    { timeoutMs: getConfig().upstreamTimeoutMs },
  );
  if (answer.status !== 200) return { failure: answer };
  const projects = ((answer.body as { projects?: Project[] }).projects ?? []).map((p) => ({ id: p.id, name: p.name }));
  if (projectsCache.size >= 1_000) projectsCache.delete(projectsCache.keys().next().value!);
  projectsCache.set(cacheKey, { projects, at: Date.now() });
  return { projects };
}

/** For tests: start from an empty cache. */
export function clearOrganizationProjects(): void {
  projectsCache.clear();
}
