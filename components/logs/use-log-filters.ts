"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useOptimistic, useTransition } from "react";
import { filtersKey, readLogFilters, writeLogFilters, type LogFilters } from "@/lib/logs/log-filters";

export interface LogUrlState {
  filters: LogFilters;
  /** Permalink token of the highlighted line (`?line=`), if any. */
  line: string | null;
  setFilters: (patch: Partial<LogFilters>) => void;
  setLine: (token: string | null) => void;
  /** The page's URL with `params` changed, for links (absolute, to paste elsewhere). */
  hrefWith: (changes: Record<string, string | null>) => string;
}

/** Commas are legal in a query string: `level=WARNING,ERROR` reads better in a shared link than `%2C`. */
function readableQuery(params: URLSearchParams): string {
  return params.toString().replace(/%2C/gi, ",");
}

/**
 * The Logs tab's filters and highlighted line, kept in the URL so a view can be shared. Other
 * parameters (the tab) are kept. A filter change drops the highlighted line, which it may hide.
 */
export function useLogUrlState(): LogUrlState {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const committed = useMemo(() => readLogFilters(new URLSearchParams(params.toString())), [params]);
  // Controls show a change at once; the URL follows when the navigation lands.
  const [optimistic, showNow] = useOptimistic(committed);
  // One object while the filters are the same (whatever else the URL does), so the feed keyed on it is not restarted.
  const key = filtersKey(optimistic);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the identity of `optimistic`
  const filters = useMemo(() => optimistic, [key]);
  const [, startTransition] = useTransition();
  const line = params.get("line");

  const replace = useCallback(
    (next: URLSearchParams) => router.replace(`${pathname}?${readableQuery(next)}`, { scroll: false }),
    [pathname, router],
  );

  const setFilters = useCallback(
    (patch: Partial<LogFilters>) => {
      const current = new URLSearchParams(params.toString());
      const next = writeLogFilters(current, { ...readLogFilters(current), ...patch });
      next.delete("line");
      startTransition(() => {
        showNow(readLogFilters(next));
        replace(next);
      });
    },
    [params, replace, showNow],
  );

  const setLine = useCallback(
    (token: string | null) => {
      const next = new URLSearchParams(params.toString());
      if (token) next.set("line", token);
      else next.delete("line");
      replace(next);
    },
    [params, replace],
  );

  const hrefWith = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [name, value] of Object.entries(changes)) {
        if (value === null) next.delete(name);
        else next.set(name, value);
      }
      return `${window.location.origin}${pathname}?${readableQuery(next)}`;
    },
    [params, pathname],
  );

  return { filters, line, setFilters, setLine, hrefWith };
}
