import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { s3ExportBody, startHarness, type Harness, type World } from "../test-support/http-harness";

/**
 * Per-key throttling (POSTHOG-API.md §6) and the generic error answers (§3.1): 405, parse errors,
 * non-object bodies, unsupported media types, unknown paths.
 */
let h: Harness;

beforeAll(async () => {
  // Long backfill runs let the clock advance in one-minute steps: the hour-long waits below stay quick.
  h = await startHarness({ simulation: { failureRate: 0, backfillRunSeconds: 120 } });
});

afterAll(async () => {
  await h.close();
});

function throttledBody(seconds: number) {
  return {
    type: "throttled_error",
    code: "throttled",
    detail: `Request was throttled. Expected available in ${seconds} ${seconds === 1 ? "second" : "seconds"}.`,
    attr: null,
  };
}

async function setLimits(perMinute: number, perHour: number): Promise<void> {
  const res = await h.control("POST", "settings", { rate_limits: { perMinute, perHour } });
  expect(res.status).toBe(200);
  expect(res.body.rate_limits).toEqual({ perMinute, perHour });
}

/** Sends `count` list requests with `key`, returning their statuses. */
async function burst(key: string, count: number, path = "/api/organizations/"): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await h.get(path, key)).status);
  return statuses;
}

describe("rate limits", () => {
  afterAll(async () => {
    await h.control("POST", "settings", { rate_limits: { perMinute: 480, perHour: 4800 } });
  });

  it("refuses the request after the per-minute limit with PostHog's 429 body and no Retry-After", async () => {
    await setLimits(3, 5);
    const world = await h.world();
    expect(await burst(world.key, 3)).toEqual([200, 200, 200]);
    const res = await h.get("/api/organizations/", world.key);
    expect(res.status).toBe(429);
    expect(res.body).toEqual(throttledBody(60));
    expect(res.headers.get("retry-after")).toBeNull();
    expect([...res.headers.keys()].filter((name) => name.toLowerCase().startsWith("x-ratelimit"))).toEqual([]);
  });

  it("counts every endpoint against the same per-key bucket, and other keys keep their own", async () => {
    await setLimits(3, 5);
    const world = await h.world();
    await h.get("/api/organizations/", world.key);
    await h.get(`/api/organizations/${world.organizationId}/`, world.key);
    await h.get(`/api/projects/${world.teamIds[0]}/batch_exports/`, world.key);
    const refused = await h.get(`/api/environments/${world.teamIds[0]}/batch_exports/`, world.key);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual(throttledBody(60));

    // Another key of the same user, and another user's key, are not affected.
    const second = await h.control("POST", "keys", { user_id: world.userId });
    expect(await burst(second.body.key, 3)).toEqual([200, 200, 200]);
    const other = await h.world();
    expect(await burst(other.key, 3)).toEqual([200, 200, 200]);
    expect((await h.get("/api/organizations/", world.key)).status).toBe(429);
  });

  it("slides the minute window with the clock, and says how long is left", async () => {
    await setLimits(3, 100);
    const world = await h.world();
    expect(await burst(world.key, 1)).toEqual([200]); // t0
    await h.advance(20);
    expect(await burst(world.key, 1)).toEqual([200]); // t0+20
    await h.advance(20);
    expect(await burst(world.key, 1)).toEqual([200]); // t0+40
    const full = await h.get("/api/organizations/", world.key);
    expect(full.status).toBe(429);
    expect(full.body).toEqual(throttledBody(20)); // the t0 request leaves the window at t0+60
    await h.advance(12.4);
    expect((await h.get("/api/organizations/", world.key)).body).toEqual(throttledBody(8)); // 7.6 s, rounded up
    await h.advance(7.6); // t0+60: the first request has left the window
    expect(await burst(world.key, 1)).toEqual([200]);
    const again = await h.get("/api/organizations/", world.key);
    expect(again.status).toBe(429);
    expect(again.body).toEqual(throttledBody(20)); // now the t0+20 request is the oldest
  });

  it("says 'second' when one second is left", async () => {
    await setLimits(1, 100);
    const world = await h.world();
    expect(await burst(world.key, 1)).toEqual([200]);
    await h.advance(59.5);
    const res = await h.get("/api/organizations/", world.key);
    expect(res.status).toBe(429);
    expect(res.body).toEqual({
      type: "throttled_error",
      code: "throttled",
      detail: "Request was throttled. Expected available in 1 second.",
      attr: null,
    });
  });

  it("applies the hourly limit across minutes", async () => {
    await setLimits(3, 5);
    const world = await h.world();
    expect(await burst(world.key, 3)).toEqual([200, 200, 200]); // t0
    await h.advance(60);
    expect(await burst(world.key, 2)).toEqual([200, 200]); // t0+60: five in the hour
    const res = await h.get("/api/organizations/", world.key);
    expect(res.status).toBe(429);
    expect(res.body).toEqual(throttledBody(3540)); // the t0 requests leave the hour at t0+3600
    expect(res.headers.get("retry-after")).toBeNull();
    await h.advance(600);
    expect((await h.get("/api/organizations/", world.key)).body).toEqual(throttledBody(2940));
    await h.advance(2940); // t0+3600
    expect(await burst(world.key, 3)).toEqual([200, 200, 200]);
    // Both windows are full again, and both free up at t0+3660 (the hour's oldest requests are from t0+60).
    const hourly = await h.get("/api/organizations/", world.key);
    expect(hourly.body).toEqual(throttledBody(60));
  });

  it("counts a request the minute limit refused against the hour, as DRF's throttles do", async () => {
    await setLimits(3, 5);
    const world = await h.world();
    expect(await burst(world.key, 3)).toEqual([200, 200, 200]); // t0: minute full, hour 3
    expect(await burst(world.key, 1)).toEqual([429]); // refused by the minute, counted by the hour: 4
    await h.advance(60);
    expect(await burst(world.key, 1)).toEqual([200]); // hour 5
    const res = await h.get("/api/organizations/", world.key);
    expect(res.status).toBe(429);
    expect(res.body).toEqual(throttledBody(3540));
  });

  it("does not throttle unauthenticated requests, nor count requests refused by a permission", async () => {
    await setLimits(3, 5);
    const anonymous: number[] = [];
    for (let i = 0; i < 6; i++) anonymous.push((await h.get("/api/organizations/")).status);
    expect(anonymous).toEqual([401, 401, 401, 401, 401, 401]);

    const world = await h.world();
    const readOnly = await h.control("POST", "keys", { user_id: world.userId, scopes: ["organization:read"] });
    for (let i = 0; i < 4; i++) {
      const refused = await h.post("/api/organizations/", { name: "No" }, readOnly.body.key);
      expect(refused.status).toBe(403);
    }
    expect(await burst(readOnly.body.key, 4)).toEqual([200, 200, 200, 429]);
  });
});

