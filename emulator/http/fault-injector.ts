import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Faults the control API can switch on, to test how a client copes with a bad upstream. They apply
 * to `/api/` requests only, never to the control API itself.
 */
export interface FaultSettings {
  /** Added before every answer. */
  latencyMs: number;
  /** Share (0..1) of requests answered with one of `errorStatuses`. */
  errorRate: number;
  errorStatuses: number[];
  /** The next N requests get PostHog's 429 throttle body. */
  throttleNext: number;
  /** Share of requests whose connection is destroyed without an answer. */
  dropRate: number;
  /** Share of requests answered 200 with a body that is not valid JSON. */
  malformedRate: number;
  /** Only requests whose path contains this string are affected (all when empty). */
  pathContains: string;
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  errorRate: 0,
  errorStatuses: [500, 502, 503],
  throttleNext: 0,
  dropRate: 0,
  malformedRate: 0,
  pathContains: "",
};

const ERROR_BODIES: Record<number, unknown> = {
  500: { type: "server_error", code: "error", detail: "A server error occurred.", attr: null },
  502: "<html><body><h1>502 Bad Gateway</h1></body></html>",
  503: {
    type: "server_error",
    code: "database_unavailable",
    detail: "We couldn't reach the database just now. Please try again in a moment.",
    attr: null,
  },
};

export class FaultInjector {
  settings: FaultSettings = { ...NO_FAULTS };

  configure(changes: Partial<FaultSettings>): FaultSettings {
    this.settings = { ...this.settings, ...changes };
    return this.settings;
  }

  clear(): void {
    this.settings = { ...NO_FAULTS };
  }

  /** Applies faults; returns true when the request has been answered (or dropped) here. */
  async apply(req: IncomingMessage, res: ServerResponse, random: () => number = Math.random): Promise<boolean> {
    const s = this.settings;
    if (s.pathContains && !(req.url ?? "").includes(s.pathContains)) return false;
    if (s.latencyMs > 0) await new Promise((r) => setTimeout(r, s.latencyMs));
    if (s.dropRate > 0 && random() < s.dropRate) {
      req.socket.destroy();
      return true;
    }
    if (s.throttleNext > 0) {
      s.throttleNext -= 1;
      send(res, 429, {
        type: "throttled_error",
        code: "throttled",
        detail: "Request was throttled. Expected available in 2 seconds.",
        attr: null,
      });
      return true;
    }
    if (s.errorRate > 0 && random() < s.errorRate && s.errorStatuses.length > 0) {
      const status = s.errorStatuses[Math.floor(random() * s.errorStatuses.length)] ?? 500;
      const body = ERROR_BODIES[status] ?? ERROR_BODIES[500];
      if (typeof body === "string") {
        res.writeHead(status, { "Content-Type": "text/html" }).end(body);
      } else {
        send(res, status, body, status === 503 ? { "Retry-After": "1" } : {});
      }
      return true;
    }
    if (s.malformedRate > 0 && random() < s.malformedRate) {
      res.writeHead(200, { "Content-Type": "application/json" }).end('{"results": [ {"id": ');
      return true;
    }
    return false;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", ...headers }).end(JSON.stringify(body));
}
