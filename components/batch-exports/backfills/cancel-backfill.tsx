"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import type { BatchExportBackfill } from "@/lib/posthog";
import { errorMessage } from "@/lib/queries/api-client";
import { useCancelBackfill } from "@/lib/queries/batch-exports";
import { ConfirmDialog } from "../runs/confirm-dialog";

export function CancelBackfill({
  organizationId,
  exportId,
  backfill,
  range,
}: {
  organizationId: string;
  exportId: string;
  backfill: BatchExportBackfill;
  range: string;
}) {
  const [asking, setAsking] = useState(false);
  const cancel = useCancelBackfill(organizationId, exportId);

  function close(open: boolean) {
    if (open) return;
    setAsking(false);
    cancel.reset();
  }

  return (
    <>
      <Button variant="ghost" size="sm" onClick={() => setAsking(true)} aria-label={`Cancel the backfill of ${range}`}>
        Cancel
      </Button>
      <ConfirmDialog
        open={asking}
        onOpenChange={close}
        title="Cancel backfill?"
        description={
          <>
            PostHog stops the backfill of <strong>{range}</strong> and cancels its runs that have not finished. Intervals already
            exported stay exported.
          </>
        }
        confirmLabel="Cancel backfill"
        pendingLabel="Cancelling…"
        danger
        pending={cancel.isPending}
        error={cancel.isError ? errorMessage(cancel.error) : null}
        onConfirm={() =>
          cancel.mutate(backfill.id, {
            onSuccess: () => {
              toast.success("Backfill cancelled", { description: range });
              close(false);
            },
          })
        }
      />
    </>
  );
}
