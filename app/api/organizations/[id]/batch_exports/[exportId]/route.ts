import { z } from "zod";
import { forgetExportProject, rememberExportProject } from "@/lib/server/export-projects";
import { relay, upstream } from "@/lib/server/forward";
import { ExportParams } from "@/lib/server/ids";
import { withSession } from "@/lib/server/route-handler";
import { withExport } from "@/lib/server/with-export";

export const GET = withSession({ params: ExportParams }, async ({ session, params, request }) => {
  const answer = await upstream(session, { method: "GET", path: `/api/organizations/${params.id}/batch_exports/${params.exportId}/` });
  if (answer.status === 200) rememberExportProject(session, params.id, answer.body);
  return relay(answer, request.nextUrl.pathname);
});

/** Only the fields the user changed; PostHog deep-merges `destination.config`, so secrets left out survive. */
const ExportChanges = z.looseObject({});

export const PATCH = withExport({ params: ExportParams, body: ExportChanges }, async ({ session, body, exportPath, request }) =>
  relay(await upstream(session, { method: "PATCH", path: exportPath, body }), request.nextUrl.pathname),
);

export const DELETE = withExport({ params: ExportParams }, async ({ session, params, exportPath, request }) => {
  const answer = await upstream(session, { method: "DELETE", path: exportPath });
  if (answer.status === 204) forgetExportProject(session, params.exportId);
  return relay(answer, request.nextUrl.pathname);
});
