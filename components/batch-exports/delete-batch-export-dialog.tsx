"use client";

import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { errorMessage } from "@/lib/queries/api-client";
import { useDeleteBatchExport } from "@/lib/queries/batch-exports";

/** Deleting an export stops its schedule for good: the user types its name to confirm. */
export function DeleteBatchExportDialog({
  organizationId,
  batchExport,
  open,
  onOpenChange,
  onDeleted,
}: {
  organizationId: string;
  batchExport: { id: string; name: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onDeleted?: () => void;
}) {
  const [typed, setTyped] = useState("");
  const remove = useDeleteBatchExport(organizationId);
  const confirmed = typed === batchExport.name;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        onOpenChange(next);
        if (!next) setTyped("");
      }}
      title={`Delete ${batchExport.name}?`}
      description="Its schedule stops and PostHog forgets it. Data already exported stays where it is."
    >
      <form
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (!confirmed) return;
          remove.mutate(batchExport.id, {
            onSuccess: () => {
              toast.success(`Deleted ${batchExport.name}`);
              onOpenChange(false);
              onDeleted?.();
            },
            onError: (error) => toast.error(errorMessage(error)),
          });
        }}
      >
        <Field id={`confirm-delete-${batchExport.id}`} label={`Type ${batchExport.name} to confirm`}>
          <Input id={`confirm-delete-${batchExport.id}`} autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </Field>
        <div className="flex justify-end gap-2">
          <Button
            variant="secondary"
            onClick={() => {
              setTyped("");
              onOpenChange(false);
            }}
          >
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={!confirmed || remove.isPending}>
            {remove.isPending ? "Deleting…" : "Delete export"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
