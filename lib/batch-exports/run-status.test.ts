import { describe, expect, it } from "vitest";
import { BatchExportRunStatus } from "@/lib/posthog";
import { FILTERABLE_STATUSES, isCancellable, isInProgress, parseStatusFilter, runBadge, statusLabel, statusTone } from "./run-status";

describe("run statuses", () => {
  it("gives every PostHog status a label and a tone", () => {
    for (const status of BatchExportRunStatus.options) {
      expect(statusLabel(status)).toBeTruthy();
      expect(["green", "blue", "amber", "red"]).toContain(statusTone(status));
    }
    expect([...FILTERABLE_STATUSES].sort()).toEqual([...BatchExportRunStatus.options].sort());
  });

  it("colours like PostHog: green done, blue moving, amber stopped, red failed", () => {
    expect(statusTone("Completed")).toBe("green");
    expect(statusTone("Starting")).toBe("blue");
    expect(statusTone("TimedOut")).toBe("amber");
    expect(statusTone("FailedRetryable")).toBe("red");
  });

  it("marks a Completed run with failed records amber, in words too", () => {
    expect(runBadge({ status: "Completed", records_failed: 3 })).toEqual({ label: "Completed (with failures)", tone: "amber" });
    expect(runBadge({ status: "Completed", records_failed: 0 })).toEqual({ label: "Completed", tone: "green" });
    expect(runBadge({ status: "Failed" })).toEqual({ label: "Failed", tone: "red" });
  });

  it("allows cancelling only Starting and Running", () => {
    expect(BatchExportRunStatus.options.filter(isCancellable)).toEqual(["Running", "Starting"]);
    expect(isInProgress("ContinuedAsNew")).toBe(true);
    expect(isInProgress("Failed")).toBe(false);
  });

  it("keeps known statuses from the URL in a stable order", () => {
    expect(parseStatusFilter(["Failed", "bogus", "Running", "Failed"])).toEqual(["Running", "Failed"]);
  });
});
