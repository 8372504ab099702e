import type { BatchExport, BatchExportRun } from "@/lib/posthog";

export type ExportState = "Active" | "Paused" | "Ended";

const FAILED = new Set(["Failed", "FailedRetryable", "FailedBilling", "TimedOut", "Terminated"]);

/** Ended wins over paused: a schedule past its `end_at` will not run again whatever its pause state. */
export function exportState(batchExport: Pick<BatchExport, "paused" | "end_at">, now: number): ExportState {
  if (batchExport.end_at && Date.parse(batchExport.end_at) <= now) return "Ended";
  return batchExport.paused ? "Paused" : "Active";
}

export interface RunHealth {
  lastRun: BatchExportRun | null;
  lastSuccess: BatchExportRun | null;
  /** Failures since the last success, among the runs PostHog returns with the export (its 10 newest). */
  consecutiveFailures: number;
  /** True when every run seen failed, so the real streak may be longer than the count. */
  failuresMayBeMore: boolean;
}

/** What an admin scans the fleet for: is it failing, since when, and when did it last work. */
export function runHealth(latestRuns: readonly BatchExportRun[]): RunHealth {
  const runs = [...latestRuns].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  const finished = runs.filter((r) => r.status !== "Running" && r.status !== "Starting");
  let consecutiveFailures = 0;
  for (const run of finished) {
    if (!FAILED.has(run.status)) break;
    consecutiveFailures += 1;
  }
  return {
    lastRun: runs[0] ?? null,
    lastSuccess: runs.find((r) => r.status === "Completed") ?? null,
    consecutiveFailures,
    failuresMayBeMore: finished.length > 0 && consecutiveFailures === finished.length && runs.length >= 10,
  };
}

export function isFailedStatus(status: string): boolean {
  return FAILED.has(status);
}
