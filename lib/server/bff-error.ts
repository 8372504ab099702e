import "server-only";
import type { ErrorBody } from "@/lib/posthog";

/**
 * The dashboard server's own failures, in PostHog's error shape so the browser handles one format.
 */
export class BffError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.detail);
  }
}

type ErrorType = ErrorBody["type"];

export function bffError(status: number, type: ErrorType, code: string, detail: string, attr: string | null = null) {
  return new BffError(status, { type, code, detail, attr });
}

export const notSignedIn = () =>
  bffError(401, "authentication_error", "not_signed_in", "You are not signed in, or your session has expired.");

export const crossSiteRequest = () =>
  bffError(403, "authentication_error", "cross_site_request", "This request did not come from the dashboard's own pages.");

export const upstreamUnreachable = (host: string) =>
  bffError(502, "server_error", "upstream_unreachable", `Could not reach PostHog at ${host}.`);

export const upstreamTimeout = (host: string, ms: number) =>
  bffError(504, "server_error", "upstream_timeout", `PostHog at ${host} did not answer within ${Math.round(ms / 1000)} seconds.`);
