import { z } from "zod";
import { chooseProject } from "@/lib/server/choose-project";
import { rememberExportProject } from "@/lib/server/export-projects";
import { forward, relay, upstream } from "@/lib/server/forward";
import { ListQuery, listSearch, OrganizationParams } from "@/lib/server/ids";
import { withSession } from "@/lib/server/route-handler";

/** Every export of the organization, across its projects (PostHog's organization-level list). */
export const GET = withSession({ params: OrganizationParams, query: ListQuery }, ({ session, params, query, request }) =>
  forward(
    session,
    { method: "GET", path: `/api/organizations/${params.id}/batch_exports/`, query: listSearch(query) },
    request.nextUrl.pathname,
  ),
);

/** PostHog validates the export itself; here only the project choice and the body's shape. */
const CreateBody = z.looseObject({ team_id: z.number().int().positive().optional() });

/** Creates through the project route (the organization route cannot create on PostHog Cloud). */
export const POST = withSession({ params: OrganizationParams, body: CreateBody }, async ({ session, params, body, request }) => {
  const { team_id: requested, ...exportBody } = body;
  const project = await chooseProject(session, params.id, requested);
  if ("failure" in project) return relay(project.failure, request.nextUrl.pathname);
  const created = await upstream(session, { method: "POST", path: `/api/projects/${project.teamId}/batch_exports/`, body: exportBody });
  if (created.status === 201) rememberExportProject(session, params.id, created.body);
  return relay(created, request.nextUrl.pathname);
});
