import { forward } from "@/lib/server/forward";
import { ListQuery, listSearch, OrganizationParams } from "@/lib/server/ids";
import { withSession } from "@/lib/server/route-handler";

export const GET = withSession({ params: OrganizationParams, query: ListQuery }, ({ session, params, query }) =>
  forward(session, { method: "GET", path: `/api/organizations/${params.id}/batch_exports/`, query: listSearch(query) }),
);
