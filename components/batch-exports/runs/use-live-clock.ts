"use client";

import { useEffect, useState } from "react";

/**
 * The current time, ticking every second only while `live` (for "running for 2m 10s so far"), so a
 * table with nothing in progress does not re-render every second.
 */
export function useLiveClock(live: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [live]);
  return now;
}
