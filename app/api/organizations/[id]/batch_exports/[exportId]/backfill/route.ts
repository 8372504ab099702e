import { relay } from "@/lib/server/forward";
import { ExportParams } from "@/lib/server/ids";
import { startBackfill } from "@/lib/server/start-backfill";
import { withExport } from "@/lib/server/with-export";
import { BackfillRangeBody } from "@/lib/schemas/backfill-range";

/** The seed API's backfill button: 201 `{backfill_id}`, whichever PostHog answers it. */
export const POST = withExport({ params: ExportParams, body: BackfillRangeBody }, async ({ session, body, exportPath, request }) =>
  relay(await startBackfill(session, exportPath, body), request.nextUrl.pathname),
);
