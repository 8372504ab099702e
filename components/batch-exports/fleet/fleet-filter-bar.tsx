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
      <FilterSelect
        id="fleet-destination"
        label="Destination"
        allLabel="All destinations"
        value={filters.destinations[0] ?? ""}
        options={destinations.map((type) => ({ value: type, label: destinationLabel(type) }))}
        onChange={(value) => onChange({ destinations: value ? [value] : [] })}
      />
      <FilterSelect
        id="fleet-project"
        label="Project"
        allLabel="All projects"
        value={String(filters.projects[0] ?? "")}
        options={projects.map((project) => ({ value: String(project.id), label: project.name }))}
        onChange={(value) => onChange({ projects: value ? [Number(value)] : [] })}
      />
    </div>
  );
}

/** One labelled filter: "all" or a single value. */
function FilterSelect({
  id,
  label,
  allLabel,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  allLabel: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-neutral-600">
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="h-9 rounded-md border border-neutral-300 bg-white px-2 text-sm"
      >
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
