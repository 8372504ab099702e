"use client";

import { Plus } from "lucide-react";
import Link from "next/link";
import { useDeferredValue, useMemo, useState } from "react";
import { SortableHeader } from "@/components/ui/sortable-header";
import { Spinner } from "@/components/ui/spinner";
import { LoadError } from "@/components/ui/load-error";
import { StateMessage } from "@/components/ui/state-message";
import { applyFleetFilters, type FleetSort } from "@/lib/batch-exports/fleet-filters";
import { useNow } from "@/lib/hooks/use-now";
import type { BatchExport } from "@/lib/posthog";
import { errorMessage } from "@/lib/queries/api-client";
import { useBatchExports } from "@/lib/queries/batch-exports";
import { useOrganization } from "@/lib/queries/organizations";
import { DeleteBatchExportDialog } from "../delete-batch-export-dialog";
import { BulkPause } from "./bulk-pause";
import { FleetFilterBar } from "./fleet-filter-bar";
import { FleetRow } from "./fleet-row";
import { useFleetFilters } from "./use-fleet-filters";

const COLUMNS: Array<{ key: FleetSort; label: string; numeric?: boolean }> = [
  { key: "name", label: "Export" },
  { key: "project", label: "Project" },
  { key: "interval", label: "Interval" },
  { key: "status", label: "Status" },
  { key: "last_run", label: "Last run" },
  { key: "failures", label: "Failures", numeric: true },
  { key: "last_success", label: "Last success" },
];

/** Every batch export of an organization, across its projects: what is failing, since when. */
export function BatchExportFleet({ organizationId }: { organizationId: string }) {
  const organization = useOrganization(organizationId);
  const exports = useBatchExports(organizationId);
  const [filters, setFilters] = useFleetFilters();
  const deferredFilters = useDeferredValue(filters);
  const now = useNow();
  const [selectedIds, setSelectedIds] = useState<Set<string>>(new Set());
  const [deleting, setDeleting] = useState<BatchExport | null>(null);

  const projects = useMemo(() => organization.data?.projects.map((p) => ({ id: p.id, name: p.name })) ?? [], [organization.data]);
  const projectName = useMemo(() => {
    const names = new Map(projects.map((p) => [p.id, p.name]));
    return (id: number) => names.get(id) ?? `Project ${id}`;
  }, [projects]);
  const rows = useMemo(
    () => applyFleetFilters(exports.data ?? [], deferredFilters, now, projectName),
    [exports.data, deferredFilters, now, projectName],
  );
  const destinations = useMemo(() => [...new Set((exports.data ?? []).map((e) => e.destination.type))].sort(), [exports.data]);
  const selected = rows.filter((e) => selectedIds.has(e.id));
  const allSelected = rows.length > 0 && selected.length === rows.length;

  function select(id: string, on: boolean) {
    setSelectedIds((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  return (
    <div className="flex flex-col gap-5">
      <div className="flex items-center justify-between gap-4">
        <div>
          <Link href={`/organizations/${organizationId}`} className="text-sm text-neutral-500 hover:underline">
            {organization.data?.name ?? "Organization"}
          </Link>
          <h1 className="text-2xl font-semibold tracking-tight">Batch exports</h1>
        </div>
        <Link
          href={`/organizations/${organizationId}/batch-exports/new`}
          className="inline-flex h-9 items-center gap-2 rounded-md bg-neutral-900 px-4 text-sm font-medium text-white hover:bg-neutral-700"
        >
          <Plus className="h-4 w-4" aria-hidden />
          New export
        </Link>
      </div>

      <FleetFilterBar filters={filters} onChange={setFilters} destinations={destinations} projects={projects} />

      {exports.isPending && <Spinner label="Loading batch exports" />}
      {exports.isError && (
        <LoadError title="The batch exports could not be loaded." detail={errorMessage(exports.error)} onRetry={() => exports.refetch()} />
      )}
      {exports.data && exports.data.length === 0 && (
        <StateMessage title="This organization has no batch exports yet.">
          <Link href={`/organizations/${organizationId}/batch-exports/new`} className="text-blue-700 underline">
            Create the first one
          </Link>
        </StateMessage>
      )}
      {exports.data && exports.data.length > 0 && (
        <>
          <div className="flex items-center justify-between">
            <p className="text-sm text-neutral-500" aria-live="polite">
              {rows.length === exports.data.length ? `${rows.length} exports` : `${rows.length} of ${exports.data.length} exports`}
            </p>
            <BulkPause organizationId={organizationId} selected={selected} onDone={() => setSelectedIds(new Set())} />
          </div>
          {rows.length === 0 ? (
            <StateMessage title="No export matches these filters." />
          ) : (
            <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
              <table className="w-full text-sm">
                <thead className="bg-neutral-50 text-left text-xs uppercase tracking-wide text-neutral-500">
                  <tr>
                    <th scope="col" className="px-3 py-2">
                      <input
                        type="checkbox"
                        aria-label="Select all shown exports"
                        checked={allSelected}
                        onChange={(e) => setSelectedIds(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                      />
                    </th>
                    {COLUMNS.map((column) => (
                      <SortableHeader
                        key={column.key}
                        label={column.label}
                        numeric={column.numeric}
                        active={filters.sort === column.key}
                        descending={filters.descending}
                        onSort={() => setFilters({ sort: column.key, descending: filters.sort === column.key ? !filters.descending : false })}
                      />
                    ))}
                    <th scope="col" className="px-3 py-2 text-right">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-neutral-100">
                  {rows.map((batchExport) => (
                    <FleetRow
                      key={batchExport.id}
                      organizationId={organizationId}
                      batchExport={batchExport}
                      projectName={projectName(batchExport.team_id)}
                      now={now}
                      selected={selectedIds.has(batchExport.id)}
                      onSelect={(on) => select(batchExport.id, on)}
                      onDelete={() => setDeleting(batchExport)}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {deleting && (
        <DeleteBatchExportDialog
          organizationId={organizationId}
          batchExport={deleting}
          open
          onOpenChange={(open) => !open && setDeleting(null)}
        />
      )}
    </div>
  );
}
