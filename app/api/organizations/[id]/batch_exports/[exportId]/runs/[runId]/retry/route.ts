import { forward } from "@/lib/server/forward";
import { RunParams } from "@/lib/server/ids";
import { withExport } from "@/lib/server/with-export";

export const POST = withExport({ params: RunParams }, ({ session, params, exportPath, request }) =>
  forward(session, { method: "POST", path: `${exportPath}runs/${params.runId}/retry/` }, request.nextUrl.pathname),
);
