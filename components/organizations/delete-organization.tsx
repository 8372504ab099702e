"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { Organization } from "@/lib/posthog";
import { canDelete, deleteLockedReason } from "@/lib/membership";
import { errorMessage } from "@/lib/queries/api-client";
import { useOrganizationBatchExportCount } from "@/lib/queries/batch-exports";
import { useDeleteOrganization } from "@/lib/queries/organizations";

/** The danger zone: says what goes with the organization, and asks for its name before deleting. */
export function DeleteOrganization({ organization }: { organization: Organization }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const remove = useDeleteOrganization(organization.id);
  const exportCount = useOrganizationBatchExportCount(organization.id, open);
  const allowed = canDelete(organization.membership_level);
  const reason = deleteLockedReason(organization.membership_level);
  const confirmed = typed === organization.name;

  function onDelete() {
    remove.mutate(undefined, {
      onSuccess: () => {
        toast.success(`Deleted ${organization.name}`);
        setOpen(false);
        router.push("/organizations");
      },
      onError: (error) => toast.error(errorMessage(error)),
    });
  }

  return (
    <section aria-labelledby="danger-heading" className="rounded-lg border border-red-200 bg-white p-6">
      <h2 id="danger-heading" className="text-base font-semibold text-red-700">
        Danger zone
      </h2>
      <div className="mt-3 flex items-center justify-between gap-6">
        <div>
          <p className="text-sm font-medium">Delete this organization</p>
          <p className="text-xs text-neutral-500">Its projects, their data and batch exports go with it. This cannot be undone.</p>
          {reason && (
            <p className="mt-1 text-xs text-amber-700" data-testid="delete-locked">
              {reason}
            </p>
          )}
        </div>
        <Button variant="danger" disabled={!allowed} onClick={() => setOpen(true)}>
          Delete organization
        </Button>
      </div>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) setTyped("");
        }}
        title={`Delete ${organization.name}?`}
        description="This deletes everything below, in PostHog, for every member."
      >
        <div className="flex flex-col gap-4">
          <ul className="list-disc pl-5 text-sm text-neutral-700">
            <li>
              {organization.projects.length} project{organization.projects.length === 1 ? "" : "s"}
              {organization.projects.length > 0 && `: ${organization.projects.map((p) => p.name).join(", ")}`}
            </li>
            <li>
              {exportCount.isPending
                ? "Counting batch exports…"
                : exportCount.isError
                  ? "Its batch exports (the count could not be loaded)"
                  : `${exportCount.data} batch export${exportCount.data === 1 ? "" : "s"}`}
            </li>
            <li>{organization.member_count} membership{organization.member_count === 1 ? "" : "s"}</li>
          </ul>
          <Field id="confirm-delete" label={`Type ${organization.name} to confirm`}>
            <Input id="confirm-delete" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button variant="danger" disabled={!confirmed || remove.isPending} onClick={onDelete}>
              {remove.isPending ? "Deleting…" : "Delete organization"}
            </Button>
          </div>
        </div>
      </Dialog>
    </section>
  );
}
