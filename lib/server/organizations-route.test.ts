import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const SECRET = vi.hoisted(() => {
  const secret = "organizations-route-test-secret-0123456789";
  process.env.SESSION_SECRET = secret;
  return secret;
});

import * as organizationRoute from "@/app/api/organizations/[id]/route";
import * as organizationsRoute from "@/app/api/organizations/route";
import { SESSION_COOKIE, sealSession, type Session } from "./session";

const APP = "http://localhost:3000";
const HOST = "https://us.posthog.com";
const KEY = "phx_organizations_route_key";
const SESSION: Session = { host: HOST, key: KEY, signedInAt: 1_750_000_000_000 };
const ORG = "0190a5f4-1c2d-7e3f-8a9b-0c1d2e3f4a5b";

type Call = { url: string; init: RequestInit };
let calls: Call[];
let answer: () => Response;

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

beforeEach(() => {
  calls = [];
  answer = () => jsonResponse(200, {});
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(input), init: init ?? {} });
      return answer();
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
});

async function request(path: string, init: { method?: string; body?: unknown; signedIn?: boolean } = {}) {
  const headers: Record<string, string> = { host: "localhost:3000" };
  if (init.signedIn !== false) headers.cookie = `${SESSION_COOKIE}=${await sealSession(SESSION, SECRET, 3600)}`;
  const method = init.method ?? "GET";
  if (method !== "GET") headers.origin = APP;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return new NextRequest(new URL(path, APP), {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });
const none = { params: Promise.resolve({}) };

describe("GET /api/organizations", () => {
  it("forwards limit and offset (and nothing else), with the key, and rewrites the page links", async () => {
    answer = () =>
      jsonResponse(200, {
        count: 7,
        next: `${HOST}/api/organizations/?limit=2&offset=6`,
        previous: `${HOST}/api/organizations/?limit=2&offset=2`,
        results: [{ id: ORG, name: "Acme" }],
      });
    const response = await organizationsRoute.GET(await request("/api/organizations?limit=2&offset=4&format=api&evil=1"), none);

    expect(calls).toHaveLength(1);
    const url = new URL(calls[0]!.url);
    expect(url.origin).toBe(HOST);
    expect(url.pathname).toBe("/api/organizations/");
    expect([...url.searchParams.entries()]).toEqual([
      ["limit", "2"],
      ["offset", "4"],
    ]);
    expect(calls[0]!.init.method).toBe("GET");
    expect(new Headers(calls[0]!.init.headers).get("authorization")).toBe(`Bearer ${KEY}`);

    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({
      count: 7,
      next: "/api/organizations?limit=2&offset=6",
      previous: "/api/organizations?limit=2&offset=2",
      results: [{ id: ORG, name: "Acme" }],
    });
  });

  it("sends no query when none is given", async () => {
    answer = () => jsonResponse(200, { count: 0, next: null, previous: null, results: [] });
    const response = await organizationsRoute.GET(await request("/api/organizations"), none);
    expect(response.status).toBe(200);
    expect(calls[0]!.url).toBe(`${HOST}/api/organizations/`);
  });

  it("refuses a bad limit with 400 before calling PostHog", async () => {
    const response = await organizationsRoute.GET(await request("/api/organizations?limit=0"), none);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: "validation_error", attr: "limit" });
    expect(calls).toHaveLength(0);
  });

  it("answers 401 not_signed_in without a session, before calling PostHog", async () => {
    const response = await organizationsRoute.GET(await request("/api/organizations", { signedIn: false }), none);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "not_signed_in" });
    expect(calls).toHaveLength(0);
  });

  it("relays PostHog's 401 as key_rejected and clears the session", async () => {
    answer = () => jsonResponse(401, { type: "authentication_error", code: "authentication_failed", detail: "Invalid token.", attr: null });
    const response = await organizationsRoute.GET(await request("/api/organizations"), none);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "key_rejected" });
    expect(response.headers.get("set-cookie")).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
  });
});

describe("POST /api/organizations", () => {
  it("forwards the schema's fields as JSON", async () => {
    answer = () => jsonResponse(201, { id: ORG, name: "New org" });
    const response = await organizationsRoute.POST(
      await request("/api/organizations", { method: "POST", body: { name: "  New org ", id: ORG, slug: "x" } }),
      none,
    );
    expect(response.status).toBe(201);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.init.method).toBe("POST");
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ name: "New org" });
  });

  it("refuses a blank name with attr name, without calling PostHog", async () => {
    const response = await organizationsRoute.POST(await request("/api/organizations", { method: "POST", body: { name: "   " } }), none);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: "validation_error", attr: "name" });
    expect(calls).toHaveLength(0);
  });
});

