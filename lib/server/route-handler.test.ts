import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

const SECRET = vi.hoisted(() => {
  const secret = "route-handler-test-secret-0123456789abcdef";
  process.env.SESSION_SECRET = secret;
  return secret;
});

import { BffError } from "./bff-error";
import { OrganizationParams } from "./ids";
import { json, withSession, withoutSession, type HandlerContext } from "./route-handler";
import { SESSION_COOKIE, sealSession, type Session } from "./session";

const ORIGIN = "http://localhost:3000";
const ORG = "0190a5f4-1c2d-7e3f-8a9b-0c1d2e3f4a5b";
const SESSION: Session = { host: "https://us.posthog.com", key: "phx_route_handler_key", signedInAt: 1_750_000_000_000 };

afterEach(() => {
  vi.restoreAllMocks();
});

async function cookie(session: Session = SESSION, secret = SECRET) {
  return `${SESSION_COOKIE}=${await sealSession(session, secret, 3600)}`;
}

function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new NextRequest(new URL(path, ORIGIN), {
    method: init.method ?? "GET",
    headers: { host: "localhost:3000", ...init.headers },
    body: init.body,
  });
}

function context(params: Record<string, string> = {}) {
  return { params: Promise.resolve(params) };
}

/** A handler that records what it was given. */
function recorder() {
  const seen: Array<HandlerContext<unknown, unknown, unknown>> = [];
  const handler = vi.fn(async (ctx: HandlerContext<unknown, unknown, unknown>) => {
    seen.push(ctx);
    return json(200, { ok: true });
  });
  return { handler, seen };
}

async function expectError(response: Response, status: number, code: string, attr: string | null = null) {
  expect(response.status).toBe(status);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = (await response.json()) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(["attr", "code", "detail", "type"]);
  expect(body.code).toBe(code);
  expect(body.attr).toBe(attr);
  expect(typeof body.detail).toBe("string");
  expect((body.detail as string).length).toBeGreaterThan(0);
  return body;
}

const Body = z.object({ name: z.string().min(1), config: z.object({ port: z.number().int() }).optional() });

describe("same-origin check on writes", () => {
  it("refuses a cross-site POST (Origin of another host) with 403 cross_site_request, before anything else", async () => {
    const { handler } = recorder();
    const route = withSession({ body: Body }, handler);
    const response = await route(
      request("/api/things", {
        method: "POST",
        headers: { origin: "https://evil.example.com", cookie: await cookie(), "content-type": "application/json" },
        body: JSON.stringify({ name: "x" }),
      }),
      context(),
    );
    const body = await expectError(response, 403, "cross_site_request");
    expect(body.type).toBe("authentication_error");
    expect(handler).not.toHaveBeenCalled();
  });

  it("refuses a POST with neither Origin nor Sec-Fetch-Site", async () => {
    const { handler } = recorder();
    const route = withSession({ body: Body }, handler);
    const response = await route(
      request("/api/things", {
        method: "POST",
        headers: { cookie: await cookie(), "content-type": "application/json" },
        body: JSON.stringify({ name: "x" }),
      }),
      context(),
    );
    await expectError(response, 403, "cross_site_request");
    expect(handler).not.toHaveBeenCalled();
  });

  it.each(["PATCH", "DELETE", "PUT"])("refuses a cross-site %s", async (method) => {
    const { handler } = recorder();
    const route = withSession({}, handler);
    const response = await route(
      request("/api/things", { method, headers: { origin: "https://evil.example.com", cookie: await cookie() } }),
      context(),
    );
    await expectError(response, 403, "cross_site_request");
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ["Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site", origin: ORIGIN }],
    ["Sec-Fetch-Site same-site", { "sec-fetch-site": "same-site" }],
    ["Origin null", { origin: "null" }],
    ["Origin on another port", { origin: "http://localhost:4000" }],
    ["Origin that only starts like ours", { origin: "http://localhost:3000.evil.example.com" }],
  ])("refuses a POST with %s", async (_name, headers) => {
    const { handler } = recorder();
    const route = withSession({ body: Body }, handler);
    const response = await route(
      request("/api/things", {
        method: "POST",
        headers: { ...headers, cookie: await cookie(), "content-type": "application/json" },
        body: JSON.stringify({ name: "x" }),
      }),
      context(),
    );
    await expectError(response, 403, "cross_site_request");
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ["Sec-Fetch-Site: same-origin", { "sec-fetch-site": "same-origin" }],
    ["an Origin matching Host", { origin: ORIGIN }],
    ["an Origin matching X-Forwarded-Host", { origin: "https://admin.example.com", "x-forwarded-host": "admin.example.com" }],
  ])("accepts a POST with %s", async (_name, headers) => {
    const { handler, seen } = recorder();
    const route = withSession({ body: Body }, handler);
    const response = await route(
      request("/api/things", {
        method: "POST",
        headers: { ...headers, cookie: await cookie(), "content-type": "application/json" },
        body: JSON.stringify({ name: "Acme" }),
      }),
      context(),
    );
    expect(response.status).toBe(200);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(seen[0]!.body).toEqual({ name: "Acme" });
  });

  it("does not require an Origin on reads", async () => {
    const { handler } = recorder();
    const route = withSession({}, handler);
    const response = await route(request("/api/things", { headers: { cookie: await cookie() } }), context());
    expect(response.status).toBe(200);
  });
});

