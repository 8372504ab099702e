import { z } from "zod";
import { relay, upstream } from "@/lib/server/forward";
import { ExportParams } from "@/lib/server/ids";
import { withExport } from "@/lib/server/with-export";

const Body = z.object({ backfill: z.boolean().optional() });

export const POST = withExport({ params: ExportParams, body: Body }, async ({ session, body, exportPath, request }) =>
  relay(await upstream(session, { method: "POST", path: `${exportPath}unpause/`, body }), request.nextUrl.pathname),
);