describe("errors", () => {
  let world: World;
  let exportId: string;

  beforeAll(async () => {
    world = await h.world();
    const created = await h.post(`/api/projects/${world.teamIds[0]}/batch_exports/`, await s3ExportBody(h, world), world.key);
    expect(created.status).toBe(201);
    exportId = created.body.id;
  });

  beforeEach(async () => {
    await h.control("POST", "settings", { rate_limits: { perMinute: 480, perHour: 4800 } });
  });

  function methodNotAllowed(method: string) {
    return { type: "invalid_request", code: "method_not_allowed", detail: `Method "${method}" not allowed.`, attr: null };
  }

  it("answers 405 with DRF's body for a method the route does not have, after authentication", async () => {
    const runs = `/api/projects/${world.teamIds[0]}/batch_exports/${exportId}/runs/`;
    const unauthenticated = await h.del(runs);
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.body.code).toBe("not_authenticated");

    const badKey = await h.del(runs, "phx_notAKey");
    expect(badKey.status).toBe(401);
    expect(badKey.body.code).toBe("authentication_failed");

    for (const [method, path] of [
      ["DELETE", runs],
      ["POST", runs],
      ["PUT", `/api/organizations/`],
      ["POST", `/api/organizations/${world.organizationId}/`],
      ["GET", `/api/projects/${world.teamIds[0]}/batch_exports/${exportId}/pause/`],
      ["DELETE", `/api/projects/${world.teamIds[0]}/batch_exports/${exportId}/backfills/`],
    ] as const) {
      const res = await h.request(method, path, { key: world.key });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.body, `${method} ${path}`).toEqual(methodNotAllowed(method));
    }
  });

  it("refuses a method without an action to scoped keys before the 405, as APIScopePermission does", async () => {
    const runs = `/api/projects/${world.teamIds[0]}/batch_exports/${exportId}/runs/`;
    const star = await h.control("POST", "keys", { user_id: world.userId, scopes: ["*"] });
    const res = await h.del(runs, star.body.key);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      type: "authentication_error",
      code: "permission_denied",
      detail: "This action does not support Personal API Key access",
      attr: null,
    });
    // A PATCH on a list route is PostHog's "patch" action: it needs the write scope, then gets the 405.
    const writer = await h.control("POST", "keys", { user_id: world.userId, scopes: ["batch_export:write"] });
    const patched = await h.patch(runs, {}, writer.body.key);
    expect(patched.status).toBe(405);
    expect(patched.body).toEqual(methodNotAllowed("PATCH"));
    const reader = await h.control("POST", "keys", { user_id: world.userId, scopes: ["batch_export:read"] });
    const refused = await h.patch(runs, {}, reader.body.key);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("API key missing required scope 'batch_export:write'");
  });

  it("answers 400 parse_error for malformed JSON", async () => {
    const res = await h.request("POST", "/api/organizations/", { key: world.key, rawBody: '{"name": "Broken",' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      type: "invalid_request",
      code: "parse_error",
      detail: expect.stringMatching(/^JSON parse error - .+/),
      attr: null,
    });
    const listed = await h.get("/api/organizations/", world.key);
    expect(listed.body.count).toBe(1);
  });

  it.each([
    ["list", "[1, 2]"],
    ["str", '"just a string"'],
    ["int", "42"],
    ["bool", "true"],
  ])("answers 400 for a JSON %s where an object is expected", async (kind, raw) => {
    const res = await h.request("POST", "/api/organizations/", { key: world.key, rawBody: raw });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      type: "validation_error",
      code: "invalid_input",
      detail: `Invalid data. Expected a dictionary, but got ${kind}.`,
      attr: null,
    });
  });

  it("answers 415 for a body that is neither JSON nor a form", async () => {
    const res = await h.request("POST", "/api/organizations/", { key: world.key, rawBody: "name=Plain", contentType: "text/plain" });
    expect(res.status).toBe(415);
    expect(res.body).toEqual({
      type: "invalid_request",
      code: "unsupported_media_type",
      detail: 'Unsupported media type "text/plain" in request.',
      attr: null,
    });
    const withCharset = await h.request("PATCH", `/api/organizations/${world.organizationId}/`, {
      key: world.key,
      rawBody: "<xml/>",
      contentType: "application/xml; charset=utf-8",
    });
    expect(withCharset.status).toBe(415);
    expect(withCharset.body.detail).toBe('Unsupported media type "application/xml; charset=utf-8" in request.');
  });

  it("accepts a form-encoded body like DRF's FormParser", async () => {
    const res = await h.request("POST", "/api/organizations/", {
      key: world.key,
      rawBody: "name=From+a+form",
      contentType: "application/x-www-form-urlencoded",
    });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe("From a form");
  });

  it("answers PostHog's api_not_found 404 for an unknown path, with or without a key", async () => {
    const expected = { type: "invalid_request", code: "not_found", detail: "Endpoint not found.", attr: null };
    for (const path of ["/api/nothing-here/", "/api/organizations/x/y/z/", `/api/projects/${world.teamIds[0]}/batch_exports/${exportId}/runs/a/b/c/`]) {
      for (const key of [world.key, null]) {
        const res = await h.get(path, key);
        expect(res.status, path).toBe(404);
        expect(res.body, path).toEqual(expected);
      }
    }
  });
});
