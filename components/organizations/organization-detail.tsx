"use client";

import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Spinner } from "@/components/ui/spinner";
import { StateMessage } from "@/components/ui/state-message";
import { levelName } from "@/lib/membership";
import { ApiRequestError, errorMessage } from "@/lib/queries/api-client";
import { useOrganization } from "@/lib/queries/organizations";
import { DeleteOrganization } from "./delete-organization";
import { OrganizationOverview } from "./organization-overview";
import { OrganizationSettings } from "./organization-settings";

export function OrganizationDetail({ id }: { id: string }) {
  const { data: organization, isPending, error } = useOrganization(id);

  if (isPending) return <Spinner label="Loading the organization" />;
  if (error) {
    const missing = error instanceof ApiRequestError && (error.status === 404 || error.status === 400);
    return (
      <StateMessage tone="error" title={missing ? "This organization does not exist, or you are not a member of it." : "The organization could not be loaded."}>
        {!missing && <p>{errorMessage(error)}</p>}
        <Link href="/organizations" className="mt-2 inline-block text-blue-700 underline">
          Back to organizations
        </Link>
      </StateMessage>
    );
  }

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <div>
        <Link href="/organizations" className="text-sm text-neutral-500 hover:underline">
          Organizations
        </Link>
        <div className="mt-1 flex items-center gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">{organization.name}</h1>
          <Badge tone="blue">{levelName(organization.membership_level)}</Badge>
          <Link href={`/organizations/${organization.id}/batch-exports`} className="ml-auto text-sm font-medium text-blue-700 hover:underline">
            Batch exports →
          </Link>
        </div>
      </div>
      <OrganizationOverview organization={organization} />
      <OrganizationSettings organization={organization} />
      <DeleteOrganization organization={organization} />
    </div>
  );
}
