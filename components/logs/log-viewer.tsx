"use client";

import { useCallback, useState } from "react";
import type { TimeZoneChoice } from "@/lib/logs/format-log-time";
import { filtersKey, NO_FILTERS } from "@/lib/logs/log-filters";
import { lineAsText, lineToken, type LogLine } from "@/lib/logs/log-line";
import { copyText } from "./copy-text";
import { DownloadLogsButton } from "./download-logs-button";
import { LoadOlderBar } from "./load-older-bar";
import { LogList } from "./log-list";
import { LogPlaceholder } from "./log-placeholder";
import { LogStatus } from "./log-status";
import { LogToolbar } from "./log-toolbar";
import { useLogFeed } from "./use-log-feed";
import { useLogUrlState } from "./use-log-filters";
import { usePermalink } from "./use-permalink";

/**
 * The Logs tab: an export's log lines, live, newest at the bottom. Filters and the highlighted line
 * live in the URL (`?tab=logs&level=…&search=…&run=…&line=…`).
 */
export function LogViewer({ organizationId, exportId }: { organizationId: string; exportId: string }) {
  const { filters, line, setFilters, setLine, hrefWith } = useLogUrlState();
  const { feed, snapshot } = useLogFeed(organizationId, exportId, filters);
  const permalink = usePermalink(feed, snapshot, line);
  const [zone, setZone] = useState<TimeZoneChoice>("local");
  const [wrap, setWrap] = useState(false);

  const copyLine = useCallback((target: LogLine) => void copyText(lineAsText(target), "Line copied"), []);
  const copyRun = useCallback((runId: string) => void copyText(runId, "Run id copied"), []);
  const linkLine = useCallback(
    (target: LogLine) => {
      const token = lineToken(target);
      setLine(token);
      void copyText(hrefWith({ tab: "logs", line: token }), "Link to the line copied");
    },
    [hrefWith, setLine],
  );

  return (
    <section aria-label="Logs" className="flex flex-col gap-3">
      <LogToolbar
        filters={filters}
        onFilters={setFilters}
        zone={zone}
        onZone={setZone}
        wrap={wrap}
        onWrap={setWrap}
        download={<DownloadLogsButton organizationId={organizationId} exportId={exportId} filters={filters} />}
      />
      {permalink.missing && (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The linked line is not in these logs: it may be older than PostHog keeps, or hidden by the filters.{" "}
          <button type="button" className="underline" onClick={() => setLine(null)}>
            Dismiss
          </button>
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-x-6 gap-y-2">
        <LoadOlderBar snapshot={snapshot} onLoadOlder={() => void feed.loadOlder()} />
        <LogStatus snapshot={snapshot} onRetry={() => feed.retry()} onBackToLatest={() => feed.backToLatest()} />
      </div>
      <LogList
        // A new feed (other filters) is a new list: follow state and measurements start afresh.
        key={`${exportId}:${filtersKey(filters)}`}
        lines={snapshot.lines}
        tailAdded={snapshot.tailAdded}
        zone={zone}
        wrap={wrap}
        highlight={line}
        highlightIndex={permalink.index}
        onCopyLine={copyLine}
        onLinkLine={linkLine}
        onCopyRun={copyRun}
        placeholder={<LogPlaceholder snapshot={snapshot} filters={filters} onRetry={() => feed.retry()} onClearFilters={() => setFilters(NO_FILTERS)} />}
      />
    </section>
  );
}
