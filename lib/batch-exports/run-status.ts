import type { BatchExportRun, BatchExportRunStatus } from "@/lib/posthog";

export type StatusTone = "green" | "blue" | "amber" | "red";

/**
 * How a run or backfill status reads and what colour it gets, as in PostHog's UI: green done, blue in
 * progress, amber stopped, red failed. The label always carries the meaning; colour only repeats it.
 */
const STATUS: Record<BatchExportRunStatus, { label: string; tone: StatusTone }> = {
  Completed: { label: "Completed", tone: "green" },
  Running: { label: "Running", tone: "blue" },
  Starting: { label: "Starting", tone: "blue" },
  ContinuedAsNew: { label: "Continued", tone: "blue" },
  Cancelled: { label: "Cancelled", tone: "amber" },
  Terminated: { label: "Terminated", tone: "amber" },
  TimedOut: { label: "Timed out", tone: "amber" },
  Failed: { label: "Failed", tone: "red" },
  // PostHog's own UI says just "Failed"; the filter has to tell the two apart, so the label does too.
  FailedRetryable: { label: "Failed (retryable)", tone: "red" },
  FailedBilling: { label: "Failed (billing)", tone: "red" },
};

export function statusLabel(status: BatchExportRunStatus): string {
  return STATUS[status].label;
}

export function statusTone(status: BatchExportRunStatus): StatusTone {
  return STATUS[status].tone;
}

/** A Completed run that dropped records turns amber and says so, as in PostHog's runs table. */
export function runBadge(run: Pick<BatchExportRun, "status" | "records_failed">): { label: string; tone: StatusTone } {
  if (run.status === "Completed" && (run.records_failed ?? 0) > 0) return { label: "Completed (with failures)", tone: "amber" };
  return STATUS[run.status];
}

/** The statuses in the order the filter offers them. */
export const FILTERABLE_STATUSES: readonly BatchExportRunStatus[] = [
  "Running",
  "Starting",
  "Completed",
  "Failed",
  "FailedRetryable",
  "FailedBilling",
  "Cancelled",
  "Terminated",
  "TimedOut",
  "ContinuedAsNew",
];

/** Still moving: worth refreshing for. */
export function isInProgress(status: BatchExportRunStatus): boolean {
  return status === "Starting" || status === "Running" || status === "ContinuedAsNew";
}

/** Cancel answers 400 in any other status. */
export function isCancellable(status: BatchExportRunStatus): boolean {
  return status === "Starting" || status === "Running";
}

/** Parses `?status=` values, keeping known ones in the filter's order (a stable query key). */
export function parseStatusFilter(values: readonly string[]): BatchExportRunStatus[] {
  return FILTERABLE_STATUSES.filter((status) => values.includes(status));
}
