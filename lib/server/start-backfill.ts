import "server-only";
import type { Session } from "./session";
import { upstream } from "./forward";
import type { UpstreamResponse } from "./upstream-client";

export interface BackfillRange {
  start_at: string | null;
  end_at: string | null;
}

/**
 * Starts a backfill with `backfills` (201 `{backfill_id}`), and only where a PostHog is too old to
 * have it (404 on an export that exists) with the deprecated `backfill` action, answered the same way.
 */
export async function startBackfill(session: Session, exportPath: string, range: BackfillRange): Promise<UpstreamResponse> {
  const answer = await upstream(session, { method: "POST", path: `${exportPath}backfills/`, body: range });
  if (answer.status !== 404) return answer;
  const legacy = await upstream(session, { method: "POST", path: `${exportPath}backfill/`, body: range });
  return legacy.status === 200 ? { status: 201, body: legacy.body } : legacy;
}
