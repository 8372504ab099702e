"use client";

import { TableHead } from "@/components/ui/table-head";
import { RefreshCw, RotateCcw } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { LoadError } from "@/components/ui/load-error";
import { StateMessage } from "@/components/ui/state-message";
import { intervalNoun, scheduleOf } from "@/lib/batch-exports/export-schedule";
import type { BatchExport } from "@/lib/posthog";
import { errorMessage } from "@/lib/queries/api-client";
import { BackfillDialog } from "./backfill-dialog";
import { BackfillRow } from "./backfill-row";
import { useBackfills } from "./use-backfills";

const COLUMNS = ["Status", "Progress", "Range", "Started", "Finished", "Actions"];

/**
 * The backfills of one export, newest first, with their progress, live while one runs; "Start
 * backfill" opens the dialog here.
 */
export function BackfillsTab({
  organizationId,
  batchExport,
  onBackfillStarted,
}: {
  organizationId: string;
  batchExport: BatchExport;
  onBackfillStarted?: (backfillId: string) => void;
}) {
  const [starting, setStarting] = useState(false);
  const backfills = useBackfills(organizationId, batchExport.id);
  const { timezone } = scheduleOf(batchExport);
  const rows = backfills.data?.results ?? [];

  return (
    <section aria-labelledby="backfills-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="backfills-heading" className="text-base font-semibold">
            Backfills
          </h2>
          <p className="text-xs text-neutral-500">Newest first. Times in {timezone}.</p>
        </div>
        <div className="flex items-center gap-2">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => backfills.refetch()}
            disabled={backfills.isFetching}
            aria-label="Refresh backfills"
          >
            <RefreshCw className={backfills.isFetching ? "h-4 w-4 animate-spin" : "h-4 w-4"} aria-hidden />
            Refresh
          </Button>
          <Button size="sm" onClick={() => setStarting(true)}>
            <RotateCcw className="h-4 w-4" aria-hidden />
            Start backfill
          </Button>
        </div>
      </div>

      {backfills.isPending ? (
        <Spinner label="Loading backfills" />
      ) : backfills.isError && rows.length === 0 ? (
        <LoadError title="The backfills could not be loaded" detail={errorMessage(backfills.error)} onRetry={() => backfills.refetch()} />
      ) : rows.length === 0 ? (
        <StateMessage title="No backfills yet">
          <p>
            A backfill exports a past range again, one run per {intervalNoun(batchExport.interval)}: use it for data from before the export
            existed, or to fill a gap.
          </p>
        </StateMessage>
      ) : (
        <>
          <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
            <table className="w-full text-left text-sm">
              <TableHead caption={`Backfills of ${batchExport.name}, newest first; times in ${timezone}`} columns={COLUMNS} />
              <tbody>
                {rows.map((backfill) => (
                  <BackfillRow key={backfill.id} organizationId={organizationId} exportId={batchExport.id} backfill={backfill} timezone={timezone} />
                ))}
              </tbody>
            </table>
          </div>
          {backfills.isError && (
            <p role="alert" className="text-sm text-red-700">
              Refreshing failed: {errorMessage(backfills.error)}
            </p>
          )}
          {backfills.data?.next && <p className="text-xs text-neutral-500">Showing the {rows.length} most recent backfills.</p>}
        </>
      )}

      <BackfillDialog
        open={starting}
        onOpenChange={setStarting}
        organizationId={organizationId}
        batchExport={batchExport}
        onStarted={(backfillId) => onBackfillStarted?.(backfillId)}
      />
    </section>
  );
}
