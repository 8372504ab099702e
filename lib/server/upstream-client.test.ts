import { describe, expect, it, vi } from "vitest";
import { BffError } from "./bff-error";
import { RateBudget } from "./rate-budget";
import { callUpstream, keyFingerprint, retryDelayMs, type UpstreamOptions, type UpstreamRequest } from "./upstream-client";
import { isAllowedUpstreamPath } from "./upstream-paths";

const HOST = "https://eu.posthog.com";
const KEY = "phx_secret_personal_key_0123456789";
const CREDENTIALS = { host: HOST, key: KEY };
const ORG = "0190a5f4-1c2d-7e3f-8a9b-0c1d2e3f4a5b";
const EXPORT = "0190a5f4-aaaa-7bbb-8ccc-0c1d2e3f4a5b";

const LIST: UpstreamRequest = { method: "GET", path: "/api/organizations/" };

type Answer = Response | Error | (() => Response | Promise<Response>);
type Call = { url: string; init: RequestInit };

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

function errorBody(status: number, detail = "Something went wrong.") {
  return jsonResponse(status, { type: "server_error", code: "error", detail, attr: null });
}

function throttled(seconds: number) {
  return jsonResponse(429, {
    type: "throttled_error",
    code: "throttled",
    detail: `Request was throttled. Expected available in ${seconds} seconds.`,
    attr: null,
  });
}

/** A fetch that answers from a script, one entry per call, and records every call. */
function scriptedFetch(...answers: Answer[]) {
  const calls: Call[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (answer === undefined) throw new Error("scriptedFetch: no answer scripted");
    if (answer instanceof Error) throw answer;
    return typeof answer === "function" ? answer() : answer;
  });
  return { fetchImpl: fetchImpl as unknown as typeof fetch, calls, mock: fetchImpl };
}

function options(fetchImpl: typeof fetch, extra: Partial<UpstreamOptions> = {}) {
  const sleep = vi.fn(async (ms: number) => {
    void ms;
  });
  const opts: UpstreamOptions = {
    timeoutMs: 1000,
    fetchImpl,
    sleep,
    budget: new RateBudget({ perMinute: 1000, perHour: 10_000 }),
    ...extra,
  };
  return { opts, sleep };
}

function dropped() {
  return new TypeError("fetch failed", { cause: new Error("ECONNRESET") });
}

async function bffErrorOf(promise: Promise<unknown>): Promise<BffError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BffError);
    return error as BffError;
  }
  throw new Error("expected a BffError, but the call succeeded");
}

