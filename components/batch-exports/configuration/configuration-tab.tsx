"use client";

import { toast } from "sonner";
import { BatchExportForm } from "@/components/batch-exports/form/batch-export-form";
import { batchExportChanges } from "@/lib/batch-exports/form-changes";
import type { BatchExport } from "@/lib/posthog";
import { useUpdateBatchExport } from "@/lib/queries/batch-exports";
import { useOrganization } from "@/lib/queries/organizations";

/**
 * The export page's Configuration tab: the form in edit mode. Saving PATCHes only what changed; the
 * update hook stores PostHog's answer in the export's query, so the form follows the saved export.
 */
export function ConfigurationTab({ organizationId, batchExport }: { organizationId: string; batchExport: BatchExport }) {
  const organization = useOrganization(organizationId);
  const update = useUpdateBatchExport(organizationId, batchExport.id);

  return (
    <BatchExportForm
      mode="edit"
      organizationId={organizationId}
      batchExport={batchExport}
      projects={organization.data?.projects ?? []}
      onSubmit={async (values, initial) => {
        const saved = await update.mutateAsync(batchExportChanges(initial, values));
        toast.success("Saved");
        return saved;
      }}
    />
  );
}
