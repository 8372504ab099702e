"use client";

import { shortRunId } from "@/lib/logs/log-line";
import { Search, X } from "lucide-react";
import { useCallback, type ReactNode } from "react";
import { Input } from "@/components/ui/input";
import { zoneName, type TimeZoneChoice } from "@/lib/logs/format-log-time";
import type { LogFilters } from "@/lib/logs/log-filters";
import { cn } from "@/lib/utils";
import { LevelFilter } from "./level-filter";
import { useDebouncedInput } from "./use-debounced-value";

export const SEARCH_DEBOUNCE_MS = 300;

export interface LogToolbarProps {
  filters: LogFilters;
  onFilters: (patch: Partial<LogFilters>) => void;
  zone: TimeZoneChoice;
  onZone: (zone: TimeZoneChoice) => void;
  wrap: boolean;
  onWrap: (wrap: boolean) => void;
  /** The download control, beside the filters it downloads. */
  download: ReactNode;
}

const segment = (on: boolean) =>
  cn(
    "block px-2.5 py-1 text-xs font-medium peer-focus-visible:ring-2 peer-focus-visible:ring-blue-600 peer-focus-visible:ring-inset",
    on ? "bg-neutral-900 text-white" : "bg-white text-neutral-700 hover:bg-neutral-100",
  );

export function LogToolbar({ filters, onFilters, zone, onZone, wrap, onWrap, download }: LogToolbarProps) {
  const commitSearch = useCallback((search: string) => onFilters({ search: search.trim() }), [onFilters]);
  const [search, setSearch] = useDebouncedInput(filters.search, commitSearch, SEARCH_DEBOUNCE_MS);

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <div className="relative w-full max-w-sm">
          <label htmlFor="log-search" className="sr-only">
            Search messages
          </label>
          <Search className="pointer-events-none absolute top-2.5 left-2.5 h-4 w-4 text-neutral-400" aria-hidden />
          <Input
            id="log-search"
            type="search"
            placeholder="Search messages…"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            className="pl-8"
          />
        </div>
        <LevelFilter levels={filters.levels} onChange={(levels) => onFilters({ levels })} />
        {filters.runId && (
          <span className="inline-flex items-center gap-1 rounded-md border border-neutral-300 bg-neutral-50 py-0.5 pr-0.5 pl-2 text-xs">
            Run <span className="font-mono" title={filters.runId}>{shortRunId(filters.runId)}</span>
            <button
              type="button"
              aria-label="Show every run (clear the run filter)"
              onClick={() => onFilters({ runId: null })}
              className="rounded p-1 text-neutral-500 hover:bg-neutral-200 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
            >
              <X className="h-3 w-3" aria-hidden />
            </button>
          </span>
        )}
        <div className="ml-auto">{download}</div>
      </div>
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <fieldset className="flex items-center gap-2">
          <legend className="sr-only">Show times in</legend>
          <span aria-hidden className="text-neutral-600">
            Times
          </span>
          <div className="flex overflow-hidden rounded-md border border-neutral-300">
            {(["local", "utc"] as const).map((choice) => (
              <label key={choice} className="relative">
                <input
                  type="radio"
                  name="log-time-zone"
                  className="peer absolute inset-0 z-10 cursor-pointer opacity-0"
                  checked={zone === choice}
                  onChange={() => onZone(choice)}
                />
                <span className={segment(zone === choice)} title={zoneName(choice)}>
                  {choice === "utc" ? "UTC" : "Local"}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex cursor-pointer items-center gap-2 text-neutral-700">
          <input type="checkbox" checked={wrap} onChange={(event) => onWrap(event.target.checked)} className="h-4 w-4 rounded border-neutral-300" />
          Wrap long lines
        </label>
      </div>
    </div>
  );
}
