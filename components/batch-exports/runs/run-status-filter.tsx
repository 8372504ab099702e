"use client";

import * as Popover from "@radix-ui/react-popover";
import { ChevronDown } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FILTERABLE_STATUSES, statusLabel } from "@/lib/batch-exports/run-status";
import type { BatchExportRunStatus } from "@/lib/posthog";

function summary(selected: readonly BatchExportRunStatus[]): string {
  if (selected.length === 0) return "All statuses";
  if (selected.length <= 2) return selected.map(statusLabel).join(", ");
  return `${selected.length} statuses`;
}

/** Picks the PostHog statuses to show; none picked means all. */
export function RunStatusFilter({
  selected,
  onChange,
}: {
  selected: readonly BatchExportRunStatus[];
  onChange: (next: BatchExportRunStatus[]) => void;
}) {
  function toggle(status: BatchExportRunStatus, on: boolean) {
    onChange(on ? [...selected, status] : selected.filter((s) => s !== status));
  }

  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <Button variant="secondary" size="sm" aria-label={`Filter runs by status: ${summary(selected)}`}>
          Status: {summary(selected)}
          <ChevronDown className="h-4 w-4" aria-hidden />
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="start" sideOffset={4} className="z-50 w-60 rounded-md border border-neutral-200 bg-white p-3 shadow-lg">
          <fieldset>
            <legend className="mb-2 text-xs font-medium text-neutral-500 uppercase">Show runs that are</legend>
            <div className="flex flex-col gap-1.5">
              {FILTERABLE_STATUSES.map((status) => (
                <label key={status} className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="h-4 w-4 rounded border-neutral-300"
                    checked={selected.includes(status)}
                    onChange={(event) => toggle(status, event.target.checked)}
                  />
                  {statusLabel(status)}
                </label>
              ))}
            </div>
          </fieldset>
          <div className="mt-3 flex justify-end">
            <Button variant="ghost" size="sm" disabled={selected.length === 0} onClick={() => onChange([])}>
              Show all
            </Button>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
