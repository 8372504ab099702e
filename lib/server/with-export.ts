import "server-only";
import type { NextResponse } from "next/server";
import { exportProject } from "./export-projects";
import { relay } from "./forward";
import { withSession, type HandlerContext, type RouteSpec } from "./route-handler";

export interface ExportContext<P, Q, B> extends HandlerContext<P, Q, B> {
  /** `/api/projects/:team_id/batch_exports/:id/`, the export's canonical PostHog path. */
  exportPath: string;
  teamId: number;
}

/**
 * A route on one batch export of an organization, answered by PostHog's project route for it: the
 * wrapper finds the export's project first (cached), and relays PostHog's 404/403 when there is none.
 */
export function withExport<P extends { id: string; exportId: string }, Q = undefined, B = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (ctx: ExportContext<P, Q, B>) => Promise<NextResponse>,
) {
  return withSession(spec, async (ctx) => {
    const found = await exportProject(ctx.session, ctx.params.id, ctx.params.exportId);
    if ("failure" in found) return relay(found.failure, ctx.request.nextUrl.pathname);
    return handler({
      ...ctx,
      teamId: found.teamId,
      exportPath: `/api/projects/${found.teamId}/batch_exports/${ctx.params.exportId}/`,
    });
  });
}
