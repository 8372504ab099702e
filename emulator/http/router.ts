import type { RequestContext } from "./request-context";

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => HandlerResult | Promise<HandlerResult>;

interface Route {
  segments: string[];
  methods: Map<string, Handler>;
}

export interface RouteMatch {
  params: Record<string, string>;
  handler: Handler | null;
  allowed: string[];
}

/**
 * A router shaped like Django's with `trailing_slash = r"/?"`: the trailing slash is optional and
 * `:name` segments capture one path segment. A path that matches but not by method yields 405.
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    const segments = split(pattern);
    let route = this.routes.find((r) => r.segments.join("/") === segments.join("/"));
    if (!route) {
      route = { segments, methods: new Map() };
      this.routes.push(route);
    }
    route.methods.set(method, handler);
    return this;
  }

  match(method: string, pathname: string): RouteMatch | null {
    const parts = split(pathname);
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      return { params, handler: route.methods.get(method) ?? null, allowed: [...route.methods.keys()] };
    }
    return null;
  }
}

function split(path: string): string[] {
  return path.split("/").filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const v = parts[i]!;
    if (p.startsWith(":")) {
      try {
        params[p.slice(1)] = decodeURIComponent(v);
      } catch {
        return null;
      }
    } else if (p !== v) return null;
  }
  return params;
}
