"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { formatRange } from "@/lib/batch-exports/format-range";
import { isCancellable } from "@/lib/batch-exports/run-status";
import type { BatchExportRun } from "@/lib/posthog";
import { errorMessage } from "@/lib/queries/api-client";
import { useCancelRun, useRetryRun } from "@/lib/queries/batch-exports";
import { noteBackfillStarted } from "../backfills/recent-backfill-starts";
import { ConfirmDialog } from "./confirm-dialog";

type Pending = "retry" | "cancel" | null;

/** Retry (any run) and Cancel (only Starting/Running, else PostHog answers 400), each confirmed first. */
export function RunActions({
  organizationId,
  exportId,
  run,
  timezone,
}: {
  organizationId: string;
  exportId: string;
  run: BatchExportRun;
  timezone: string;
}) {
  const [asking, setAsking] = useState<Pending>(null);
  const retry = useRetryRun(organizationId, exportId);
  const cancel = useCancelRun(organizationId, exportId);
  const interval = `${formatRange(run.data_interval_start, run.data_interval_end, timezone)} (${timezone})`;

  function close(open: boolean) {
    if (open) return;
    setAsking(null);
    retry.reset();
    cancel.reset();
  }

  return (
    <div className="flex gap-1">
      <Button variant="ghost" size="sm" onClick={() => setAsking("retry")} aria-label={`Retry the run for ${interval}`}>
        Retry
      </Button>
      {isCancellable(run.status) && (
        <Button variant="ghost" size="sm" onClick={() => setAsking("cancel")} aria-label={`Cancel the run for ${interval}`}>
          Cancel
        </Button>
      )}
      <ConfirmDialog
        open={asking === "retry"}
        onOpenChange={close}
        title="Retry export?"
        description={
          <>
            PostHog schedules a new run that exports <strong>{interval}</strong> again, with the export&apos;s current
            configuration. It may take a moment to appear.
          </>
        }
        confirmLabel="Retry"
        pendingLabel="Retrying…"
        dismissLabel="Cancel"
        pending={retry.isPending}
        error={retry.isError ? errorMessage(retry.error) : null}
        onConfirm={() =>
          retry.mutate(run.id, {
            onSuccess: () => {
              noteBackfillStarted(run.batch_export);
              toast.success("Retry scheduled", { description: interval });
              close(false);
            },
          })
        }
      />
      <ConfirmDialog
        open={asking === "cancel"}
        onOpenChange={close}
        title="Cancel run?"
        description={
          <>
            PostHog stops the run for <strong>{interval}</strong>. You can retry the interval later.
          </>
        }
        confirmLabel="Cancel run"
        pendingLabel="Cancelling…"
        danger
        pending={cancel.isPending}
        error={cancel.isError ? errorMessage(cancel.error) : null}
        onConfirm={() =>
          cancel.mutate(run.id, {
            onSuccess: () => {
              toast.success("Run cancelled", { description: interval });
              close(false);
            },
          })
        }
      />
    </div>
  );
}
