/**
 * PostHog answers 201 before every version lists the new backfill (its workflow may create the row a
 * moment later), so right after a start the Backfills tab keeps refreshing even when it sees nothing
 * active yet. Per browser tab, by export id.
 */
const GRACE_MS = 30_000;
const startedAt = new Map<string, number>();

export function noteBackfillStarted(exportId: string, at = Date.now()): void {
  startedAt.set(exportId, at);
}

export function startedRecently(exportId: string, now = Date.now()): boolean {
  const at = startedAt.get(exportId);
  return at !== undefined && now - at < GRACE_MS;
}
