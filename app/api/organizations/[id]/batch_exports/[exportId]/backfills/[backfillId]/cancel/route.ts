import { forward } from "@/lib/server/forward";
import { BackfillParams } from "@/lib/server/ids";
import { withExport } from "@/lib/server/with-export";

export const POST = withExport({ params: BackfillParams }, ({ session, params, exportPath, request }) =>
  forward(session, { method: "POST", path: `${exportPath}backfills/${params.backfillId}/cancel/` }, request.nextUrl.pathname),
);
