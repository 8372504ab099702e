import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { s3ExportBody, startHarness, T0, type Harness } from "../test-support/http-harness";

/**
 * The emulator's own `/_emulator/` control API (never part of PostHog's) and the faults it can switch
 * on for `/api/` requests.
 */
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

const NOT_FOUND = { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null };
const NO_FAULTS = {
  latencyMs: 0,
  errorRate: 0,
  errorStatuses: [500, 502, 503],
  throttleNext: 0,
  dropRate: 0,
  malformedRate: 0,
  pathContains: "",
};

describe("control API", () => {
  it("GET state describes profile, clock, simulation, rate limits and faults", async () => {
    const res = await h.control("GET", "state");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      profile: "cloud",
      clock: { mode: "manual", now: "2026-01-15T12:00:00Z" },
      simulation: expect.objectContaining({ failureRate: 0, runSeconds: expect.any(Number) }),
      rate_limits: { perMinute: 480, perHour: 4800 },
      faults: NO_FAULTS,
    });
  });

  it("sets, advances and switches the clock", async () => {
    const got = await h.control("GET", "clock");
    expect(got.body).toEqual({ mode: "manual", now: "2026-01-15T12:00:00Z" });

    const set = await h.control("POST", "clock", { now: "2026-02-01T00:00:00Z" });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ mode: "manual", now: "2026-02-01T00:00:00Z" });

    const advanced = await h.control("POST", "clock", { advance_seconds: 90.5 });
    expect(advanced.body).toEqual({ mode: "manual", now: "2026-02-01T00:01:30.500000Z" });

    const epoch = await h.control("POST", "clock", { now: Date.UTC(2026, 2, 3, 4, 5, 6) });
    expect(epoch.body).toEqual({ mode: "manual", now: "2026-03-03T04:05:06Z" });

    const negative = await h.control("POST", "clock", { advance_seconds: -1 });
    expect(negative.status).toBe(400);
    expect(negative.body).toEqual({ type: "validation_error", code: "invalid_input", detail: "advance_seconds must be >= 0.", attr: "advance_seconds" });
    const garbage = await h.control("POST", "clock", { now: "next tuesday" });
    expect(garbage.status).toBe(400);
    expect(garbage.body.attr).toBe("now");

    const real = await h.control("POST", "clock", { mode: "real" });
    expect(real.body.mode).toBe("real");
    expect(Math.abs(Date.parse(real.body.now) - Date.now())).toBeLessThan(5_000);
    const cannot = await h.control("POST", "clock", { advance_seconds: 1 });
    expect(cannot.status).toBe(400);
    expect(cannot.body).toEqual({
      type: "validation_error",
      code: "invalid_input",
      detail: "Switch to the manual clock before advancing it.",
      attr: "advance_seconds",
    });

    const back = await h.control("POST", "clock", { now: T0 });
    expect(back.body).toEqual({ mode: "manual", now: "2026-01-15T12:00:00Z" });
    // What the API sees follows the clock: an organization created now carries that time.
    const world = await h.world();
    const org = await h.get(`/api/organizations/${world.organizationId}/`, world.key);
    expect(org.body.created_at).toBe("2026-01-15T12:00:00Z");
  });

  it("creates organizations, users and keys; keys can be revoked", async () => {
    const org = await h.control("POST", "organizations", { name: "Made by control", teams: ["A", "B"] });
    expect(org.status).toBe(201);
    expect(org.body).toEqual({ id: expect.any(String), name: "Made by control", teams: [expect.objectContaining({ name: "A" }), expect.objectContaining({ name: "B" })] });

    const missingName = await h.control("POST", "organizations", {});
    expect(missingName.status).toBe(400);
    expect(missingName.body).toEqual({ type: "validation_error", code: "required", detail: "This field is required.", attr: "name" });

    const user = await h.control("POST", "users", { email: "ctl@example.com", memberships: [{ organization_id: org.body.id, level: 8 }] });
    expect(user.status).toBe(201);
    expect(user.body).toEqual({ id: expect.any(Number), email: "ctl@example.com" });
    // The same email again is the same user, with the membership added or changed.
    const same = await h.control("POST", "users", { email: "ctl@example.com", memberships: [{ organization_id: org.body.id, level: 1 }] });
    expect(same.body.id).toBe(user.body.id);

    const noEmail = await h.control("POST", "users", {});
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.attr).toBe("email");
    const badOrg = await h.control("POST", "users", { email: "x@example.com", memberships: [{ organization_id: "nope", level: 1 }] });
    expect(badOrg.status).toBe(400);
    expect(badOrg.body.attr).toBe("memberships");

    const chosen = "phx_chosenByTheTestSuite0123456789";
    const key = await h.control("POST", "keys", { email: "ctl@example.com", value: chosen });
    expect(key.status).toBe(201);
    expect(key.body).toEqual({ id: expect.any(String), key: chosen, user_id: user.body.id });
    const orgs = await h.get("/api/organizations/", chosen);
    expect(orgs.status).toBe(200);
    expect(orgs.body.results).toEqual([expect.objectContaining({ id: org.body.id, membership_level: 1 })]);

    const minted = await h.control("POST", "keys", { user_id: user.body.id });
    expect(minted.body.key).toMatch(/^phx_[0-9A-Za-z]{20,}$/);
    const unknownUser = await h.control("POST", "keys", { user_id: 987654 });
    expect(unknownUser.status).toBe(400);
    expect(unknownUser.body.attr).toBe("user_id");

    expect((await h.control("DELETE", `keys/${key.body.id}`)).status).toBe(204);
    expect((await h.get("/api/organizations/", chosen)).status).toBe(401);
    const unknownKey = await h.control("DELETE", "keys/00000000-0000-4000-8000-000000000000");
    expect(unknownKey.status).toBe(404);
    expect(unknownKey.body).toEqual(NOT_FOUND);
  });

  it("sets a project's feature flags", async () => {
    const world = await h.world();
    const teamId = world.teamIds[0]!;
    const body = await s3ExportBody(h, world, teamId, { interval: "every 5 minutes" });
    const refused = await h.post(`/api/projects/${teamId}/batch_exports/`, body, world.key);
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe("Higher frequency batch exports are not enabled for this team.");

    const flags = await h.control("POST", `teams/${teamId}/flags`, { flags: ["high-frequency-batch-exports"] });
    expect(flags.status).toBe(200);
    expect(flags.body).toEqual({ flags: ["high-frequency-batch-exports"] });
    const allowed = await h.post(`/api/projects/${teamId}/batch_exports/`, body, world.key);
    expect(allowed.status).toBe(201);
    expect(allowed.body.interval).toBe("every 5 minutes");

    const unknown = await h.control("POST", "teams/999999/flags", { flags: [] });
    expect(unknown.status).toBe(404);
    const missing = await h.control("POST", `teams/${teamId}/flags`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.attr).toBe("flags");
  });

  it("reset with the empty seed removes everything", async () => {
    const world = await h.world();
    const res = await h.control("POST", "reset", {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ seed: "empty", demo_key: null });
    const gone = await h.get("/api/organizations/", world.key);
    expect(gone.status).toBe(401);
    const explicit = await h.control("POST", "reset", { seed: "empty" });
    expect(explicit.body).toEqual({ seed: "empty", demo_key: null });
  });

  it("reset with the demo seed returns a key that sees three organizations at levels 15, 8 and 1", async () => {
    const res = await h.control("POST", "reset", { seed: "demo" });
    expect(res.status).toBe(200);
    expect(res.body.seed).toBe("demo");
    expect(res.body.demo_key).toMatch(/^phx_/);
    const orgs = await h.get("/api/organizations/", res.body.demo_key);
    expect(orgs.status).toBe(200);
    expect(orgs.body.count).toBe(3);
    expect(orgs.body.results.map((o: { name: string; membership_level: number }) => [o.name, o.membership_level])).toEqual([
      ["Hedgehog Analytics", 15],
      ["Acme Data Platform", 8],
      ["Northwind Research", 1],
    ]);
    // The demo world has exports with history.
    const first = orgs.body.results[0];
    const exports = await h.get(`/api/projects/${first.teams[0].id}/batch_exports/`, res.body.demo_key);
    expect(exports.status).toBe(200);
    expect(exports.body.count).toBeGreaterThan(0);
    const runs = await h.get(`/api/projects/${first.teams[0].id}/batch_exports/${exports.body.results[0].id}/runs/`, res.body.demo_key);
    expect(runs.status).toBe(200);
    expect(runs.body.results.length).toBeGreaterThan(0);
  });

  it("reset also clears faults and rate-limit history", async () => {
    await h.control("POST", "settings", { rate_limits: { perMinute: 1, perHour: 100 } });
    const world = await h.world();
    expect((await h.get("/api/organizations/", world.key)).status).toBe(200);
    expect((await h.get("/api/organizations/", world.key)).status).toBe(429);
    await h.control("POST", "faults", { latencyMs: 5 });
    await h.control("POST", "reset", {});
    const state = await h.control("GET", "state");
    expect(state.body.faults).toEqual(NO_FAULTS);
    const again = await h.world();
    expect((await h.get("/api/organizations/", again.key)).status).toBe(200);
    await h.control("POST", "settings", { rate_limits: { perMinute: 480, perHour: 4800 } });
  });
});

