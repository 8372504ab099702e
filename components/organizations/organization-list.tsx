"use client";

import { Plus } from "lucide-react";
import Link from "next/link";
import { useDeferredValue, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { SortableHeader } from "@/components/ui/sortable-header";
import { Spinner } from "@/components/ui/spinner";
import { LoadError } from "@/components/ui/load-error";
import { StateMessage } from "@/components/ui/state-message";
import type { Organization } from "@/lib/posthog";
import { formatDate } from "@/lib/format";
import { levelName } from "@/lib/membership";
import { errorMessage } from "@/lib/queries/api-client";
import { useOrganizations } from "@/lib/queries/organizations";
import { CreateOrganizationDialog } from "./create-organization-dialog";

type SortKey = "name" | "level" | "members" | "projects" | "created";

const COLUMNS: Array<{ key: SortKey; label: string; numeric?: boolean }> = [
  { key: "name", label: "Name" },
  { key: "level", label: "Your level" },
  { key: "members", label: "Members", numeric: true },
  { key: "projects", label: "Projects", numeric: true },
  { key: "created", label: "Created" },
];

function sortValue(o: Organization, key: SortKey): string | number {
  switch (key) {
    case "name":
      return o.name.toLowerCase();
    case "level":
      return o.membership_level ?? 0;
    case "members":
      return o.member_count;
    case "projects":
      return o.projects.length;
    case "created":
      return o.created_at;
  }
}

export function OrganizationList() {
  const { data, isPending, isError, error, refetch } = useOrganizations();
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: "name", descending: false });
  const [creating, setCreating] = useState(false);
  const deferredSearch = useDeferredValue(search);

  const rows = useMemo(() => {
    const needle = deferredSearch.trim().toLowerCase();
    const filtered = (data ?? []).filter(
      (o) => !needle || o.name.toLowerCase().includes(needle) || o.slug.toLowerCase().includes(needle),
    );
    const direction = sort.descending ? -1 : 1;
    return filtered.sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      return x < y ? -direction : x > y ? direction : 0;
    });
  }, [data, deferredSearch, sort]);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-center justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Organizations</h1>
          <p className="text-sm text-neutral-600">Every organization your key can reach.</p>
        </div>
        <Button onClick={() => setCreating(true)}>
          <Plus className="h-4 w-4" aria-hidden />
          New organization
        </Button>
      </div>
      <CreateOrganizationDialog open={creating} onOpenChange={setCreating} />

      {isPending && <Spinner label="Loading organizations" />}
      {isError && (
        <LoadError title="The organizations could not be loaded." detail={errorMessage(error)} onRetry={() => refetch()} />
      )}
      {data && data.length === 0 && (
        <StateMessage title="You do not belong to any organization yet.">
          <Button size="sm" className="mt-2" onClick={() => setCreating(true)}>
            Create your first organization
          </Button>
        </StateMessage>
      )}
      {data && data.length > 0 && (
        <>
          <div className="flex items-center gap-3">
            <label htmlFor="organization-search" className="sr-only">
              Search organizations
            </label>
            <Input
              id="organization-search"
              type="search"
              placeholder="Search by name or slug"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              className="max-w-xs"
            />
            <p className="text-sm text-neutral-500" aria-live="polite">
              {rows.length === data.length ? `${data.length} organizations` : `${rows.length} of ${data.length} organizations`}
            </p>
          </div>
          {rows.length === 0 ? (
            <StateMessage title={`No organization matches "${search}".`} />
          ) : (
            <div className="overflow-hidden rounded-lg border border-neutral-200 bg-white">
              <table className="w-full text-sm">
                <thead className="bg-neutral-50 text-left text-xs uppercase tracking-wide text-neutral-500">
                  <tr>
                    {COLUMNS.map((column) => (
                      <SortableHeader
                        key={column.key}
                        label={column.label}
                        numeric={column.numeric}
                        active={sort.key === column.key}
                        descending={sort.descending}
                        onSort={() => setSort({ key: column.key, descending: sort.key === column.key ? !sort.descending : false })}
                      />
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-neutral-100">
                  {rows.map((organization) => (
                    <tr key={organization.id} className="hover:bg-neutral-50">
                      <td className="px-4 py-2.5">
                        <Link href={`/organizations/${organization.id}`} className="font-medium text-blue-700 hover:underline">
                          {organization.name}
                        </Link>
                        <span className="ml-2 text-xs text-neutral-400">{organization.slug}</span>
                      </td>
                      <td className="px-4 py-2.5">
                        <Badge tone={organization.membership_level === 15 ? "blue" : "neutral"}>{levelName(organization.membership_level)}</Badge>
                      </td>
                      <td className="px-4 py-2.5 text-right tabular-nums">{organization.member_count}</td>
                      <td className="px-4 py-2.5 text-right tabular-nums">{organization.projects.length}</td>
                      <td className="px-4 py-2.5 text-neutral-600">{formatDate(organization.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </div>
  );
}
