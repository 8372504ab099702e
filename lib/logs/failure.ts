import { ApiRequestError } from "@/lib/queries/api-client";

export interface Failure {
  /** Worth retrying on its own (throttled, PostHog or the network down): the view keeps what it shows. */
  transient: boolean;
  message: string;
}

const TRANSIENT_STATUSES = new Set([0, 408, 425, 429, 500, 502, 503, 504]);

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

export function describeFailure(error: unknown): Failure {
  if (error instanceof ApiRequestError) {
    if (error.status === 429) return { transient: true, message: "PostHog asked us to slow down." };
    if (TRANSIENT_STATUSES.has(error.status)) return { transient: true, message: error.body.detail };
    return { transient: false, message: error.body.detail };
  }
  // A malformed answer will not fix itself by asking again.
  return { transient: false, message: error instanceof Error ? error.message : "The logs could not be read." };
}
