import type { IncomingHttpHeaders } from "node:http";
import type { Emulator } from "../emulator-context";
import type { Principal } from "../auth/principal";

/** Everything a handler needs about one request; `principal` is set once authentication succeeds. */
export interface RequestContext {
  readonly method: string;
  readonly url: URL;
  readonly params: Record<string, string>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly emulator: Emulator;
  principal: Principal | null;
}

/** PostHog builds `next`/`previous` from the request's host, so clients may follow them as they are. */
export function absoluteUrl(ctx: RequestContext, params: URLSearchParams): string {
  const host = ctx.headers.host ?? ctx.url.host;
  const proto = (ctx.headers["x-forwarded-proto"] as string | undefined) ?? "http";
  const qs = params.toString();
  return `${proto}://${host}${ctx.url.pathname}${qs ? `?${qs}` : ""}`;
}
