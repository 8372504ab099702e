"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { isInProgress } from "@/lib/batch-exports/run-status";
import type { BatchExportRunStatus } from "@/lib/posthog";
import { batchExportKeys, fetchRunPage, runsPath, type RunPage } from "@/lib/queries/batch-exports";
import { startedRecently } from "../backfills/recent-backfill-starts";

const LIVE_REFRESH_MS = 3_000;

function anyInProgress(pages: readonly RunPage[] | undefined): boolean {
  return !!pages?.some((page) => page.results.some((run) => isInProgress(run.status)));
}

/**
 * An export's runs, newest first, page by page along PostHog's `next` cursor (PostHog's own default
 * window: the last 7 days). It refreshes by itself while a shown run is still moving, and for a while
 * after a retry or backfill was started, whose first run PostHog creates a moment later.
 */
export function useRuns(organizationId: string, exportId: string, statuses: readonly BatchExportRunStatus[]) {
  return useInfiniteQuery({
    queryKey: batchExportKeys.runs(organizationId, exportId, statuses),
    queryFn: ({ pageParam, signal }) => fetchRunPage(pageParam, signal),
    initialPageParam: runsPath(organizationId, exportId, statuses),
    getNextPageParam: (last) => last.next ?? undefined,
    refetchInterval: (query) =>
      anyInProgress(query.state.data?.pages) || startedRecently(exportId) ? LIVE_REFRESH_MS : false,
  });
}
