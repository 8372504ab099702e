"use client";

import { useEffect, useMemo, useState } from "react";
import type { LogFeed, LogFeedSnapshot } from "@/lib/logs/log-feed";
import { parseLineToken } from "@/lib/logs/log-line";
import { indexOfToken } from "@/lib/logs/log-store";

/**
 * A permalink's line (`?line=`): once the first page is in, loads back far enough to hold it, then
 * reports where it is, or that it is not there (older than PostHog keeps, or outside the filters).
 */
export function usePermalink(feed: LogFeed, snapshot: LogFeedSnapshot, token: string | null) {
  const [settled, setSettled] = useState<string | null>(null);
  const target = parseLineToken(token);
  const micros = target?.micros ?? null;

  useEffect(() => {
    if (micros === null || !token || !snapshot.loaded) return;
    let current = true;
    void feed.reveal(micros).then(() => {
      if (current) setSettled(token);
    });
    return () => {
      current = false;
    };
  }, [feed, micros, token, snapshot.loaded]);

  const index = useMemo(() => (token ? indexOfToken(snapshot.lines, token) : -1), [snapshot.lines, token]);
  return {
    index,
    /** The link names a line that is not to be found. */
    missing: token !== null && (target === null || (settled === token && index < 0)),
  };
}
