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

/**
 * Paginated PostHog bodies carry absolute upstream URLs (and, for runs and logs, project paths the
 * browser does not use): each becomes the dashboard route that answered, with PostHog's query kept.
 */
export function rewritePageLinks(body: unknown, localPath: string): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const page = body as Record<string, unknown>;
  if (!("next" in page) && !("previous" in page)) return body;
  const local = (link: unknown) => {
    if (typeof link !== "string") return link;
    try {
      return `${localPath}${new URL(link).search}`;
    } catch {
      return null;
    }
  };
  return { ...page, next: local(page.next), previous: local(page.previous) };
}

/**
 * PostHog's answer as the dashboard's answer. A 401 means the key stopped working: the session is
 * cleared so the browser lands on sign-in with the reason.
 */
export function relay(result: UpstreamResponse, localPath: string, status = result.status): NextResponse {
  if (result.status === 401) {
    const response = json(401, KEY_REJECTED);
    response.cookies.delete(SESSION_COOKIE);
    return response;
  }
  return json(status, rewritePageLinks(result.body, localPath));
}

/** Calls PostHog and answers with its reply; `localPath` is the dashboard route, for page links. */
export async function forward(session: Session, request: UpstreamRequest, localPath: string): Promise<NextResponse> {
  return relay(await upstream(session, request), localPath);
}