describe("/api/organizations/[id]", () => {
  it("GET forwards to the organization's path", async () => {
    answer = () => jsonResponse(200, { id: ORG, name: "Acme" });
    const response = await organizationRoute.GET(await request(`/api/organizations/${ORG}`), params(ORG));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: ORG, name: "Acme" });
    expect(calls.map((c) => [c.init.method, c.url])).toEqual([["GET", `${HOST}/api/organizations/${ORG}/`]]);
  });

  it("refuses an upper-case id as a validation error on id (the upstream allowlist only knows lower case)", async () => {
    const upper = ORG.toUpperCase();
    const response = await organizationRoute.GET(await request(`/api/organizations/${upper}`), params(upper));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: "validation_error", attr: "id" });
    expect(calls).toHaveLength(0);
  });

  it("PATCH forwards only the fields the schema accepts", async () => {
    answer = () => jsonResponse(200, { id: ORG, name: "Renamed" });
    const response = await organizationRoute.PATCH(
      await request(`/api/organizations/${ORG}`, {
        method: "PATCH",
        body: {
          name: " Renamed ",
          members_can_invite: false,
          // Read-only or unknown: never sent upstream.
          id: "00000000-0000-0000-0000-000000000000",
          slug: "hijack",
          membership_level: 15,
          member_count: 1,
          customer_id: "cus_123",
          is_pending_deletion: true,
        },
      }),
      params(ORG),
    );
    expect(response.status).toBe(200);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.init.method).toBe("PATCH");
    expect(calls[0]!.url).toBe(`${HOST}/api/organizations/${ORG}/`);
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ name: "Renamed", members_can_invite: false });
  });

  it("PATCH refuses a field of the wrong type, naming it, without calling PostHog", async () => {
    const response = await organizationRoute.PATCH(
      await request(`/api/organizations/${ORG}`, { method: "PATCH", body: { enforce_2fa: "yes" } }),
      params(ORG),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ type: "validation_error", attr: "enforce_2fa" });
    expect(calls).toHaveLength(0);
  });

  it("DELETE forwards and answers PostHog's 204", async () => {
    answer = () => new Response(null, { status: 204 });
    const response = await organizationRoute.DELETE(await request(`/api/organizations/${ORG}`, { method: "DELETE" }), params(ORG));
    expect(response.status).toBe(204);
    expect(calls.map((c) => [c.init.method, c.url])).toEqual([["DELETE", `${HOST}/api/organizations/${ORG}/`]]);
  });

  it.each(["not-a-uuid", "..%2F..", "../..", "..", `${ORG}%2F..`, `${ORG}/../..`, "%2e%2e"])(
    "answers 400 for the id %j and never calls PostHog",
    async (id) => {
      const url = `/api/organizations/${encodeURIComponent(id)}`;
      const answers = [
        await organizationRoute.GET(await request(url), params(id)),
        await organizationRoute.PATCH(await request(url, { method: "PATCH", body: { name: "x" } }), params(id)),
        await organizationRoute.DELETE(await request(url, { method: "DELETE" }), params(id)),
      ];
      for (const response of answers) {
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ type: "validation_error", attr: "id" });
      }
      expect(calls).toHaveLength(0);
    },
  );

  it("relays PostHog's 403 body as is", async () => {
    const forbidden = {
      type: "authentication_error",
      code: "permission_denied",
      detail: "Your organization access level is insufficient.",
      attr: null,
    };
    answer = () => jsonResponse(403, forbidden);
    const response = await organizationRoute.DELETE(await request(`/api/organizations/${ORG}`, { method: "DELETE" }), params(ORG));
    expect(response.status).toBe(403);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.json()).toEqual(forbidden);
  });

  it("refuses a cross-site DELETE without calling PostHog", async () => {
    const req = new NextRequest(new URL(`/api/organizations/${ORG}`, APP), {
      method: "DELETE",
      headers: {
        host: "localhost:3000",
        origin: "https://evil.example.com",
        cookie: `${SESSION_COOKIE}=${await sealSession(SESSION, SECRET, 3600)}`,
      },
    });
    const response = await organizationRoute.DELETE(req, params(ORG));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: "cross_site_request" });
    expect(calls).toHaveLength(0);
  });
});
