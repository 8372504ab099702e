import "server-only";
import { bffError } from "./bff-error";
import { getConfig } from "./config";
import { callUpstream } from "./upstream-client";

/** The origin a user asked for, if it is one they may sign in to. */
export function allowedOrigin(raw: string): string {
  let origin: string;
  try {
    origin = new URL(raw.trim()).origin;
  } catch {
    throw bffError(400, "validation_error", "invalid_input", "Enter the PostHog address as a URL, like https://posthog.example.com.", "host");
  }
  if (!getConfig().allowedOrigins.includes(origin)) {
    throw bffError(
      403,
      "authentication_error",
      "host_not_allowed",
      `${origin} is not a PostHog host this dashboard may connect to. An administrator can add it to POSTHOG_ALLOWED_HOSTS.`,
      "host",
    );
  }
  return origin;
}

/**
 * Checks a key against a host the way the dashboard will use it (`GET /api/organizations/`), and turns
 * each way that can fail into a sentence the user can act on.
 */
export async function verifyKey(host: string, key: string): Promise<{ organizationCount: number }> {
  const result = await callUpstream(
    { host, key },
    { method: "GET", path: "/api/organizations/", query: new URLSearchParams({ limit: "1" }) },
    { timeoutMs: getConfig().upstreamTimeoutMs, retries: 0 },
  );
  const detail = (result.body as { detail?: string } | undefined)?.detail ?? "";
  if (result.status === 401) {
    throw bffError(
      401,
      "authentication_error",
      "invalid_key",
      `${host} does not recognise this personal API key. Check that you copied all of it and that it has not been deleted.`,
      "personalApiKey",
    );
  }
  if (result.status === 403 && detail.includes("scoped projects")) {
    throw bffError(
      403,
      "authentication_error",
      "key_scoped_to_projects",
      "This key is limited to specific projects, and PostHog only lets such keys call project endpoints. Create a key with access to all projects, or scoped to organizations.",
      "personalApiKey",
    );
  }
  if (result.status === 403 && detail.includes("organization:read")) {
    throw bffError(
      403,
      "authentication_error",
      "missing_scope",
      "This key lacks the organization:read scope the dashboard needs. Add organization:read (and batch_export:read/write to manage exports) to the key in PostHog.",
      "personalApiKey",
    );
  }
  if (result.status !== 200) {
    throw bffError(
      result.status >= 500 ? 502 : result.status,
      "authentication_error",
      "sign_in_failed",
      detail ? `PostHog refused the sign-in: ${detail}` : `PostHog answered HTTP ${result.status} to the sign-in check.`,
      "personalApiKey",
    );
  }
  const count = (result.body as { count?: number } | undefined)?.count ?? 0;
  return { organizationCount: count };
}
