import "server-only";
import type { NextResponse } from "next/server";
import { getConfig } from "./config";
import { json } from "./route-handler";
import { SESSION_COOKIE, type Session } from "./session";
import { callUpstream, type UpstreamRequest, type UpstreamResponse } from "./upstream-client";

export const KEY_REJECTED = {
  type: "authentication_error",
  code: "key_rejected",
  detail: "PostHog no longer accepts this personal API key: it may have been deleted or rolled. Sign in again.",
  attr: null,
} as const;

export function upstream(session: Session, request: UpstreamRequest): Promise<UpstreamResponse> {
  return callUpstream(session, request, { timeoutMs: getConfig().upstreamTimeoutMs });
}

/** Paginated PostHog bodies carry absolute upstream URLs; the browser follows them on our origin. */
export function rewritePageLinks(body: unknown, host: string): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const page = body as Record<string, unknown>;
  const local = (link: unknown) => {
    if (typeof link !== "string") return link;
    try {
      const url = new URL(link);
      return url.origin === new URL(host).origin || url.host ? `${url.pathname}${url.search}` : link;
    } catch {
      return link;
    }
  };
  if (!("next" in page) && !("previous" in page)) return body;
  return { ...page, next: local(page.next), previous: local(page.previous) };
}

/**
 * PostHog's answer as the dashboard's answer. A 401 means the key stopped working: the session is
 * cleared so the browser lands on sign-in with the reason.
 */
export function relay(result: UpstreamResponse, session: Session): NextResponse {
  if (result.status === 401) {
    const response = json(401, KEY_REJECTED);
    response.cookies.delete(SESSION_COOKIE);
    return response;
  }
  return json(result.status, rewritePageLinks(result.body, session.host));
}

export async function forward(session: Session, request: UpstreamRequest): Promise<NextResponse> {
  return relay(await upstream(session, request), session);
}
