"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useOptimistic, useTransition } from "react";
import { parseStatusFilter } from "@/lib/batch-exports/run-status";
import type { BatchExportRunStatus } from "@/lib/posthog";

/**
 * The runs' status filter lives in the URL (`?tab=runs&status=Failed&status=Running`), so a filtered
 * view can be shared. Only `status` is ours: the page's other parameters (the tab) are kept. The
 * boxes tick at once; the URL (and the query) follow when the navigation lands.
 */
export function useRunStatusFilter(): [BatchExportRunStatus[], (next: readonly BatchExportRunStatus[]) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const statuses = useMemo(() => parseStatusFilter(params.getAll("status")), [params]);
  const [shown, showNow] = useOptimistic(statuses);
  const [, startTransition] = useTransition();
  const setStatuses = useCallback(
    (next: readonly BatchExportRunStatus[]) => {
      const wanted = parseStatusFilter(next);
      const search = new URLSearchParams(params.toString());
      search.delete("status");
      for (const status of wanted) search.append("status", status);
      const query = search.toString();
      startTransition(() => {
        showNow(wanted);
        router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
      });
    },
    [params, pathname, router, showNow],
  );
  return [shown, setStatuses];
}

/** A link to the Logs tab showing one run's lines, keeping the page's other parameters. */
export function useRunLogsHref(): (runId: string) => string {
  const params = useSearchParams();
  const pathname = usePathname();
  return useCallback(
    (runId: string) => {
      const search = new URLSearchParams(params.toString());
      search.delete("status");
      search.set("tab", "logs");
      search.set("run", runId);
      return `${pathname}?${search.toString()}`;
    },
    [params, pathname],
  );
}
