"use client";

import { useEffect, useMemo, useSyncExternalStore } from "react";
import { logPageFetcher } from "@/lib/logs/fetch-log-page";
import { LogFeed } from "@/lib/logs/log-feed";
import type { LogFilters } from "@/lib/logs/log-filters";
import { configuredPollMs } from "@/lib/logs/poll-interval";

/**
 * One live feed per export and set of filters. Not React Query: the feed is an accumulating, bounded,
 * de-duplicated buffer with two cursors, where a query cache would keep a second copy of 100,000 lines
 * and compare them structurally on every poll.
 */
export function useLogFeed(organizationId: string, exportId: string, filters: LogFilters) {
  const feed = useMemo(
    () => new LogFeed({ fetchPage: logPageFetcher(organizationId, exportId, filters), pollMs: configuredPollMs() }),
    [organizationId, exportId, filters],
  );
  useEffect(() => {
    feed.start();
    return () => feed.stop();
  }, [feed]);
  const snapshot = useSyncExternalStore(feed.subscribe, feed.getSnapshot, feed.getSnapshot);
  return { feed, snapshot };
}
