import type { NextRequest } from "next/server";
import { forward } from "@/lib/server/forward";
import { ExportParams } from "@/lib/server/ids";
import { withExport } from "@/lib/server/with-export";

const PASSED_ON = ["cursor", "ordering", "status", "after", "before", "start", "end"];

/** Only PostHog's runs parameters go upstream (`status` may repeat). */
function runsSearch(request: NextRequest): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of request.nextUrl.searchParams) if (PASSED_ON.includes(key)) search.append(key, value);
  return search;
}

export const GET = withExport({ params: ExportParams }, ({ session, exportPath, request }) =>
  forward(session, { method: "GET", path: `${exportPath}runs/`, query: runsSearch(request) }, request.nextUrl.pathname),
);
