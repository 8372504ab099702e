"use client";

import { RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { LoadError } from "@/components/ui/load-error";
import { StateMessage } from "@/components/ui/state-message";
import { intervalNoun, scheduleOf } from "@/lib/batch-exports/export-schedule";
import { statusLabel } from "@/lib/batch-exports/run-status";
import type { BatchExport, BatchExportRunStatus } from "@/lib/posthog";
import { errorMessage } from "@/lib/queries/api-client";
import { RunStatusFilter } from "./run-status-filter";
import { RunsTable } from "./runs-table";
import { useRunStatusFilter } from "./use-run-status-filter";
import { useRuns } from "./use-runs";

function NoRuns({
  batchExport,
  statuses,
  onClearFilter,
  onStartBackfill,
}: {
  batchExport: BatchExport;
  statuses: readonly BatchExportRunStatus[];
  onClearFilter: () => void;
  onStartBackfill?: () => void;
}) {
  if (statuses.length > 0) {
    return (
      <StateMessage title={`No runs with status ${statuses.map(statusLabel).join(" or ")} in the last 7 days`}>
        <Button variant="secondary" size="sm" onClick={onClearFilter}>
          Clear filter
        </Button>
      </StateMessage>
    );
  }
  return (
    <StateMessage title="No runs in the last 7 days">
      <p>
        {batchExport.paused
          ? "This export is paused, so PostHog schedules no runs. Resume it to export new data."
          : `This export runs every ${intervalNoun(batchExport.interval)}: a run appears here once an interval has ended.`}{" "}
        A backfill exports earlier data.
      </p>
      {onStartBackfill && (
        <Button className="mt-3" variant="secondary" size="sm" onClick={onStartBackfill}>
          Start backfill
        </Button>
      )}
    </StateMessage>
  );
}

/**
 * The runs of one export: PostHog's last 7 days, newest first, filterable by status (kept in the
 * URL), with retry, cancel and a link to each run's logs. It refreshes itself while a run moves.
 */
export function RunsTab({
  organizationId,
  batchExport,
  onStartBackfill,
}: {
  organizationId: string;
  batchExport: BatchExport;
  /** Offered from the empty state when given; the page decides where the backfill dialog lives. */
  onStartBackfill?: () => void;
}) {
  const [statuses, setStatuses] = useRunStatusFilter();
  const runs = useRuns(organizationId, batchExport.id, statuses);
  const { timezone } = scheduleOf(batchExport);
  const rows = runs.data?.pages.flatMap((page) => page.results) ?? [];

  return (
    <section aria-labelledby="runs-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="runs-heading" className="text-base font-semibold">
            Runs
          </h2>
          <p className="text-xs text-neutral-500">Last 7 days, newest first. Times in {timezone}.</p>
        </div>
        <div className="flex items-center gap-2">
          <RunStatusFilter selected={statuses} onChange={setStatuses} />
          <Button variant="secondary" size="sm" onClick={() => runs.refetch()} disabled={runs.isFetching} aria-label="Refresh runs">
            <RefreshCw className={runs.isFetching ? "h-4 w-4 animate-spin" : "h-4 w-4"} aria-hidden />
            Refresh
          </Button>
        </div>
      </div>

      {runs.isPending ? (
        <Spinner label="Loading runs" />
      ) : runs.isError && rows.length === 0 ? (
        <LoadError title="The runs could not be loaded" detail={errorMessage(runs.error)} onRetry={() => runs.refetch()} />
      ) : rows.length === 0 ? (
        <NoRuns batchExport={batchExport} statuses={statuses} onClearFilter={() => setStatuses([])} onStartBackfill={onStartBackfill} />
      ) : (
        <>
          <RunsTable organizationId={organizationId} exportId={batchExport.id} exportName={batchExport.name} runs={rows} timezone={timezone} />
          {runs.isError && (
            <p role="alert" className="text-sm text-red-700">
              Refreshing failed: {errorMessage(runs.error)}
            </p>
          )}
          {runs.hasNextPage && (
            <div className="flex justify-center">
              <Button variant="secondary" onClick={() => runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
                {runs.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
