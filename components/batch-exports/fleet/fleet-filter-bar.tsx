"use client";

import { Input } from "@/components/ui/input";
import type { ExportState } from "@/lib/batch-exports/export-health";
import type { FleetFilters } from "@/lib/batch-exports/fleet-filters";
import { destinationLabel } from "@/lib/batch-exports/labels";
import { cn } from "@/lib/utils";

const STATES: ExportState[] = ["Active", "Paused", "Ended"];

export function FleetFilterBar({
  filters,
  onChange,
  destinations,
  projects,
}: {
  filters: FleetFilters;
  onChange: (changes: Partial<FleetFilters>) => void;
  destinations: string[];
  projects: Array<{ id: number; name: string }>;
}) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor="fleet-search" className="text-xs font-medium text-neutral-600">
          Search
        </label>
        <Input
          id="fleet-search"
          type="search"
          placeholder="Name or destination"
          value={filters.search}
          onChange={(event) => onChange({ search: event.target.value })}
          className="w-56"
        />
      </div>
      <fieldset className="flex flex-col gap-1">
        <legend className="text-xs font-medium text-neutral-600">Status</legend>
        <div className="flex gap-1">
          {STATES.map((state) => {
            const on = filters.states.includes(state);
            return (
              <button
                key={state}
                type="button"
                aria-pressed={on}
                onClick={() => onChange({ states: on ? filters.states.filter((s) => s !== state) : [...filters.states, state] })}
                className={cn(
                  "h-9 rounded-md border px-3 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600",
                  on ? "border-neutral-900 bg-neutral-900 text-white" : "border-neutral-300 bg-white text-neutral-700 hover:bg-neutral-50",
                )}
              >
                {state}
              </button>
            );
          })}
        </div>
      </fieldset>
      <div className="flex flex-col gap-1">
        <label htmlFor="fleet-destination" className="text-xs font-medium text-neutral-600">
          Destination
        </label>
        <select
          id="fleet-destination"
          value={filters.destinations[0] ?? ""}
          onChange={(event) => onChange({ destinations: event.target.value ? [event.target.value] : [] })}
          className="h-9 rounded-md border border-neutral-300 bg-white px-2 text-sm"
        >
          <option value="">All destinations</option>
          {destinations.map((type) => (
            <option key={type} value={type}>
              {destinationLabel(type)}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="fleet-project" className="text-xs font-medium text-neutral-600">
          Project
        </label>
        <select
          id="fleet-project"
          value={filters.projects[0] ?? ""}
          onChange={(event) => onChange({ projects: event.target.value ? [Number(event.target.value)] : [] })}
          className="h-9 rounded-md border border-neutral-300 bg-white px-2 text-sm"
        >
          <option value="">All projects</option>
          {projects.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
