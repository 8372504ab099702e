import type { Organization } from "@/lib/posthog";
import { formatDateTime } from "@/lib/format";
import { CopyButton } from "./copy-button";

export function OrganizationOverview({ organization }: { organization: Organization }) {
  return (
    <section aria-labelledby="overview-heading" className="rounded-lg border border-neutral-200 bg-white p-6">
      <h2 id="overview-heading" className="mb-4 text-base font-semibold">
        Overview
      </h2>
      <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="text-neutral-500">ID</dt>
          <dd className="flex items-center gap-1 font-mono text-xs">
            <span data-testid="organization-id">{organization.id}</span>
            <CopyButton value={organization.id} label="Copy organization ID" />
          </dd>
        </div>
        <div>
          <dt className="text-neutral-500">Slug</dt>
          <dd className="font-mono text-xs">{organization.slug}</dd>
        </div>
        <div>
          <dt className="text-neutral-500">Created</dt>
          <dd>{formatDateTime(organization.created_at)}</dd>
        </div>
        <div>
          <dt className="text-neutral-500">Updated</dt>
          <dd>{formatDateTime(organization.updated_at)}</dd>
        </div>
        <div>
          <dt className="text-neutral-500">Members</dt>
          <dd>{organization.member_count}</dd>
        </div>
        <div>
          <dt className="text-neutral-500">Projects</dt>
          <dd>
            {organization.projects.length === 0 ? (
              "None"
            ) : (
              <ul>
                {organization.projects.map((project) => (
                  <li key={project.id}>
                    {project.name} <span className="text-xs text-neutral-400">#{project.id}</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
