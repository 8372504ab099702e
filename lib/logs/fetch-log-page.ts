import { z } from "zod";
import { PostHogDateTime } from "@/lib/posthog/common";
import { apiRequest } from "@/lib/queries/api-client";
import type { PageBounds } from "./log-cursors";
import type { FetchLogPage } from "./log-feed";
import { filterQuery, type LogFilters } from "./log-filters";

/** Levels are read as text (see `RawLogEntry`); the rest is checked so the store can trust it. */
const LogPage = z.object({
  results: z.array(
    z.object({
      timestamp: PostHogDateTime,
      instance_id: z.string(),
      level: z.string(),
      message: z.string(),
    }),
  ),
});

export function logsPath(organizationId: string, exportId: string, filters: LogFilters, pageBounds: PageBounds): string {
  const query = new URLSearchParams({ ...filterQuery(filters), limit: String(pageBounds.limit) });
  if (pageBounds.after) query.set("after", pageBounds.after);
  if (pageBounds.before) query.set("before", pageBounds.before);
  return `/api/organizations/${organizationId}/batch_exports/${exportId}/logs/?${query.toString()}`;
}

/** Pages of one export's logs through the dashboard's proxy, with `filters` applied by PostHog. */
export function logPageFetcher(organizationId: string, exportId: string, filters: LogFilters): FetchLogPage {
  return async (pageBounds, signal) => (await apiRequest(logsPath(organizationId, exportId, filters, pageBounds), LogPage, { signal })).results;
}
