"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { Spinner } from "@/components/ui/spinner";
import { StateMessage } from "@/components/ui/state-message";
import { createBatchExportBody } from "@/lib/batch-exports/create-body";
import { errorMessage } from "@/lib/queries/api-client";
import { useCreateBatchExport } from "@/lib/queries/batch-exports";
import { useOrganization } from "@/lib/queries/organizations";
import { BatchExportForm } from "./batch-export-form";

/** The "New batch export" page: the form in create mode, then the new export's page. */
export function CreateBatchExport({ organizationId }: { organizationId: string }) {
  const router = useRouter();
  const organization = useOrganization(organizationId);
  const create = useCreateBatchExport(organizationId);
  const listHref = `/organizations/${organizationId}/batch-exports`;

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <div>
        <Link href={listHref} className="text-sm text-neutral-500 hover:underline">
          Batch exports
        </Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">New batch export</h1>
        {organization.data && <p className="mt-1 text-sm text-neutral-600">In {organization.data.name}</p>}
      </div>
      {organization.isPending ? (
        <Spinner label="Loading the organization" />
      ) : organization.error ? (
        <StateMessage tone="error" title="The organization could not be loaded.">
          <p>{errorMessage(organization.error)}</p>
        </StateMessage>
      ) : organization.data.projects.length === 0 ? (
        <StateMessage title="This organization has no project to export from.">Create a project in PostHog first.</StateMessage>
      ) : (
        <BatchExportForm
          mode="create"
          organizationId={organizationId}
          projects={organization.data.projects}
          onCancel={() => router.push(listHref)}
          onSubmit={async (values) => {
            const created = await create.mutateAsync(createBatchExportBody(values));
            toast.success(`Created ${created.name}`);
            router.push(`/organizations/${organizationId}/batch-exports/${created.id}`);
          }}
        />
      )}
    </div>
  );
}
