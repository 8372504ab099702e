"use client";

import { History } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import type { LogFeedSnapshot } from "@/lib/logs/log-feed";

/** Above the lines: page back in time with `before`, as far as PostHog keeps logs. */
export function LoadOlderBar({ snapshot, onLoadOlder }: { snapshot: LogFeedSnapshot; onLoadOlder: () => void }) {
  if (!snapshot.loaded || snapshot.lines.length === 0) return null;
  return (
    <div className="flex items-center gap-3 text-xs text-neutral-600">
      {snapshot.older === "start" ? (
        <p>Beginning of the logs: PostHog has no older lines for these filters.</p>
      ) : snapshot.older === "loading" ? (
        <Spinner label="Loading older lines" />
      ) : (
        <Button variant="secondary" size="sm" onClick={onLoadOlder}>
          <History className="h-4 w-4" aria-hidden />
          Load older lines
        </Button>
      )}
      {snapshot.olderProblem && (
        <p role="alert" className="text-red-700">
          Older lines could not be loaded: {snapshot.olderProblem}
        </p>
      )}
    </div>
  );
}
