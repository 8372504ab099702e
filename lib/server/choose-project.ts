import "server-only";
import { bffError } from "./bff-error";
import { getConfig } from "./config";
import type { Session } from "./session";
import { callUpstream, type UpstreamResponse } from "./upstream-client";

/**
 * Which project a new export goes to: the `team_id` asked for (when it is one of the organization's
 * projects), or the only project there is. Anything else is a clear 400 naming the choices.
 */
export async function chooseProject(
  session: Session,
  organizationId: string,
  requested: number | undefined,
): Promise<{ teamId: number } | { failure: UpstreamResponse }> {
  const answer = await callUpstream(
    session,
    { method: "GET", path: `/api/organizations/${organizationId}/` },
    { timeoutMs: getConfig().upstreamTimeoutMs },
  );
  if (answer.status !== 200) return { failure: answer };
  const projects = ((answer.body as { projects?: Array<{ id: number; name: string }> }).projects ?? []).map((p) => ({
    id: p.id,
    name: p.name,
  }));
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
