"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { readFleetFilters, writeFleetFilters, type FleetFilters } from "@/lib/batch-exports/fleet-filters";

/** The fleet's filters live in the URL: reading them, and changing them without a new history entry. */
export function useFleetFilters(): [FleetFilters, (changes: Partial<FleetFilters>) => void] {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => readFleetFilters(new URLSearchParams(params.toString())), [params]);
  const update = useCallback(
    (changes: Partial<FleetFilters>) => {
      const query = writeFleetFilters({ ...filters, ...changes }).toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [filters, pathname, router],
  );
  return [filters, update];
}