describe("the session", () => {
  it("answers 401 not_signed_in to a GET without a session cookie", async () => {
    const { handler } = recorder();
    const route = withSession({}, handler);
    const body = await expectError(await route(request("/api/things"), context()), 401, "not_signed_in");
    expect(body.type).toBe("authentication_error");
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 401 to a cookie sealed with another secret, or a garbled one", async () => {
    const { handler } = recorder();
    const route = withSession({}, handler);
    const foreign = await cookie(SESSION, "some-other-secret-that-is-also-long-enough");
    await expectError(await route(request("/api/things", { headers: { cookie: foreign } }), context()), 401, "not_signed_in");
    await expectError(
      await route(request("/api/things", { headers: { cookie: `${SESSION_COOKIE}=garbage` } }), context()),
      401,
      "not_signed_in",
    );
    expect(handler).not.toHaveBeenCalled();
  });

  it("passes a valid sealed cookie, and the handler sees the session", async () => {
    const { handler, seen } = recorder();
    const route = withSession({}, handler);
    const response = await route(request("/api/things", { headers: { cookie: await cookie() } }), context());
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ ok: true });
    expect(seen[0]!.session).toEqual(SESSION);
  });
});

describe("parsing params, query and body", () => {
  it("answers 400 validation_error with attr id for an invalid id, and never runs the handler", async () => {
    const { handler } = recorder();
    const route = withSession({ params: OrganizationParams }, handler);
    for (const id of ["not-a-uuid", "..%2F..", "..", `${ORG}/..`, `${ORG}%2F`, ""]) {
      const response = await route(request(`/api/organizations/${encodeURIComponent(id)}`, { headers: { cookie: await cookie() } }), context({ id }));
      const body = await expectError(response, 400, "invalid_input", "id");
      expect(body.type).toBe("validation_error");
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it("hands the handler the parsed params", async () => {
    const { handler, seen } = recorder();
    const route = withSession({ params: OrganizationParams }, handler);
    const response = await route(request(`/api/organizations/${ORG}`, { headers: { cookie: await cookie() } }), context({ id: ORG }));
    expect(response.status).toBe(200);
    expect(seen[0]!.params).toEqual({ id: ORG });
  });

  it("parses the query string, naming the parameter on failure", async () => {
    const Query = z.object({ limit: z.coerce.number().int().min(1).optional() });
    const { handler, seen } = recorder();
    const route = withSession({ query: Query }, handler);
    const ok = await route(request("/api/things?limit=5&junk=1", { headers: { cookie: await cookie() } }), context());
    expect(ok.status).toBe(200);
    expect(seen[0]!.query).toEqual({ limit: 5 });

    const bad = await route(request("/api/things?limit=zero", { headers: { cookie: await cookie() } }), context());
    await expectError(bad, 400, "invalid_input", "limit");
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("names a nested body field the way PostHog does (a__b)", async () => {
    const { handler } = recorder();
    const route = withSession({ body: Body }, handler);
    const response = await route(
      request("/api/things", {
        method: "POST",
        headers: { "sec-fetch-site": "same-origin", cookie: await cookie(), "content-type": "application/json" },
        body: JSON.stringify({ name: "Acme", config: { port: "x" } }),
      }),
      context(),
    );
    await expectError(response, 400, "invalid_input", "config__port");
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 415 to a text/plain body (a form post cannot forge JSON)", async () => {
    const { handler } = recorder();
    const route = withSession({ body: Body }, handler);
    const response = await route(
      request("/api/things", {
        method: "POST",
        headers: { "sec-fetch-site": "same-origin", cookie: await cookie(), "content-type": "text/plain" },
        body: JSON.stringify({ name: "Acme" }),
      }),
      context(),
    );
    const body = await expectError(response, 415, "unsupported_media_type");
    expect(body.type).toBe("invalid_request");
    expect(handler).not.toHaveBeenCalled();
  });

  it("accepts application/json with a charset", async () => {
    const { handler, seen } = recorder();
    const route = withSession({ body: Body }, handler);
    const response = await route(
      request("/api/things", {
        method: "POST",
        headers: { "sec-fetch-site": "same-origin", cookie: await cookie(), "content-type": "Application/JSON; charset=utf-8" },
        body: JSON.stringify({ name: "Acme" }),
      }),
      context(),
    );
    expect(response.status).toBe(200);
    expect(seen[0]!.body).toEqual({ name: "Acme" });
  });

  it("answers 400 parse_error to malformed JSON", async () => {
    const { handler } = recorder();
    const route = withSession({ body: Body }, handler);
    const response = await route(
      request("/api/things", {
        method: "POST",
        headers: { "sec-fetch-site": "same-origin", cookie: await cookie(), "content-type": "application/json" },
        body: '{"name": "Acme",',
      }),
      context(),
    );
    const body = await expectError(response, 400, "parse_error");
    expect(body.type).toBe("invalid_request");
    expect(handler).not.toHaveBeenCalled();
  });
});

describe("the answer", () => {
  it("answers an unexpected failure with 500 in the same shape, without its message", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const route = withSession({}, async () => {
      throw new Error("internal detail: phx_route_handler_key");
    });
    const response = await route(request("/api/things", { headers: { cookie: await cookie() } }), context());
    const body = await expectError(response, 500, "error");
    expect(body.type).toBe("server_error");
    expect(JSON.stringify(body)).not.toContain("phx_route_handler_key");
  });

  it("answers a BffError thrown by the handler as is", async () => {
    const route = withSession({}, async () => {
      throw new BffError(409, { type: "invalid_request", code: "conflict", detail: "Already there.", attr: "name" });
    });
    const response = await route(request("/api/things", { headers: { cookie: await cookie() } }), context());
    expect(await expectError(response, 409, "conflict", "name")).toEqual({
      type: "invalid_request",
      code: "conflict",
      detail: "Already there.",
      attr: "name",
    });
  });

  it("marks a 204 and a handler's own answer no-store", async () => {
    const route = withSession({}, async () => json(204));
    const response = await route(request("/api/things", { method: "DELETE", headers: { "sec-fetch-site": "same-origin", cookie: await cookie() } }), context());
    expect(response.status).toBe(204);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe("");
  });
});

describe("withoutSession", () => {
  const SignIn = z.object({ host: z.string(), personalApiKey: z.string().min(1) });

  it("runs without a session cookie and hands over the parsed body", async () => {
    const handler = vi.fn(async ({ body }: { body: z.infer<typeof SignIn> }) => json(201, { host: body.host }));
    const route = withoutSession({ body: SignIn }, handler);
    const response = await route(
      request("/api/session", {
        method: "POST",
        headers: { origin: ORIGIN, "content-type": "application/json" },
        body: JSON.stringify({ host: "https://us.posthog.com", personalApiKey: "phx_x" }),
      }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(handler).toHaveBeenCalledWith(expect.objectContaining({ body: { host: "https://us.posthog.com", personalApiKey: "phx_x" } }));
  });

  it("still refuses a cross-site POST (login CSRF)", async () => {
    const handler = vi.fn(async () => json(201, {}));
    const route = withoutSession({ body: SignIn }, handler);
    const response = await route(
      request("/api/session", {
        method: "POST",
        headers: { origin: "https://evil.example.com", "content-type": "application/json" },
        body: JSON.stringify({ host: "https://us.posthog.com", personalApiKey: "phx_attacker" }),
      }),
    );
    await expectError(response, 403, "cross_site_request");
    expect(handler).not.toHaveBeenCalled();
  });

  it("validates the body, 415s text/plain and 400s malformed JSON", async () => {
    const handler = vi.fn(async () => json(201, {}));
    const route = withoutSession({ body: SignIn }, handler);
    const post = (body: string, type = "application/json") =>
      route(request("/api/session", { method: "POST", headers: { origin: ORIGIN, "content-type": type }, body }));
    await expectError(await post(JSON.stringify({ host: "https://us.posthog.com" })), 400, "invalid_input", "personalApiKey");
    await expectError(await post(JSON.stringify({ host: "h", personalApiKey: "k" }), "text/plain"), 415, "unsupported_media_type");
    await expectError(await post("{"), 400, "parse_error");
    expect(handler).not.toHaveBeenCalled();
  });
});