describe("what is sent upstream", () => {
  it("carries the key only in Authorization, and nothing from the browser", async () => {
    const { fetchImpl, calls } = scriptedFetch(jsonResponse(200, { count: 0, next: null, previous: null, results: [] }));
    const { opts } = options(fetchImpl);
    const result = await callUpstream(
      CREDENTIALS,
      { method: "GET", path: "/api/organizations/", query: new URLSearchParams({ limit: "10", offset: "20" }) },
      opts,
    );
    expect(result).toEqual({ status: 200, body: { count: 0, next: null, previous: null, results: [] } });

    expect(calls).toHaveLength(1);
    const { url, init } = calls[0]!;
    expect(url).toBe(`${HOST}/api/organizations/?limit=10&offset=20`);
    expect(url).not.toContain(KEY);
    expect(init.method).toBe("GET");
    const headers = new Headers(init.headers);
    expect(headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect([...headers.keys()].sort()).toEqual(["accept", "authorization"]);
    expect(headers.has("cookie")).toBe(false);
    expect(init.body).toBeUndefined();
    expect(init.redirect).toBe("manual");
    expect(init.signal).toBeInstanceOf(AbortSignal);
  });

  it("sends a write's body as JSON", async () => {
    const { fetchImpl, calls } = scriptedFetch(jsonResponse(200, { id: ORG, name: "Renamed" }));
    const { opts } = options(fetchImpl);
    await callUpstream(CREDENTIALS, { method: "PATCH", path: `/api/organizations/${ORG}/`, body: { name: "Renamed" } }, opts);
    const headers = new Headers(calls[0]!.init.headers);
    expect([...headers.keys()].sort()).toEqual(["accept", "authorization", "content-type"]);
    expect(headers.get("content-type")).toBe("application/json");
    expect(calls[0]!.init.body).toBe(JSON.stringify({ name: "Renamed" }));
    expect(calls[0]!.url).toBe(`${HOST}/api/organizations/${ORG}/`);
  });

  it("answers an empty (204) body as undefined", async () => {
    const { fetchImpl } = scriptedFetch(new Response(null, { status: 204 }));
    const { opts } = options(fetchImpl);
    expect(await callUpstream(CREDENTIALS, { method: "DELETE", path: `/api/organizations/${ORG}/` }, opts)).toEqual({
      status: 204,
      body: undefined,
    });
  });
});

describe("retries of reads", () => {
  it.each([502, 503, 504])("retries a GET answered %i, then returns the success", async (status) => {
    const { fetchImpl, mock } = scriptedFetch(errorBody(status), jsonResponse(200, { ok: true }));
    const { opts, sleep } = options(fetchImpl);
    expect(await callUpstream(CREDENTIALS, LIST, opts)).toEqual({ status: 200, body: { ok: true } });
    expect(mock).toHaveBeenCalledTimes(2);
    expect(sleep).toHaveBeenCalledTimes(1);
    expect(sleep).toHaveBeenCalledWith(250);
  });

  it("retries a 502 whose body is a proxy's HTML page", async () => {
    const html = () => new Response("<html>Bad gateway</html>", { status: 502, headers: { "Content-Type": "text/html" } });
    const { fetchImpl, mock } = scriptedFetch(html, jsonResponse(200, { ok: true }));
    const { opts } = options(fetchImpl);
    expect(await callUpstream(CREDENTIALS, LIST, opts)).toEqual({ status: 200, body: { ok: true } });
    expect(mock).toHaveBeenCalledTimes(2);
  });

  it("tries at most 1 + retries times, backing off, then returns the last answer", async () => {
    const { fetchImpl, mock } = scriptedFetch(
      () => errorBody(503, "first"),
      () => errorBody(503, "second"),
      () => errorBody(503, "third"),
      () => jsonResponse(200, { never: "reached" }),
    );
    const { opts, sleep } = options(fetchImpl);
    const result = await callUpstream(CREDENTIALS, LIST, opts);
    expect(mock).toHaveBeenCalledTimes(3);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([250, 500]);
    expect(result).toEqual({ status: 503, body: { type: "server_error", code: "error", detail: "third", attr: null } });
  });

  it("follows the retries option", async () => {
    const { fetchImpl, mock } = scriptedFetch(() => errorBody(503));
    const { opts } = options(fetchImpl, { retries: 0 });
    expect((await callUpstream(CREDENTIALS, LIST, opts)).status).toBe(503);
    expect(mock).toHaveBeenCalledTimes(1);

    const again = scriptedFetch(() => errorBody(503));
    const { opts: four } = options(again.fetchImpl, { retries: 4 });
    await callUpstream(CREDENTIALS, LIST, four);
    expect(again.mock).toHaveBeenCalledTimes(5);
  });

  it("does not retry other failures (400, 401, 403, 404, 500)", async () => {
    for (const status of [400, 401, 403, 404, 500]) {
      const { fetchImpl, mock } = scriptedFetch(() => errorBody(status));
      const { opts, sleep } = options(fetchImpl);
      expect((await callUpstream(CREDENTIALS, LIST, opts)).status).toBe(status);
      expect(mock).toHaveBeenCalledTimes(1);
      expect(sleep).not.toHaveBeenCalled();
    }
  });

  it("on 429, waits the seconds PostHog names in its detail, then retries", async () => {
    const { fetchImpl, mock } = scriptedFetch(throttled(3), jsonResponse(200, { ok: true }));
    const { opts, sleep } = options(fetchImpl);
    expect(await callUpstream(CREDENTIALS, LIST, opts)).toEqual({ status: 200, body: { ok: true } });
    expect(mock).toHaveBeenCalledTimes(2);
    expect(sleep).toHaveBeenCalledWith(3000);
  });

  it("returns a 429 that asks for a wait above the cap at once, without retrying", async () => {
    const { fetchImpl, mock } = scriptedFetch(throttled(60), jsonResponse(200, { ok: true }));
    const { opts, sleep } = options(fetchImpl);
    const result = await callUpstream(CREDENTIALS, LIST, opts);
    expect(result.status).toBe(429);
    expect(result.body).toMatchObject({ type: "throttled_error", detail: "Request was throttled. Expected available in 60 seconds." });
    expect(mock).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it("retries a dropped connection on GET, then answers 502 upstream_unreachable", async () => {
    const { fetchImpl, mock } = scriptedFetch(dropped());
    const { opts, sleep } = options(fetchImpl);
    const error = await bffErrorOf(callUpstream(CREDENTIALS, LIST, opts));
    expect(mock).toHaveBeenCalledTimes(3);
    expect(sleep).toHaveBeenCalledTimes(2);
    expect(error.status).toBe(502);
    expect(error.body).toEqual({
      type: "server_error",
      code: "upstream_unreachable",
      detail: `Could not reach PostHog at ${HOST}.`,
      attr: null,
    });
  });

  it("recovers when the connection comes back", async () => {
    const { fetchImpl, mock } = scriptedFetch(dropped(), jsonResponse(200, { ok: true }));
    const { opts } = options(fetchImpl);
    expect(await callUpstream(CREDENTIALS, LIST, opts)).toEqual({ status: 200, body: { ok: true } });
    expect(mock).toHaveBeenCalledTimes(2);
  });
});

describe("writes are never retried", () => {
  const writes: UpstreamRequest[] = [
    { method: "POST", path: "/api/organizations/", body: { name: "Acme" } },
    { method: "PATCH", path: `/api/organizations/${ORG}/`, body: { name: "Acme" } },
    { method: "DELETE", path: `/api/organizations/${ORG}/` },
    { method: "POST", path: `/api/projects/12/batch_exports/${EXPORT}/pause/`, body: {} },
  ];

  it.each(writes)("$method $path: one fetch on 503", async (request) => {
    const { fetchImpl, mock } = scriptedFetch(() => errorBody(503), () => jsonResponse(200, {}));
    const { opts, sleep } = options(fetchImpl, { retries: 5 });
    expect((await callUpstream(CREDENTIALS, request, opts)).status).toBe(503);
    expect(mock).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it.each(writes)("$method $path: one fetch on 429", async (request) => {
    const { fetchImpl, mock } = scriptedFetch(throttled(1), jsonResponse(200, {}));
    const { opts } = options(fetchImpl);
    expect((await callUpstream(CREDENTIALS, request, opts)).status).toBe(429);
    expect(mock).toHaveBeenCalledTimes(1);
  });

  it.each(writes)("$method $path: one fetch when the connection drops", async (request) => {
    const { fetchImpl, mock } = scriptedFetch(dropped(), jsonResponse(200, {}));
    const { opts } = options(fetchImpl);
    const error = await bffErrorOf(callUpstream(CREDENTIALS, request, opts));
    expect(error.body.code).toBe("upstream_unreachable");
    expect(mock).toHaveBeenCalledTimes(1);
  });
});

describe("timeouts and bad answers", () => {
  /** A fetch that never answers, but rejects the way fetch does when its signal aborts. */
  const hangingFetch = vi.fn(
    (_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal;
        if (!signal) return reject(new Error("no signal passed to fetch"));
        signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true });
      }),
  ) as unknown as typeof fetch;

  it("answers 504 upstream_timeout when PostHog does not answer in time", async () => {
    const { opts } = options(hangingFetch, { timeoutMs: 30 });
    const error = await bffErrorOf(callUpstream(CREDENTIALS, LIST, opts));
    expect(error.status).toBe(504);
    expect(error.body).toMatchObject({ type: "server_error", code: "upstream_timeout", attr: null });
    expect(error.body.detail).toContain(HOST);
  });

  it("answers 504 upstream_timeout when the body stops arriving in time", async () => {
    // Headers arrive, the body never ends; a real fetch errors the body stream when its signal aborts.
    const slowBody = (_input: RequestInfo | URL, init?: RequestInit) => {
      const signal = init!.signal!;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"count": 1, "results": ['));
          signal.addEventListener("abort", () => controller.error(signal.reason), { once: true });
        },
      });
      return Promise.resolve(new Response(stream, { status: 200, headers: { "Content-Type": "application/json" } }));
    };
    const { opts } = options(slowBody as unknown as typeof fetch, { timeoutMs: 30 });
    const error = await bffErrorOf(callUpstream(CREDENTIALS, LIST, opts));
    expect(error.status).toBe(504);
    expect(error.body.code).toBe("upstream_timeout");
  });

  it("answers 502 upstream_unreachable when the connection drops in the middle of the body", async () => {
    const cutBody = () => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"count": 1, "results": ['));
          controller.error(new TypeError("terminated"));
        },
      });
      return Promise.resolve(new Response(stream, { status: 200 }));
    };
    const { opts } = options(cutBody as unknown as typeof fetch);
    const error = await bffErrorOf(callUpstream(CREDENTIALS, LIST, opts));
    expect(error.status).toBe(502);
    expect(error.body.code).toBe("upstream_unreachable");
  });

  it("answers 502 upstream_bad_response when the body is not JSON", async () => {
    const { fetchImpl } = scriptedFetch(new Response("<!doctype html><title>Login</title>", { status: 200 }));
    const { opts } = options(fetchImpl);
    const error = await bffErrorOf(callUpstream(CREDENTIALS, LIST, opts));
    expect(error.status).toBe(502);
    expect(error.body).toMatchObject({ type: "server_error", code: "upstream_bad_response", attr: null });
  });

  it("does not follow a redirect: it answers 502 upstream_redirect", async () => {
    const { fetchImpl, mock } = scriptedFetch(
      new Response(null, { status: 302, headers: { Location: "https://evil.example.com/api/organizations/" } }),
    );
    const { opts } = options(fetchImpl);
    const error = await bffErrorOf(callUpstream(CREDENTIALS, LIST, opts));
    expect(error.status).toBe(502);
    expect(error.body.code).toBe("upstream_redirect");
    expect(mock).toHaveBeenCalledTimes(1);
  });

  it("turns an error status without PostHog's error body into upstream_error", async () => {
    const { fetchImpl } = scriptedFetch(jsonResponse(404, { message: "no" }));
    const { opts } = options(fetchImpl);
    const error = await bffErrorOf(callUpstream(CREDENTIALS, LIST, opts));
    expect(error.status).toBe(404);
    expect(error.body.code).toBe("upstream_error");
  });

  it("passes a 401 on as a refused key even without PostHog's error body (a proxy's page)", async () => {
    const { fetchImpl } = scriptedFetch(jsonResponse(401, { message: "unauthorized" }));
    const { opts } = options(fetchImpl);
    const result = await callUpstream(CREDENTIALS, LIST, opts);
    expect(result.status).toBe(401);
  });
});

