"use client";

import { TableHead } from "@/components/ui/table-head";
import type { BatchExportRun } from "@/lib/posthog";
import { isInProgress } from "@/lib/batch-exports/run-status";
import { RunRow } from "./run-row";
import { useRunLogsHref } from "./use-run-status-filter";
import { useLiveClock } from "./use-live-clock";

const COLUMNS = ["Status", "Data interval", "Rows", "Bytes", "Started", "Duration", "Error", "Actions"];

export function RunsTable({
  organizationId,
  exportId,
  exportName,
  runs,
  timezone,
}: {
  organizationId: string;
  exportId: string;
  exportName: string;
  runs: readonly BatchExportRun[];
  timezone: string;
}) {
  const now = useLiveClock(runs.some((run) => isInProgress(run.status)));
  const logsHref = useRunLogsHref();
  return (
    <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
      <table className="w-full text-left text-sm">
        <TableHead caption={`Runs of ${exportName}, newest first; times in ${timezone}`} columns={COLUMNS} />
        <tbody>
          {runs.map((run) => (
            <RunRow
              key={run.id}
              organizationId={organizationId}
              exportId={exportId}
              run={run}
              timezone={timezone}
              now={now}
              logsHref={logsHref(run.id)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
