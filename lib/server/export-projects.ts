import "server-only";
import { bffError } from "./bff-error";
import type { Session } from "./session";
import { callUpstream, keyFingerprint, type UpstreamResponse } from "./upstream-client";
import { getConfig } from "./config";

/**
 * PostHog serves writes, runs, backfills and logs of a batch export only under its project
 * (`/api/projects/:team_id/...`), while the dashboard addresses exports by organization. This maps an
 * export to its project, remembering the answer so a page's many calls cost one lookup.
 */
const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 5_000;
const cache = new Map<string, { teamId: number; organizationId: string; at: number }>();

/** Per key, so one user's lookup never answers for another (who may not see that organization). */
function cacheKey(session: Session, exportId: string): string {
  return `${session.host}|${keyFingerprint(session.key)}|${exportId}`;
}

/** Records what an organization-level read of an export said about its project. */
export function rememberExportProject(session: Session, organizationId: string, body: unknown): void {
  const teamId = (body as { team_id?: unknown } | null)?.team_id;
  const id = (body as { id?: unknown } | null)?.id;
  if (typeof teamId !== "number" || typeof id !== "string") return;
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey(session, id), { teamId, organizationId, at: Date.now() });
}

export function forgetExportProject(session: Session, exportId: string): void {
  cache.delete(cacheKey(session, exportId));
}

/**
 * The project of `exportId`, which must belong to `organizationId`. An export not in that
 * organization (or not visible to the key) answers PostHog's own 404 or 403.
 */
export async function exportProject(
  session: Session,
  organizationId: string,
  exportId: string,
): Promise<{ teamId: number } | { failure: UpstreamResponse }> {
  const hit = cache.get(cacheKey(session, exportId));
  if (hit && hit.organizationId === organizationId && Date.now() - hit.at < TTL_MS) return { teamId: hit.teamId };
  const answer = await callUpstream(
    session,
    { method: "GET", path: `/api/organizations/${organizationId}/batch_exports/${exportId}/` },
    { timeoutMs: getConfig().upstreamTimeoutMs },
  );
  if (answer.status !== 200) return { failure: answer };
  rememberExportProject(session, organizationId, answer.body);
  const teamId = (answer.body as { team_id?: unknown }).team_id;
  if (typeof teamId !== "number") {
    throw bffError(502, "server_error", "upstream_bad_response", "PostHog's answer about this batch export has no project (team_id).");
  }
  return { teamId };
}

/** For tests: start from an empty cache. */
export function clearExportProjects(): void {
  cache.clear();
}
