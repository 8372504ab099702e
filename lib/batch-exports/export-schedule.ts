import type { BatchExport, BatchExportInterval } from "@/lib/posthog";
import { isValidTimezone, WEEKDAYS, type Schedule } from "./schedule";

/** The schedule PostHog runs an export on, from the export as PostHog renders it. */
export function scheduleOf(batchExport: Pick<BatchExport, "interval" | "timezone" | "offset_day" | "offset_hour">): Schedule {
  // PostHog's defaults: UTC, Sunday, midnight. An unknown zone name would make Intl throw on every render.
  const timezone = batchExport.timezone && isValidTimezone(batchExport.timezone) ? batchExport.timezone : "UTC";
  return {
    interval: batchExport.interval,
    timezone,
    offsetDay: batchExport.offset_day ?? 0,
    offsetHour: batchExport.offset_hour ?? 0,
  };
}

export function dayName(day: number): string {
  return WEEKDAYS[((day % 7) + 7) % 7]!;
}

/** Minutes per interval (PostHog's `interval_time_delta`; a week is always 7 × 24 h there). */
export function intervalMinutes(interval: BatchExportInterval): number {
  switch (interval) {
    case "every 5 minutes":
      return 5;
    case "every 15 minutes":
      return 15;
    case "hour":
      return 60;
    case "day":
      return 24 * 60;
    case "week":
      return 7 * 24 * 60;
  }
}

/** "5 minutes", "hour", "day", "week": one interval, as PostHog's copy names it. */
export function intervalNoun(interval: BatchExportInterval): string {
  return interval.startsWith("every ") ? interval.slice("every ".length) : interval;
}
