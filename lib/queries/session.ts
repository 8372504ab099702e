import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "./api-client";

export const SessionInfo = z.object({
  signedIn: z.boolean(),
  host: z.string().nullable(),
  signedInAt: z.string().nullable(),
  defaultHost: z.string().nullable(),
  localDemo: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

const SignedIn = z.object({ host: z.string(), organizationCount: z.number() });

export const sessionKeys = {
  all: ["session"] as const,
};

export const sessionQuery = () =>
  queryOptions({ queryKey: sessionKeys.all, queryFn: () => apiRequest("/api/session", SessionInfo) });

export function useSession() {
  return useQuery(sessionQuery());
}

export interface SignInInput {
  host: string;
  personalApiKey: string;
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) => apiRequest("/api/session", SignedIn, { method: "POST", body: input }),
    onSuccess: () => client.clear(),
  });
}

export function useDemoSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest("/api/session/demo", SignedIn, { method: "POST", body: {} }),
    onSuccess: () => client.clear(),
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest("/api/session", null, { method: "DELETE" }),
    onSuccess: () => client.clear(),
  });
}
