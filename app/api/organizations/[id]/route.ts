import { OrganizationUpdate } from "@/lib/posthog";
import { forward } from "@/lib/server/forward";
import { OrganizationParams } from "@/lib/server/ids";
import { withSession } from "@/lib/server/route-handler";

const path = (id: string) => `/api/organizations/${id}/`;

export const GET = withSession({ params: OrganizationParams }, ({ session, params, request }) =>
  forward(session, { method: "GET", path: path(params.id) }, request.nextUrl.pathname),
);

export const PATCH = withSession({ params: OrganizationParams, body: OrganizationUpdate }, ({ session, params, body, request }) =>
  forward(session, { method: "PATCH", path: path(params.id), body }, request.nextUrl.pathname),
);

export const DELETE = withSession({ params: OrganizationParams }, ({ session, params, request }) =>
  forward(session, { method: "DELETE", path: path(params.id) }, request.nextUrl.pathname),
);