describe("the path allowlist", () => {
  it("refuses a path that is not on the allowlist without calling fetch", async () => {
    const refused: UpstreamRequest[] = [
      { method: "GET", path: "/api/users/@me/" },
      { method: "DELETE", path: "/api/organizations/" },
      { method: "GET", path: `/api/organizations/${ORG}/../../users/@me/` },
      { method: "GET", path: "/api/organizations" },
      { method: "GET", path: "//evil.example.com/api/organizations/" },
      { method: "GET", path: "https://evil.example.com/api/organizations/" },
      { method: "POST", path: `/api/organizations/${ORG}/` },
    ];
    for (const request of refused) {
      const { fetchImpl, mock } = scriptedFetch(jsonResponse(200, {}));
      const { opts } = options(fetchImpl);
      const error = await bffErrorOf(callUpstream(CREDENTIALS, request, opts));
      expect(error.status).toBe(400);
      expect(error.body.code).toBe("path_not_allowed");
      expect(mock).not.toHaveBeenCalled();
    }
  });

  it("allows the dashboard's own paths", () => {
    expect(isAllowedUpstreamPath("GET", "/api/organizations/")).toBe(true);
    expect(isAllowedUpstreamPath("POST", "/api/organizations/")).toBe(true);
    expect(isAllowedUpstreamPath("GET", `/api/organizations/${ORG}/`)).toBe(true);
    expect(isAllowedUpstreamPath("PATCH", `/api/organizations/${ORG}/`)).toBe(true);
    expect(isAllowedUpstreamPath("DELETE", `/api/organizations/${ORG}/`)).toBe(true);
    expect(isAllowedUpstreamPath("GET", `/api/organizations/${ORG}/batch_exports/`)).toBe(true);
    expect(isAllowedUpstreamPath("POST", `/api/projects/12/batch_exports/${EXPORT}/unpause/`)).toBe(true);
    expect(isAllowedUpstreamPath("GET", `/api/projects/12/batch_exports/${EXPORT}/logs/`)).toBe(true);
    expect(isAllowedUpstreamPath("POST", `/api/projects/12/batch_exports/${EXPORT}/runs/${ORG}/retry/`)).toBe(true);
  });

  it.each([
    "..",
    "../users",
    "%2e%2e",
    "..%2F..",
    `${ORG}%2F..`,
    `${ORG}%2f`,
    `${ORG}/..`,
    `${ORG}/../${ORG}`,
    `${ORG}%5C..`,
    `${ORG}?x=1`,
    `${ORG}#x`,
    `${ORG}%00`,
    "0190a5f4-1c2d-7e3f-8a9b-0c1d2e3f4a5bX",
    "not-a-uuid",
    "",
  ])("never allows the id %j in a path", (id) => {
    for (const method of ["GET", "PATCH", "DELETE"]) {
      expect(isAllowedUpstreamPath(method, `/api/organizations/${id}/`)).toBe(false);
      expect(isAllowedUpstreamPath(method, `/api/projects/12/batch_exports/${id}/`)).toBe(false);
    }
    expect(isAllowedUpstreamPath("GET", `/api/organizations/${id}/batch_exports/`)).toBe(false);
    expect(isAllowedUpstreamPath("POST", `/api/projects/12/batch_exports/${id}/pause/`)).toBe(false);
  });

  it.each(["..", "-1", "1.5", "12%2F..", "12/..", "1234567890123", ""])("never allows the project id %j in a path", (project) => {
    expect(isAllowedUpstreamPath("GET", `/api/projects/${project}/batch_exports/`)).toBe(false);
    expect(isAllowedUpstreamPath("POST", `/api/projects/${project}/batch_exports/`)).toBe(false);
  });
});

