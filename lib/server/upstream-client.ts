import "server-only";
import { createHash } from "node:crypto";
import type { ErrorBody } from "@/lib/posthog";
import { BffError, bffError, upstreamTimeout, upstreamUnreachable } from "./bff-error";
import { RateBudget } from "./rate-budget";
import { isAllowedUpstreamPath } from "./upstream-paths";

export interface UpstreamCredentials {
  host: string;
  key: string;
}

export interface UpstreamRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** A PostHog path ending in `/`; it must be on the allowlist. */
  path: string;
  query?: URLSearchParams;
  body?: unknown;
}

export interface UpstreamResponse {
  status: number;
  /** Parsed JSON, or undefined for an empty (204) body. */
  body: unknown;
}

export interface UpstreamOptions {
  timeoutMs: number;
  /** How many times a read is tried again after 429/502/503/504 or a dropped connection. */
  retries?: number;
  fetchImpl?: typeof fetch;
  budget?: RateBudget;
  sleep?: (ms: number) => Promise<void>;
}

const RETRYABLE = new Set([429, 502, 503, 504]);
const MAX_RETRY_WAIT_MS = 5_000;
const sharedBudget = new RateBudget();

/** PostHog sends no Retry-After on throttling; its detail says "Expected available in N seconds". */
export function retryDelayMs(status: number, body: unknown, attempt: number): number {
  if (status === 429 && body && typeof body === "object") {
    const detail = (body as { detail?: unknown }).detail;
    const seconds = typeof detail === "string" ? /available in (\d+) seconds?/.exec(detail)?.[1] : undefined;
    if (seconds) return Number(seconds) * 1000;
  }
  return 250 * 2 ** attempt;
}

function isErrorBody(body: unknown): body is ErrorBody {
  return !!body && typeof body === "object" && "detail" in body && "type" in body;
}

async function readJson(response: Response, host: string): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw bffError(
      502,
      "server_error",
      "upstream_bad_response",
      `PostHog at ${host} answered with something that is not JSON (HTTP ${response.status}).`,
    );
  }
}

/**
 * One call to PostHog with the user's key: allowlisted path, per-key budget, timeout, and retries of
 * reads only. A write is never retried, since PostHog may have applied it before the failure.
 */
export async function callUpstream(
  credentials: UpstreamCredentials,
  request: UpstreamRequest,
  options: UpstreamOptions,
): Promise<UpstreamResponse> {
  if (!isAllowedUpstreamPath(request.method, request.path)) {
    throw bffError(400, "invalid_request", "path_not_allowed", "This PostHog path is not one the dashboard calls.");
  }
  const fetchImpl = options.fetchImpl ?? fetch;
  const budget = options.budget ?? sharedBudget;
  const sleep = options.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const retries = request.method === "GET" ? (options.retries ?? 2) : 0;
  const url = new URL(request.path, credentials.host);
  if (request.query) url.search = request.query.toString();

  for (let attempt = 0; ; attempt++) {
    const allowance = budget.take(credentials.key);
    if (!allowance.ok) {
      throw bffError(
        429,
        "throttled_error",
        "throttled",
        `Request was throttled. Expected available in ${allowance.retryAfterSeconds} seconds.`,
      );
    }
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: request.method,
        headers: {
          Authorization: `Bearer ${credentials.key}`,
          Accept: "application/json",
          ...(request.body !== undefined ? { "Content-Type": "application/json" } : {}),
        },
        body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
        signal: AbortSignal.timeout(options.timeoutMs),
        cache: "no-store",
        redirect: "manual",
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      if (!timedOut && attempt < retries) {
        await sleep(retryDelayMs(0, undefined, attempt));
        continue;
      }
      throw timedOut ? upstreamTimeout(credentials.host, options.timeoutMs) : upstreamUnreachable(credentials.host);
    }
    let body: unknown;
    try {
      body = await readJson(response, credentials.host);
    } catch (error) {
      if (error instanceof BffError && RETRYABLE.has(response.status) && attempt < retries) {
        await sleep(retryDelayMs(response.status, undefined, attempt));
        continue;
      }
      if (!(error instanceof BffError)) {
        // The body stream failed: the timeout fired or the connection dropped after the headers arrived.
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        throw timedOut ? upstreamTimeout(credentials.host, options.timeoutMs) : upstreamUnreachable(credentials.host);
      }
      throw error;
    }
    if (RETRYABLE.has(response.status) && attempt < retries) {
      const wait = retryDelayMs(response.status, body, attempt);
      if (wait <= MAX_RETRY_WAIT_MS) {
        await sleep(wait);
        continue;
      }
    }
    if (response.status >= 300 && response.status < 400) {
      throw bffError(502, "server_error", "upstream_redirect", `PostHog at ${credentials.host} answered with a redirect.`);
    }
    // A 401 means the key is refused whatever the body (a proxy in front of PostHog may send none).
    if (response.status === 401) return { status: 401, body };
    if (response.status >= 400 && !isErrorBody(body)) {
      throw bffError(
        response.status >= 500 ? 502 : response.status,
        "server_error",
        "upstream_error",
        `PostHog at ${credentials.host} answered HTTP ${response.status}.`,
      );
    }
    return { status: response.status, body };
  }
}

/** A stable, non-reversible name for a key, for logs and budgets. */
export function keyFingerprint(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 12);
}
