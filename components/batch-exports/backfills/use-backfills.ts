"use client";

import { useQuery } from "@tanstack/react-query";
import { isInProgress } from "@/lib/batch-exports/run-status";
import { backfillsQuery } from "@/lib/queries/batch-exports";
import { startedRecently } from "./recent-backfill-starts";

const LIVE_REFRESH_MS = 2_000;

/** An export's backfills, newest first, refreshing every 2 s while one moves (or has just been started). */
export function useBackfills(organizationId: string, exportId: string) {
  return useQuery({
    ...backfillsQuery(organizationId, exportId),
    refetchInterval: (query) =>
      query.state.data?.results.some((backfill) => isInProgress(backfill.status)) || startedRecently(exportId) ? LIVE_REFRESH_MS : false,
  });
}
