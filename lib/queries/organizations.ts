import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Organization, type OrganizationCreate, type OrganizationUpdate } from "@/lib/posthog";
import { apiRequest } from "./api-client";
import { fetchAllPages, relayedPage } from "./pages";

const OrganizationPage = relayedPage(Organization);

export const organizationKeys = {
  all: ["organizations"] as const,
  list: () => [...organizationKeys.all, "list"] as const,
  detail: (id: string) => [...organizationKeys.all, "detail", id] as const,
};

export const organizationListQuery = () =>
  queryOptions({
    queryKey: organizationKeys.list(),
    queryFn: ({ signal }) =>
      fetchAllPages("/api/organizations/?limit=100", (path) => apiRequest(path, OrganizationPage, { signal })),
  });

export const organizationQuery = (id: string) =>
  queryOptions({
    queryKey: organizationKeys.detail(id),
    queryFn: ({ signal }) => apiRequest(`/api/organizations/${id}/`, Organization, { signal }),
  });

export function useOrganizations() {
  return useQuery(organizationListQuery());
}

export function useOrganization(id: string) {
  return useQuery(organizationQuery(id));
}

export function useCreateOrganization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganizationCreate) =>
      apiRequest("/api/organizations/", Organization, { method: "POST", body: input }),
    onSuccess: (created) => {
      client.setQueryData(organizationKeys.detail(created.id), created);
      return client.invalidateQueries({ queryKey: organizationKeys.list() });
    },
  });
}

/**
 * Saves settings optimistically: the page shows the change at once and rolls back if PostHog refuses.
 */
export function useUpdateOrganization(id: string) {
  const client = useQueryClient();
  const key = organizationKeys.detail(id);
  return useMutation({
    mutationFn: (changes: OrganizationUpdate) =>
      apiRequest(`/api/organizations/${id}/`, Organization, { method: "PATCH", body: changes }),
    onMutate: async (changes) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Organization>(key);
      if (previous) client.setQueryData<Organization>(key, { ...previous, ...changes } as Organization);
      return { previous };
    },
    onError: (_error, _changes, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
    },
    onSuccess: (saved) => client.setQueryData(key, saved),
    onSettled: () => client.invalidateQueries({ queryKey: organizationKeys.list() }),
  });
}

export function useDeleteOrganization(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest(`/api/organizations/${id}/`, null, { method: "DELETE" }),
    onSuccess: () => {
      client.removeQueries({ queryKey: organizationKeys.detail(id) });
      client.setQueryData<Organization[]>(organizationKeys.list(), (list) => list?.filter((o) => o.id !== id));
      return client.invalidateQueries({ queryKey: organizationKeys.list() });
    },
  });
}
