"use client";

import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { LoadError } from "@/components/ui/load-error";
import { StateMessage } from "@/components/ui/state-message";
import type { LogFeedSnapshot } from "@/lib/logs/log-feed";
import { hasFilters, type LogFilters } from "@/lib/logs/log-filters";

/** What the viewport shows while it has no lines: loading, stopped, or empty (and why). */
export function LogPlaceholder({
  snapshot,
  filters,
  onRetry,
  onClearFilters,
}: {
  snapshot: LogFeedSnapshot;
  filters: LogFilters;
  onRetry: () => void;
  onClearFilters: () => void;
}) {
  if (snapshot.connection === "failed") {
    return (
      <LoadError title="The logs could not be loaded." detail={snapshot.problem ?? "PostHog refused the request."} onRetry={onRetry} />
    );
  }
  if (!snapshot.loaded) return <Spinner label={snapshot.connection === "reconnecting" ? "Reconnecting…" : "Loading logs"} />;
  if (hasFilters(filters)) {
    const runOnly = filters.runId !== null && !filters.search && filters.levels.length === 0;
    return (
      <StateMessage title={runOnly ? "This run has written no log lines yet." : "No line matches these filters."}>
        <p>New lines that match appear here as runs write them.</p>
        <Button variant="secondary" size="sm" className="mt-3" onClick={onClearFilters}>
          Clear filters
        </Button>
      </StateMessage>
    );
  }
  return (
    <StateMessage title="No log lines yet.">
      <p>Lines appear here as this export&apos;s runs write them.</p>
    </StateMessage>
  );
}
