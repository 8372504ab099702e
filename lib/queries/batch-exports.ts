import { queryOptions, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "./api-client";
import { relayedPage } from "./pages";

const CountOnly = relayedPage(z.unknown());

export const batchExportKeys = {
  all: ["batch-exports"] as const,
  organization: (organizationId: string) => [...batchExportKeys.all, "organization", organizationId] as const,
  organizationCount: (organizationId: string) => [...batchExportKeys.organization(organizationId), "count"] as const,
};

/** How many batch exports an organization has (one row fetched; PostHog's `count` says the rest). */
export const organizationBatchExportCountQuery = (organizationId: string) =>
  queryOptions({
    queryKey: batchExportKeys.organizationCount(organizationId),
    queryFn: async ({ signal }) =>
      (await apiRequest(`/api/organizations/${organizationId}/batch_exports/?limit=1`, CountOnly, { signal })).count,
  });

export function useOrganizationBatchExportCount(organizationId: string, enabled = true) {
  return useQuery({ ...organizationBatchExportCountQuery(organizationId), enabled });
}
