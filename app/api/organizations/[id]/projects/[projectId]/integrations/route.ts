import { z } from "zod";
import { forward } from "@/lib/server/forward";
import { ProjectParams } from "@/lib/server/ids";
import { withSession } from "@/lib/server/route-handler";

const KindQuery = z.object({ kind: z.string().regex(/^[a-z0-9-]{1,64}$/).optional() });
const NewIntegration = z.object({ kind: z.string().regex(/^[a-z0-9-]{1,64}$/), config: z.record(z.string(), z.unknown()) });

/** A project's integrations (credentials batch exports use); PostHog never returns their secrets. */
export const GET = withSession({ params: ProjectParams, query: KindQuery }, ({ session, params, query, request }) =>
  forward(
    session,
    { method: "GET", path: `/api/projects/${params.projectId}/integrations/`, query: new URLSearchParams(query.kind ? { kind: query.kind } : {}) },
    request.nextUrl.pathname,
  ),
);

export const POST = withSession({ params: ProjectParams, body: NewIntegration }, ({ session, params, body, request }) =>
  forward(session, { method: "POST", path: `/api/projects/${params.projectId}/integrations/`, body }, request.nextUrl.pathname),
);