describe("the per-key budget", () => {
  it("answers 429 without calling fetch once the key's budget is spent", async () => {
    const budget = new RateBudget({ perMinute: 2, perHour: 100 }, () => 1_700_000_000_000);
    const { fetchImpl, mock } = scriptedFetch(() => jsonResponse(200, { ok: true }));
    const { opts } = options(fetchImpl, { budget });
    await callUpstream(CREDENTIALS, LIST, opts);
    await callUpstream(CREDENTIALS, LIST, opts);
    expect(mock).toHaveBeenCalledTimes(2);

    const error = await bffErrorOf(callUpstream(CREDENTIALS, LIST, opts));
    expect(mock).toHaveBeenCalledTimes(2);
    expect(error.status).toBe(429);
    expect(error.body).toEqual({
      type: "throttled_error",
      code: "throttled",
      detail: "Request was throttled. Expected available in 60 seconds.",
      attr: null,
    });
    // The browser can read the wait the same way as PostHog's own throttle.
    expect(retryDelayMs(429, error.body, 0)).toBe(60_000);

    // Another key is not affected.
    await callUpstream({ host: HOST, key: "phx_other_key" }, LIST, opts);
    expect(mock).toHaveBeenCalledTimes(3);
  });

  it("counts every retry against the budget", async () => {
    const budget = new RateBudget({ perMinute: 2, perHour: 100 }, () => 1_700_000_000_000);
    const { fetchImpl, mock } = scriptedFetch(() => errorBody(503));
    const { opts } = options(fetchImpl, { budget, retries: 5 });
    const error = await bffErrorOf(callUpstream(CREDENTIALS, LIST, opts));
    expect(error.status).toBe(429);
    expect(mock).toHaveBeenCalledTimes(2);
  });
});

