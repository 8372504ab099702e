import { describe, expect, it } from "vitest";
import type { BatchExportRun } from "@/lib/posthog";
import { exportState, runHealth } from "./export-health";

function run(status: string, createdAt: string): BatchExportRun {
  return {
    id: `00000000-0000-4000-8000-${createdAt.replace(/\D/g, "").slice(-12).padStart(12, "0")}`,
    status,
    created_at: createdAt,
  } as BatchExportRun;
}

describe("exportState", () => {
  const now = Date.parse("2026-01-10T00:00:00Z");
  it("is Ended once end_at has passed, even when paused", () => {
    expect(exportState({ paused: true, end_at: "2026-01-09T00:00:00Z" }, now)).toBe("Ended");
  });
  it("is Paused or Active otherwise", () => {
    expect(exportState({ paused: true, end_at: null }, now)).toBe("Paused");
    expect(exportState({ paused: false, end_at: "2026-02-01T00:00:00Z" }, now)).toBe("Active");
  });
});

describe("runHealth", () => {
  it("counts failures since the last success, ignoring a run still in flight", () => {
    const health = runHealth([
      run("Running", "2026-01-10T05:00:00Z"),
      run("Failed", "2026-01-10T04:00:00Z"),
      run("FailedRetryable", "2026-01-10T03:00:00Z"),
      run("Completed", "2026-01-10T02:00:00Z"),
      run("Failed", "2026-01-10T01:00:00Z"),
    ]);
    expect(health.consecutiveFailures).toBe(2);
    expect(health.lastRun?.status).toBe("Running");
    expect(health.lastSuccess?.created_at).toBe("2026-01-10T02:00:00Z");
    expect(health.failuresMayBeMore).toBe(false);
  });

  it("sorts by creation time whatever order the runs come in", () => {
    const health = runHealth([run("Completed", "2026-01-10T01:00:00Z"), run("Failed", "2026-01-10T02:00:00Z")]);
    expect(health.lastRun?.status).toBe("Failed");
    expect(health.consecutiveFailures).toBe(1);
  });

  it("says the streak may be longer when all ten runs PostHog returned failed", () => {
    const runs = Array.from({ length: 10 }, (_, i) => run("Failed", `2026-01-10T${String(i).padStart(2, "0")}:00:00Z`));
    const health = runHealth(runs);
    expect(health.consecutiveFailures).toBe(10);
    expect(health.failuresMayBeMore).toBe(true);
    expect(health.lastSuccess).toBeNull();
  });

  it("is empty for an export that never ran", () => {
    expect(runHealth([])).toEqual({ lastRun: null, lastSuccess: null, consecutiveFailures: 0, failuresMayBeMore: false });
  });
});
