import { ErrorBody } from "@/lib/posthog";
import type { z } from "zod";

/** A failed call to the dashboard's API, carrying PostHog's error shape. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.detail);
  }
}

const SESSION_ENDED = new Set(["not_signed_in", "key_rejected"]);

function fallbackError(status: number): ErrorBody {
  return {
    type: status >= 500 ? "server_error" : "invalid_request",
    code: "unexpected_response",
    detail: `The dashboard answered HTTP ${status} with no explanation.`,
    attr: null,
  };
}

export interface RequestInitJson {
  method?: "GET" | "POST" | "PATCH" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls the dashboard's own API (same origin, session cookie) and parses the answer with `schema`.
 * When the session has ended (signed out elsewhere, key revoked), the user is sent to sign-in with why.
 */
export async function apiRequest<T>(path: string, schema: z.ZodType<T> | null, init: RequestInitJson = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers: init.body !== undefined ? { "Content-Type": "application/json" } : undefined,
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      credentials: "same-origin",
      signal: init.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiRequestError(0, {
      type: "server_error",
      code: "network_error",
      detail: "The dashboard could not be reached. Check your connection.",
      attr: null,
    });
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // An HTML error page from a proxy in front of the dashboard: say what happened, not a parser error.
    throw new ApiRequestError(response.status, fallbackError(response.status));
  }
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(data);
    const body = parsed.success ? parsed.data : fallbackError(response.status);
    if (response.status === 401 && SESSION_ENDED.has(body.code) && typeof window !== "undefined") {
      window.location.replace(`/sign-in?reason=${encodeURIComponent(body.code)}`);
    }
    throw new ApiRequestError(response.status, body);
  }
  if (!schema) return undefined as T;
  return schema.parse(data);
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiRequestError) return error.body.detail;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}
