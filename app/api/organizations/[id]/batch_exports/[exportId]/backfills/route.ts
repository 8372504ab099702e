import { forward, relay } from "@/lib/server/forward";
import { ExportParams } from "@/lib/server/ids";
import { startBackfill } from "@/lib/server/start-backfill";
import { withExport } from "@/lib/server/with-export";
import { BackfillRangeBody } from "@/lib/schemas/backfill-range";

export const GET = withExport({ params: ExportParams }, ({ session, exportPath, request }) => {
  const search = new URLSearchParams();
  for (const key of ["cursor", "ordering"]) {
    const value = request.nextUrl.searchParams.get(key);
    if (value) search.set(key, value);
  }
  return forward(session, { method: "GET", path: `${exportPath}backfills/`, query: search }, request.nextUrl.pathname);
});

export const POST = withExport({ params: ExportParams, body: BackfillRangeBody }, async ({ session, body, exportPath, request }) =>
  relay(await startBackfill(session, exportPath, body), request.nextUrl.pathname),
);
