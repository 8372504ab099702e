import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { BffError, bffError, crossSiteRequest, notSignedIn } from "./bff-error";
import { getConfig } from "./config";
import { isSameOriginWrite } from "./same-origin";
import { SESSION_COOKIE, unsealSession, type Session } from "./session";

export interface HandlerContext<P, Q, B> {
  request: NextRequest;
  params: P;
  query: Q;
  body: B;
  session: Session;
}

export interface RouteSpec<P, Q, B> {
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
}

type NextContext = { params: Promise<Record<string, string | string[]>> };

const NO_STORE = { "Cache-Control": "no-store" };

export function json(status: number, body?: unknown, headers: Record<string, string> = {}): NextResponse {
  if (status === 204 || body === undefined) return new NextResponse(null, { status, headers: { ...NO_STORE, ...headers } });
  return NextResponse.json(body, { status, headers: { ...NO_STORE, ...headers } });
}

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof BffError) return json(error.status, error.body);
  console.error("[bff] unhandled error", error instanceof Error ? error.message : error);
  return json(500, { type: "server_error", code: "error", detail: "The dashboard hit an unexpected error.", attr: null });
}

/** zod's first issue in PostHog's shape: nested paths joined with `__`, like DRF's attrs. */
function zodError(error: z.ZodError, prefix: string | null): BffError {
  const issue = error.issues[0]!;
  const path = issue.path.map(String).join("__");
  const attr = prefix ? (path ? `${prefix}__${path}` : prefix) : path || null;
  return bffError(400, "validation_error", "invalid_input", issue.message, attr);
}

function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, prefix: string | null): T {
  if (!schema) return undefined as T;
  const result = schema.safeParse(value);
  if (!result.success) throw zodError(result.error, prefix);
  return result.data;
}

async function readJsonBody(request: NextRequest): Promise<unknown> {
  const text = await request.text();
  if (!text) return undefined;
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    throw bffError(415, "invalid_request", "unsupported_media_type", "Send the request body as application/json.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw bffError(400, "invalid_request", "parse_error", "The request body is not valid JSON.");
  }
}

export async function readSession(request: NextRequest): Promise<Session | null> {
  return unsealSession(request.cookies.get(SESSION_COOKIE)?.value, getConfig().sessionSecret);
}

/**
 * The one wrapper every dashboard API route goes through: same-origin check on writes, JSON-only
 * bodies, the session, zod parsing of params, query and body, one error shape, and no caching.
 */
export function withSession<P = undefined, Q = undefined, B = undefined>(
  spec: RouteSpec<P, Q, B>,
  handler: (ctx: HandlerContext<P, Q, B>) => Promise<NextResponse>,
) {
  return async (request: NextRequest, context: NextContext): Promise<NextResponse> => {
    try {
      if (!isSameOriginWrite(request.method, request.headers)) throw crossSiteRequest();
      const session = await readSession(request);
      if (!session) throw notSignedIn();
      const params = parse(spec.params, await context.params, null);
      const query = parse(spec.query, Object.fromEntries(request.nextUrl.searchParams), null);
      const raw = request.method === "GET" || request.method === "DELETE" ? undefined : await readJsonBody(request);
      const body = parse(spec.body, raw ?? {}, null);
      return await handler({ request, params, query, body, session });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** For the few routes that work without a session (sign-in): same checks, no session. */
export function withoutSession<B = undefined>(
  spec: { body?: z.ZodType<B> },
  handler: (ctx: { request: NextRequest; body: B }) => Promise<NextResponse>,
) {
  return async (request: NextRequest): Promise<NextResponse> => {
    try {
      if (!isSameOriginWrite(request.method, request.headers)) throw crossSiteRequest();
      const raw = request.method === "GET" || request.method === "DELETE" ? undefined : await readJsonBody(request);
      const body = parse(spec.body, raw ?? {}, null);
      return await handler({ request, body });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
