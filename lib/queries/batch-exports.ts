import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import {
  BackfillIdResponse,
  BatchExport,
  BatchExportBackfill,
  BatchExportRun,
  CancelledResponse,
  Integration,
  PausedResponse,
} from "@/lib/posthog";
import { apiRequest } from "./api-client";
import { fetchAllPages, relayedPage } from "./pages";

const BatchExportPage = relayedPage(BatchExport);
const CountOnly = relayedPage(z.unknown());
const IntegrationPage = relayedPage(Integration);
const cursorPage = <T extends z.ZodType>(item: T) =>
  z.object({ next: z.string().nullable(), previous: z.string().nullable(), results: z.array(item) });
export const RunPage = cursorPage(BatchExportRun);
export type RunPage = z.infer<typeof RunPage>;
export const BackfillPage = cursorPage(BatchExportBackfill);

const base = (organizationId: string) => `/api/organizations/${organizationId}/batch_exports`;
const one = (organizationId: string, exportId: string) => `${base(organizationId)}/${exportId}`;

export const batchExportKeys = {
  all: ["batch-exports"] as const,
  organization: (organizationId: string) => [...batchExportKeys.all, "organization", organizationId] as const,
  list: (organizationId: string) => [...batchExportKeys.organization(organizationId), "list"] as const,
  organizationCount: (organizationId: string) => [...batchExportKeys.organization(organizationId), "count"] as const,
  detail: (organizationId: string, exportId: string) => [...batchExportKeys.organization(organizationId), "detail", exportId] as const,
  runs: (organizationId: string, exportId: string, statuses: readonly string[]) =>
    [...batchExportKeys.detail(organizationId, exportId), "runs", { statuses }] as const,
  backfills: (organizationId: string, exportId: string) => [...batchExportKeys.detail(organizationId, exportId), "backfills"] as const,
  integrations: (organizationId: string, projectId: number, kind: string) =>
    [...batchExportKeys.organization(organizationId), "integrations", projectId, kind] as const,
};

/** How many batch exports an organization has (one row fetched; PostHog's `count` says the rest). */
export const organizationBatchExportCountQuery = (organizationId: string) =>
  queryOptions({
    queryKey: batchExportKeys.organizationCount(organizationId),
    queryFn: async ({ signal }) => (await apiRequest(`${base(organizationId)}/?limit=1`, CountOnly, { signal })).count,
  });

export function useOrganizationBatchExportCount(organizationId: string, enabled = true) {
  return useQuery({ ...organizationBatchExportCountQuery(organizationId), enabled });
}

/** Every export of the organization, across its projects, following PostHog's pages. */
export const batchExportListQuery = (organizationId: string) =>
  queryOptions({
    queryKey: batchExportKeys.list(organizationId),
    queryFn: ({ signal }) => fetchAllPages(`${base(organizationId)}/?limit=100`, (path) => apiRequest(path, BatchExportPage, { signal })),
    refetchInterval: 15_000,
  });

export function useBatchExports(organizationId: string) {
  return useQuery(batchExportListQuery(organizationId));
}

export const batchExportQuery = (organizationId: string, exportId: string) =>
  queryOptions({
    queryKey: batchExportKeys.detail(organizationId, exportId),
    queryFn: ({ signal }) => apiRequest(`${one(organizationId, exportId)}/`, BatchExport, { signal }),
  });

export function useBatchExport(organizationId: string, exportId: string) {
  return useQuery(batchExportQuery(organizationId, exportId));
}

export function useCreateBatchExport(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => apiRequest(`${base(organizationId)}/`, BatchExport, { method: "POST", body }),
    onSuccess: (created) => {
      client.setQueryData(batchExportKeys.detail(organizationId, created.id), created);
      // The list and the organization's export count both change.
      return client.invalidateQueries({ queryKey: batchExportKeys.organization(organizationId) });
    },
  });
}

/** Sends only what changed: PostHog deep-merges the destination config, so untouched secrets are kept. */
export function useUpdateBatchExport(organizationId: string, exportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: Record<string, unknown>) =>
      apiRequest(`${one(organizationId, exportId)}/`, BatchExport, { method: "PATCH", body: changes }),
    onSuccess: (saved) => {
      client.setQueryData(batchExportKeys.detail(organizationId, exportId), saved);
      return client.invalidateQueries({ queryKey: batchExportKeys.list(organizationId) });
    },
  });
}

export function useDeleteBatchExport(organizationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (exportId: string) => apiRequest(`${one(organizationId, exportId)}/`, null, { method: "DELETE" }),
    onSuccess: (_nothing, exportId) => {
      client.removeQueries({ queryKey: batchExportKeys.detail(organizationId, exportId) });
      client.setQueryData<BatchExport[]>(batchExportKeys.list(organizationId), (list) => list?.filter((e) => e.id !== exportId));
      return client.invalidateQueries({ queryKey: batchExportKeys.organization(organizationId) });
    },
  });
}

