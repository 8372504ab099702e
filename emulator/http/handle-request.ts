import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate } from "../auth/authenticate";
import type { Principal } from "../auth/principal";
import { requireScope } from "../auth/scopes";
import type { Emulator } from "../emulator-context";
import { ApiError, methodNotAllowed, notFound, permissionDenied, serverError } from "./api-error";
import { requirePrincipal } from "./guards";
import { readBody } from "./read-body";
import type { RequestContext } from "./request-context";
import type { HandlerResult, Router } from "./router";

/** One request through the API: faults, body, authentication, route, and PostHog's error shape. */
export async function handleApiRequest(
  emulator: Emulator,
  router: Router,
  req: IncomingMessage,
  res: ServerResponse,
  options: { faults: boolean; auth: boolean } = { faults: true, auth: true },
): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  let result: HandlerResult;
  if (options.auth) emulator.stats.apiRequests += 1;
  try {
    if (options.faults && (await emulator.faults.apply(req, res))) return;
    const body = await readBody(req);
    const method = (req.method ?? "GET").toUpperCase();
    const match = router.match(method, url.pathname);
    // PostHog's last URL pattern, `^api.+` → `api_not_found` (no authentication), names the endpoint.
    if (!match) throw notFound(url.pathname.startsWith("/api/") ? "Endpoint not found." : "Not found.");
    const ctx: RequestContext = {
      method,
      url,
      params: match.params,
      query: url.searchParams,
      headers: req.headers,
      body,
      emulator,
      principal: null,
    };
    const now = emulator.clock.now();
    if (options.auth) {
      ctx.principal = authenticate(emulator.db, req.headers.authorization, body, url.searchParams, now);
    }
    if (!match.handler) {
      // DRF authenticates and checks permissions before it looks the method up.
      if (options.auth) requireUnmappedMethodScope(requirePrincipal(ctx), method, url.pathname);
      throw methodNotAllowed(method);
    }
    emulator.tick();
    result = await match.handler(ctx);
  } catch (error) {
    if (error instanceof ApiError) {
      result = { status: error.status, body: error.body, headers: error.headers };
    } else {
      console.error("[emulator] unhandled error", error);
      const failure = serverError();
      result = { status: failure.status, body: failure.body };
    }
  }
  writeResult(res, result);
}

/** The scope object of each list route, by its last path segment. */
const LIST_ROUTE_OBJECTS: Record<string, "organization" | "batch_export" | "integration"> = {
  organizations: "organization",
  batch_exports: "batch_export",
  runs: "batch_export",
  backfills: "batch_export",
  integrations: "integration",
};

/**
 * A method a route has no action for leaves DRF's `view.action` unset, so PostHog's APIScopePermission
 * finds no scope to require and refuses scoped keys ("This action does not support Personal API Key
 * access") before DRF gets to its 405. Legacy keys without scopes skip that check. A PATCH on a list
 * route is the exception: PostHog names it the "patch" action, which needs `<object>:write`.
 */
function requireUnmappedMethodScope(principal: Principal, method: string, pathname: string): void {
  if (!principal.scopes) return;
  const object = LIST_ROUTE_OBJECTS[pathname.split("/").filter(Boolean).pop() ?? ""];
  if (method === "PATCH" && object) {
    requireScope(principal, `${object}:write`);
    return;
  }
  throw permissionDenied("This action does not support Personal API Key access");
}

export function writeResult(res: ServerResponse, result: HandlerResult): void {
  const headers: Record<string, string> = { Vary: "Accept, Authorization", ...result.headers };
  if (result.status === 204 || result.body === undefined) {
    res.writeHead(result.status, headers).end();
    return;
  }
  headers["Content-Type"] = "application/json";
  res.writeHead(result.status, headers).end(JSON.stringify(result.body));
}