describe("retryDelayMs", () => {
  it("reads PostHog's 'Expected available in N seconds.'", () => {
    expect(retryDelayMs(429, { detail: "Request was throttled. Expected available in 7 seconds." }, 0)).toBe(7000);
    expect(retryDelayMs(429, { detail: "Request was throttled. Expected available in 1 second." }, 3)).toBe(1000);
    expect(retryDelayMs(429, { detail: "Request was throttled. Expected available in 0 seconds." }, 1)).toBe(0);
  });

  it("backs off exponentially otherwise", () => {
    expect([0, 1, 2, 3].map((attempt) => retryDelayMs(503, undefined, attempt))).toEqual([250, 500, 1000, 2000]);
    expect(retryDelayMs(429, { detail: "Request was throttled." }, 1)).toBe(500);
    expect(retryDelayMs(429, { detail: 42 }, 0)).toBe(250);
    expect(retryDelayMs(429, undefined, 2)).toBe(1000);
    expect(retryDelayMs(429, "Expected available in 9 seconds", 0)).toBe(250);
  });

  it("reads the detail only on a 429", () => {
    expect(retryDelayMs(503, { detail: "Expected available in 9 seconds." }, 0)).toBe(250);
  });
});

describe("keyFingerprint", () => {
  it("is stable, short, and does not contain the key", () => {
    expect(keyFingerprint(KEY)).toBe(keyFingerprint(KEY));
    expect(keyFingerprint(KEY)).toMatch(/^[0-9a-f]{12}$/);
    expect(keyFingerprint(KEY)).not.toBe(keyFingerprint("phx_other_key"));
  });
});
