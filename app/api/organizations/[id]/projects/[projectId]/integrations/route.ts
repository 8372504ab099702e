import { z } from "zod";
import { chooseProject } from "@/lib/server/choose-project";
import { forward, relay } from "@/lib/server/forward";
import { ProjectParams } from "@/lib/server/ids";
import { withSession } from "@/lib/server/route-handler";

const KindQuery = z.object({ kind: z.string().regex(/^[a-z0-9-]{1,64}$/).optional() });
const NewIntegration = z.object({ kind: z.string().regex(/^[a-z0-9-]{1,64}$/), config: z.record(z.string(), z.unknown()) });

/**
 * A project's integrations (credentials batch exports use); PostHog never returns their secrets. The
 * project must belong to the organization in the path, so ids of two organizations cannot be mixed.
 */
export const GET = withSession({ params: ProjectParams, query: KindQuery }, async ({ session, params, query, request }) => {
  const project = await chooseProject(session, params.id, params.projectId);
  if ("failure" in project) return relay(project.failure, request.nextUrl.pathname);
  return forward(
    session,
    { method: "GET", path: `/api/projects/${project.teamId}/integrations/`, query: new URLSearchParams(query.kind ? { kind: query.kind } : {}) },
    request.nextUrl.pathname,
  );
});

export const POST = withSession({ params: ProjectParams, body: NewIntegration }, async ({ session, params, body, request }) => {
  const project = await chooseProject(session, params.id, params.projectId);
  if ("failure" in project) return relay(project.failure, request.nextUrl.pathname);
  return forward(session, { method: "POST", path: `/api/projects/${project.teamId}/integrations/`, body }, request.nextUrl.pathname);
});