describe("faults", () => {
  let key: string;
  let teamId: number;

  beforeAll(async () => {
    const world = await h.world();
    key = world.key;
    teamId = world.teamIds[0]!;
  });

  afterEach(async () => {
    const cleared = await h.control("DELETE", "faults");
    expect(cleared.body).toEqual(NO_FAULTS);
  });

  async function timed(run: () => Promise<unknown>): Promise<number> {
    const started = performance.now();
    await run();
    return performance.now() - started;
  }

  it("adds latency to API requests only", async () => {
    const set = await h.control("POST", "faults", { latencyMs: 250 });
    expect(set.body).toEqual({ ...NO_FAULTS, latencyMs: 250 });
    const slow = await timed(() => h.get("/api/organizations/", key));
    expect(slow).toBeGreaterThanOrEqual(245);
    const control = await timed(() => h.control("GET", "state"));
    expect(control).toBeLessThan(200);
    await h.control("DELETE", "faults");
    const fast = await timed(() => h.get("/api/organizations/", key));
    expect(fast).toBeLessThan(200);
  });

  it("answers errors from errorStatuses: 503 is the database-unavailable body with Retry-After: 1", async () => {
    await h.control("POST", "faults", { errorRate: 1, errorStatuses: [503] });
    for (let i = 0; i < 3; i++) {
      const res = await h.get("/api/organizations/", key);
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        type: "server_error",
        code: "database_unavailable",
        detail: "We couldn't reach the database just now. Please try again in a moment.",
        attr: null,
      });
      expect(res.headers.get("retry-after")).toBe("1");
    }
    await h.control("POST", "faults", { errorStatuses: [500] });
    const res = await h.get("/api/organizations/", key);
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ type: "server_error", code: "error", detail: "A server error occurred.", attr: null });
    expect(res.headers.get("retry-after")).toBeNull();
    // The control API is never faulted.
    expect((await h.control("GET", "state")).status).toBe(200);
  });

  it("throttleNext answers that many 429s, then normally", async () => {
    await h.control("POST", "faults", { throttleNext: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await h.get("/api/organizations/", key);
      statuses.push(res.status);
      expect(res.body).toEqual({
        type: "throttled_error",
        code: "throttled",
        detail: "Request was throttled. Expected available in 2 seconds.",
        attr: null,
      });
      expect(res.headers.get("retry-after")).toBeNull();
    }
    statuses.push((await h.get("/api/organizations/", key)).status);
    expect(statuses).toEqual([429, 429, 200]);
    expect((await h.control("GET", "state")).body.faults.throttleNext).toBe(0);
  });

  it("dropRate 1 drops the connection without an answer", async () => {
    await h.control("POST", "faults", { dropRate: 1 });
    await expect(h.get("/api/organizations/", key)).rejects.toThrow(TypeError);
    await h.control("DELETE", "faults");
    expect((await h.get("/api/organizations/", key)).status).toBe(200);
  });

  it("malformedRate 1 answers 200 with a body that is not JSON", async () => {
    await h.control("POST", "faults", { malformedRate: 1 });
    // Straight fetch: the harness would record this deliberately broken body for the contract suite.
    const res = await fetch(`${h.url}/api/organizations/`, { headers: { Authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const text = await res.text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it("pathContains limits the faults to matching paths", async () => {
    await h.control("POST", "faults", { errorRate: 1, errorStatuses: [503], pathContains: "batch_exports" });
    const orgs = await h.get("/api/organizations/", key);
    expect(orgs.status).toBe(200);
    const exports = await h.get(`/api/projects/${teamId}/batch_exports/`, key);
    expect(exports.status).toBe(503);
    expect(exports.body.code).toBe("database_unavailable");
  });

  it("faults come before authentication", async () => {
    await h.control("POST", "faults", { errorRate: 1, errorStatuses: [503] });
    const res = await h.get("/api/organizations/");
    expect(res.status).toBe(503);
  });
});

describe("control: false", () => {
  let closed: Harness;

  beforeAll(async () => {
    closed = await startHarness({ control: false });
  });

  afterAll(async () => {
    await closed.close();
  });

  it("answers 404 on every control path while the API still answers", async () => {
    for (const [method, path] of [
      ["GET", "state"],
      ["POST", "reset"],
      ["POST", "users"],
      ["POST", "clock"],
      ["POST", "faults"],
      ["GET", "nonexistent"],
    ] as const) {
      const res = await closed.control(method, path, method === "POST" ? {} : undefined);
      expect(res.status, path).toBe(404);
      expect(res.body, path).toEqual(NOT_FOUND);
    }
    const api = await closed.get("/api/organizations/");
    expect(api.status).toBe(401);
    expect(api.body.code).toBe("not_authenticated");
  });
});