export function setPaused(organizationId: string, exportId: string, paused: boolean) {
  return apiRequest(`${one(organizationId, exportId)}/${paused ? "pause" : "unpause"}/`, PausedResponse, { method: "POST", body: {} });
}

/**
 * Pause and resume are immediate: the list and the export show the new state at once, and roll
 * back if PostHog refuses.
 */
export function useSetPaused(organizationId: string) {
  const client = useQueryClient();
  const listKey = batchExportKeys.list(organizationId);
  return useMutation({
    mutationFn: ({ exportId, paused }: { exportId: string; paused: boolean }) => setPaused(organizationId, exportId, paused),
    onMutate: async ({ exportId, paused }) => {
      const detailKey = batchExportKeys.detail(organizationId, exportId);
      await Promise.all([client.cancelQueries({ queryKey: listKey }), client.cancelQueries({ queryKey: detailKey, exact: true })]);
      const previousList = client.getQueryData<BatchExport[]>(listKey);
      const previousDetail = client.getQueryData<BatchExport>(detailKey);
      client.setQueryData<BatchExport[]>(listKey, (list) => list?.map((e) => (e.id === exportId ? { ...e, paused } : e)));
      if (previousDetail) client.setQueryData<BatchExport>(detailKey, { ...previousDetail, paused });
      return { previousList, previousDetail, detailKey };
    },
    onError: (_error, _vars, context) => {
      if (context?.previousList) client.setQueryData(listKey, context.previousList);
      if (context?.previousDetail) client.setQueryData(context.detailKey, context.previousDetail);
    },
    onSettled: (_data, _error, { exportId }) =>
      Promise.all([
        client.invalidateQueries({ queryKey: listKey }),
        client.invalidateQueries({ queryKey: batchExportKeys.detail(organizationId, exportId), exact: true }),
      ]),
  });
}

export const runsPath = (organizationId: string, exportId: string, statuses: readonly string[]) => {
  const search = new URLSearchParams();
  for (const status of statuses) search.append("status", status);
  const qs = search.toString();
  return `${one(organizationId, exportId)}/runs/${qs ? `?${qs}` : ""}`;
};

export function fetchRunPage(path: string, signal?: AbortSignal) {
  return apiRequest(path, RunPage, { signal });
}

export function useRetryRun(organizationId: string, exportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) =>
      apiRequest(`${one(organizationId, exportId)}/runs/${runId}/retry/`, BackfillIdResponse, { method: "POST", body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: batchExportKeys.detail(organizationId, exportId) }),
  });
}

export function useCancelRun(organizationId: string, exportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (runId: string) =>
      apiRequest(`${one(organizationId, exportId)}/runs/${runId}/cancel/`, CancelledResponse, { method: "POST", body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: batchExportKeys.detail(organizationId, exportId) }),
  });
}

export const backfillsQuery = (organizationId: string, exportId: string) =>
  queryOptions({
    queryKey: batchExportKeys.backfills(organizationId, exportId),
    queryFn: ({ signal }) => apiRequest(`${one(organizationId, exportId)}/backfills/`, BackfillPage, { signal }),
  });

export function useStartBackfill(organizationId: string, exportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (range: { start_at: string | null; end_at: string | null }) =>
      apiRequest(`${one(organizationId, exportId)}/backfill/`, BackfillIdResponse, { method: "POST", body: range }),
    onSuccess: () => client.invalidateQueries({ queryKey: batchExportKeys.detail(organizationId, exportId) }),
  });
}

export function useCancelBackfill(organizationId: string, exportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (backfillId: string) =>
      apiRequest(`${one(organizationId, exportId)}/backfills/${backfillId}/cancel/`, CancelledResponse, { method: "POST", body: {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: batchExportKeys.backfills(organizationId, exportId) }),
  });
}

export const integrationsQuery = (organizationId: string, projectId: number, kind: string) =>
  queryOptions({
    queryKey: batchExportKeys.integrations(organizationId, projectId, kind),
    queryFn: ({ signal }) =>
      apiRequest(`/api/organizations/${organizationId}/projects/${projectId}/integrations/?kind=${encodeURIComponent(kind)}`, IntegrationPage, {
        signal,
      }),
  });

export function useCreateIntegration(organizationId: string, projectId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: string; config: Record<string, unknown> }) =>
      apiRequest(`/api/organizations/${organizationId}/projects/${projectId}/integrations/`, Integration, { method: "POST", body }),
    onSuccess: (created) =>
      client.invalidateQueries({ queryKey: batchExportKeys.integrations(organizationId, projectId, created.kind) }),
  });
}
