import { z } from "zod";
import { forward } from "@/lib/server/forward";
import { ExportParams } from "@/lib/server/ids";
import { withExport } from "@/lib/server/with-export";

/** PostHog's log query parameters, passed on as they are (PostHog validates their values). */
const LogQuery = z.object({
  limit: z.string().optional(),
  after: z.string().optional(),
  before: z.string().optional(),
  level: z.string().optional(),
  search: z.string().optional(),
  instance_id: z.string().optional(),
});

export const GET = withExport({ params: ExportParams, query: LogQuery }, ({ session, query, exportPath, request }) => {
  const search = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  return forward(session, { method: "GET", path: `${exportPath}logs/`, query: search }, request.nextUrl.pathname);
});
