import { runBadge } from "@/lib/batch-exports/run-status";
import type { BatchExportRun } from "@/lib/posthog";
import { StatusBadge } from "./runs/status-badge";

/** A run's status as the runs table shows it, for places that show one run (the fleet's last run). */
export function RunStatusBadge({ run }: { run: Pick<BatchExportRun, "status" | "records_failed"> }) {
  const { label, tone } = runBadge(run);
  return <StatusBadge label={label} tone={tone} />;
}
