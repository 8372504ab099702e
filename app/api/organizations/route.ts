import { OrganizationCreate } from "@/lib/posthog";
import { forward } from "@/lib/server/forward";
import { ListQuery, listSearch } from "@/lib/server/ids";
import { withSession } from "@/lib/server/route-handler";

export const GET = withSession({ query: ListQuery }, ({ session, query, request }) =>
  forward(session, { method: "GET", path: "/api/organizations/", query: listSearch(query) }, request.nextUrl.pathname),
);

export const POST = withSession({ body: OrganizationCreate }, ({ session, body, request }) =>
  forward(session, { method: "POST", path: "/api/organizations/", body }, request.nextUrl.pathname),
);
