import type { IncomingMessage, ServerResponse } from "node:http";
import { authenticate } from "../auth/authenticate";
import type { Emulator } from "../emulator-context";
import { ApiError, methodNotAllowed, notFound, serverError } from "./api-error";
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
  try {
    if (options.faults && (await emulator.faults.apply(req, res))) return;
    const body = await readBody(req);
    const method = (req.method ?? "GET").toUpperCase();
    const match = router.match(method, url.pathname);
    if (!match) throw notFound();
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
      if (options.auth) requirePrincipal(ctx);
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

export function writeResult(res: ServerResponse, result: HandlerResult): void {
  const headers: Record<string, string> = { Vary: "Accept, Authorization", ...result.headers };
  if (result.status === 204 || result.body === undefined) {
    res.writeHead(result.status, headers).end();
    return;
  }
  headers["Content-Type"] = "application/json";
  res.writeHead(result.status, headers).end(JSON.stringify(result.body));
}
