import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordResponse } from "../contract/recorder";
import { startHarness, type Harness, type World } from "../test-support/http-harness";

/**
 * `/api/organizations/` over HTTP (POSTHOG-API.md §1.1, §2.1, §3.1, §4, §7): list with limit/offset,
 * create, retrieve (UUID and `@current`), PUT/PATCH, DELETE, and the membership levels they need.
 */
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

const INSUFFICIENT = {
  type: "authentication_error",
  code: "permission_denied",
  detail: "Your organization access level is insufficient.",
  attr: null,
};
const NOT_FOUND = { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null };

function fieldError(code: string, detail: string, attr: string | null) {
  return { type: "validation_error", code, detail, attr };
}

/** A user at `level` in an existing organization, with a full-access key. */
async function member(organizationId: string, level: number): Promise<{ userId: number; key: string }> {
  const email = `member-${level}-${Math.random().toString(36).slice(2, 10)}@example.com`;
  const user = await h.control("POST", "users", { email, memberships: [{ organization_id: organizationId, level }] });
  expect(user.status).toBe(201);
  const key = await h.control("POST", "keys", { user_id: user.body.id });
  expect(key.status).toBe(201);
  return { userId: user.body.id, key: key.body.key };
}

/** Creates organizations through the API, one clock second apart so their order is stable. */
async function createOrganizations(world: World, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    await h.advance(1);
    const created = await h.post("/api/organizations/", { name }, world.key);
    expect(created.status).toBe(201);
    ids.push(created.body.id);
  }
  return ids;
}

/** A GET with a chosen Host header (fetch cannot set one), recorded for the contract suite like the harness does. */
function getWithHost(path: string, host: string, key: string): Promise<{ status: number; body: { next: string | null } }> {
  const target = new URL(h.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: target.hostname, port: target.port, path, method: "GET", headers: { Host: host, Authorization: `Bearer ${key}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
          recordResponse({ method: "GET", path, status: res.statusCode ?? 0, body, profile: h.profile });
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("GET /api/organizations/", () => {
  it("lists only the caller's organizations, with the caller's membership level", async () => {
    const mine = await h.world({ organization: "Mine" });
    const theirs = await h.world({ organization: "Theirs" });
    const res = await h.get("/api/organizations/", mine.key);
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
    expect(res.body.next).toBeNull();
    expect(res.body.previous).toBeNull();
    expect(res.body.results.map((o: { id: string }) => o.id)).toEqual([mine.organizationId]);
    expect(res.body.results[0]).toMatchObject({ name: "Mine", membership_level: 15 });
    const other = await h.get("/api/organizations/", theirs.key);
    expect(other.body.results.map((o: { id: string }) => o.id)).toEqual([theirs.organizationId]);
  });

  it("pages with limit/offset: absolute next/previous from the Host, previous drops offset at 0", async () => {
    const world = await h.world({ organization: "Page 1" });
    const more = await createOrganizations(world, ["Page 2", "Page 3", "Page 4", "Page 5"]);
    const all = [world.organizationId, ...more];
    const base = `${h.url}/api/organizations/`;

    const everything = await h.get("/api/organizations/", world.key);
    expect(everything.body).toMatchObject({ count: 5, next: null, previous: null });
    expect(everything.body.results.map((o: { id: string }) => o.id)).toEqual(all);

    const first = await h.get("/api/organizations/?limit=2", world.key);
    expect(first.status).toBe(200);
    expect(first.body.count).toBe(5);
    expect(first.body.next).toBe(`${base}?limit=2&offset=2`);
    expect(first.body.previous).toBeNull();
    expect(first.body.results.map((o: { id: string }) => o.id)).toEqual(all.slice(0, 2));

    // Following `next` as given works and lands on the middle page.
    const second = await h.get(first.body.next.slice(h.url.length), world.key);
    expect(second.body.count).toBe(5);
    expect(second.body.next).toBe(`${base}?limit=2&offset=4`);
    expect(second.body.previous).toBe(`${base}?limit=2`);
    expect(second.body.results.map((o: { id: string }) => o.id)).toEqual(all.slice(2, 4));

    const last = await h.get("/api/organizations/?limit=2&offset=4", world.key);
    expect(last.body.next).toBeNull();
    expect(last.body.previous).toBe(`${base}?limit=2&offset=2`);
    expect(last.body.results.map((o: { id: string }) => o.id)).toEqual(all.slice(4));

    // An offset smaller than the limit: previous goes to the start, without offset.
    const shifted = await h.get("/api/organizations/?limit=2&offset=1", world.key);
    expect(shifted.body.previous).toBe(`${base}?limit=2`);
    expect(shifted.body.next).toBe(`${base}?limit=2&offset=3`);
    expect(shifted.body.results.map((o: { id: string }) => o.id)).toEqual(all.slice(1, 3));

    // Past the end: an empty page that still counts everything.
    const beyond = await h.get("/api/organizations/?limit=2&offset=10", world.key);
    expect(beyond.body).toEqual({ count: 5, next: null, previous: `${base}?limit=2&offset=8`, results: [] });
  });

  it("keeps other query parameters in the links, sorted as DRF's replace_query_param writes them", async () => {
    const world = await h.world({ organization: "Sorted 1" });
    await createOrganizations(world, ["Sorted 2", "Sorted 3"]);
    const res = await h.get("/api/organizations/?offset=1&limit=1&zeta=z&alpha=a", world.key);
    expect(res.status).toBe(200);
    expect(res.body.next).toBe(`${h.url}/api/organizations/?alpha=a&limit=1&offset=2&zeta=z`);
    expect(res.body.previous).toBe(`${h.url}/api/organizations/?alpha=a&limit=1&zeta=z`);
  });

  it("builds the links from the request's Host header", async () => {
    const world = await h.world({ organization: "Host 1" });
    await createOrganizations(world, ["Host 2"]);
    const res = await getWithHost("/api/organizations/?limit=1", "posthog.example:8443", world.key);
    expect(res.status).toBe(200);
    expect(res.body.next).toBe("http://posthog.example:8443/api/organizations/?limit=1&offset=1");
  });

  it("falls back to the default page of 100 for a missing, zero, negative or non-numeric limit, and has no maximum", async () => {
    const world = await h.world({ organization: "Limits 1" });
    await createOrganizations(world, ["Limits 2", "Limits 3"]);
    for (const query of ["", "?limit=0", "?limit=-3", "?limit=abc", "?limit=100000"]) {
      const res = await h.get(`/api/organizations/${query}`, world.key);
      expect(res.status, query).toBe(200);
      expect(res.body.count, query).toBe(3);
      expect(res.body.results, query).toHaveLength(3);
      expect(res.body.next, query).toBeNull();
    }
    // A non-numeric offset is read as 0.
    const res = await h.get("/api/organizations/?limit=1&offset=xyz", world.key);
    expect(res.body.previous).toBeNull();
    expect(res.body.next).toBe(`${h.url}/api/organizations/?limit=1&offset=1`);
  });

  it("answers without the trailing slash too", async () => {
    const world = await h.world();
    const res = await h.get("/api/organizations", world.key);
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
  });
});

describe("POST /api/organizations/", () => {
  it("creates the organization (201), makes the caller its owner and switches them to it", async () => {
    const world = await h.world({ organization: "Before" });
    const res = await h.post("/api/organizations/", { name: "  Brand new org  " }, world.key);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: "Brand new org",
      membership_level: 15,
      member_count: 1,
      members_can_invite: true,
      members_can_use_personal_api_keys: true,
      allow_publicly_shared_resources: true,
      enforce_2fa: null,
      is_ai_data_processing_approved: null,
      default_experiment_stats_method: "bayesian",
      default_anonymize_ips: false,
      plugins_access_level: 3,
      logo_media_id: null,
    });
    expect(res.body.slug).toMatch(/^[-a-zA-Z0-9_]+$/);
    // A default project comes with it.
    expect(res.body.teams).toHaveLength(1);
    expect(res.body.teams[0]).toMatchObject({ name: "Default project", organization: res.body.id });
    expect(res.body.projects).toHaveLength(1);
    expect(res.body.projects[0]).toMatchObject({ name: "Default project" });

    const current = await h.get("/api/organizations/@current/", world.key);
    expect(current.status).toBe(200);
    expect(current.body.id).toBe(res.body.id);
    const listed = await h.get("/api/organizations/", world.key);
    expect(listed.body.count).toBe(2);
    expect(listed.body.results.map((o: { id: string }) => o.id)).toContain(res.body.id);
    // Its default project is usable straight away, as the caller's current project.
    const exports = await h.get(`/api/projects/${res.body.teams[0].id}/batch_exports/`, world.key);
    expect(exports.status).toBe(200);
    expect(exports.body).toEqual({ count: 0, next: null, previous: null, results: [] });
  });

  it("applies writable settings sent on create", async () => {
    const world = await h.world();
    const res = await h.post(
      "/api/organizations/",
      { name: "Configured", members_can_invite: false, enforce_2fa: "true", default_experiment_stats_method: "frequentist" },
      world.key,
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ members_can_invite: false, enforce_2fa: true, default_experiment_stats_method: "frequentist" });
  });

  it("accepts a name of exactly 64 characters", async () => {
    const world = await h.world();
    const name = "n".repeat(64);
    const res = await h.post("/api/organizations/", { name }, world.key);
    expect(res.status).toBe(201);
    expect(res.body.name).toBe(name);
  });

  it.each([
    ["no body", undefined, fieldError("required", "This field is required.", "name")],
    ["no name", { members_can_invite: true }, fieldError("required", "This field is required.", "name")],
    ["an empty name", { name: "" }, fieldError("blank", "This field may not be blank.", "name")],
    ["a blank name", { name: "   " }, fieldError("blank", "This field may not be blank.", "name")],
    ["a null name", { name: null }, fieldError("null", "This field may not be null.", "name")],
    ["a list as name", { name: ["x"] }, fieldError("invalid_input", "Not a valid string.", "name")],
    ["a 65-character name", { name: "x".repeat(65) }, fieldError("max_length", "Ensure this field has no more than 64 characters.", "name")],
    ["a bad boolean", { name: "Ok", enforce_2fa: "maybe" }, fieldError("invalid_input", "Must be a valid boolean.", "enforce_2fa")],
    [
      "a null non-nullable boolean",
      { name: "Ok", members_can_use_personal_api_keys: null },
      fieldError("null", "This field may not be null.", "members_can_use_personal_api_keys"),
    ],
    ["a number as boolean", { name: "Ok", allow_publicly_shared_resources: 7 }, fieldError("invalid_input", "Must be a valid boolean.", "allow_publicly_shared_resources")],
    [
      "an unknown stats method",
      { name: "Ok", default_experiment_stats_method: "magic" },
      fieldError("invalid_choice", '"magic" is not a valid choice.', "default_experiment_stats_method"),
    ],
    // Only the first error, in serializer field order: `name` comes before the booleans.
    ["several errors", { enforce_2fa: "maybe", name: "" }, fieldError("blank", "This field may not be blank.", "name")],
    ["a list body", [{ name: "x" }], fieldError("invalid_input", "Invalid data. Expected a dictionary, but got list.", null)],
  ])("refuses %s with DRF's first error (400) and creates nothing", async (_label, body, error) => {
    const world = await h.world();
    const res = await h.request("POST", "/api/organizations/", { key: world.key, body });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(error);
    const listed = await h.get("/api/organizations/", world.key);
    expect(listed.body.count).toBe(1);
  });
});

describe("GET /api/organizations/:id/", () => {
  it("retrieves by UUID and by @current, with or without the trailing slash", async () => {
    const world = await h.world({ organization: "Retrieved" });
    const byId = await h.get(`/api/organizations/${world.organizationId}/`, world.key);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: world.organizationId, name: "Retrieved", membership_level: 15 });
    const noSlash = await h.get(`/api/organizations/${world.organizationId}`, world.key);
    expect(noSlash.status).toBe(200);
    expect(noSlash.body).toEqual(byId.body);
    const current = await h.get("/api/organizations/@current/", world.key);
    expect(current.status).toBe(200);
    expect(current.body).toEqual(byId.body);
    const currentNoSlash = await h.get("/api/organizations/@current", world.key);
    expect(currentNoSlash.body).toEqual(byId.body);
  });

  it("answers 404 Not found. to a non-member, for an unknown UUID and for a malformed id", async () => {
    const outsider = await h.world();
    const owner = await h.world();
    for (const id of [owner.organizationId, "0190b7f2-0000-7000-8000-000000000000", "not-a-uuid"]) {
      const res = await h.get(`/api/organizations/${id}/`, outsider.key);
      expect(res.status, id).toBe(404);
      expect(res.body, id).toEqual(NOT_FOUND);
    }
  });

  it("shows each member their own membership level", async () => {
    const owner = await h.world({ organization: "Levels" });
    const admin = await member(owner.organizationId, 8);
    const plain = await member(owner.organizationId, 1);
    const asAdmin = await h.get(`/api/organizations/${owner.organizationId}/`, admin.key);
    expect(asAdmin.body.membership_level).toBe(8);
    const asMember = await h.get(`/api/organizations/${owner.organizationId}/`, plain.key);
    expect(asMember.body.membership_level).toBe(1);
    expect(asMember.body.member_count).toBe(3);
  });

  it("has every field of the newest Organization shape, with the right types", async () => {
    const world = await h.world({ organization: "Shape", projects: ["Alpha", "Beta"] });
    const res = await h.get(`/api/organizations/${world.organizationId}/`, world.key);
    expect(res.status).toBe(200);
    const o = res.body;
    expect(Object.keys(o).sort()).toEqual(
      [
        "id",
        "name",
        "slug",
        "logo_media_id",
        "created_at",
        "updated_at",
        "membership_level",
        "plugins_access_level",
        "teams",
        "projects",
        "available_product_features",
        "is_member_join_email_enabled",
        "metadata",
        "customer_id",
        "enforce_2fa",
        "members_can_invite",
        "members_can_use_personal_api_keys",
        "allow_publicly_shared_resources",
        "member_count",
        "is_ai_data_processing_approved",
        "default_experiment_stats_method",
        "default_anonymize_ips",
        "default_role_id",
        "is_active",
        "is_not_active_reason",
        "is_pending_deletion",
      ].sort(),
    );
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?(Z|[+-]\d{2}:\d{2})$/;
    const boolOrNull = (v: unknown) => v === null || typeof v === "boolean";
    const stringOrNull = (v: unknown) => v === null || typeof v === "string";
    expect(o.id).toMatch(uuid);
    expect(o.id).toBe(world.organizationId);
    expect(o.name).toBe("Shape");
    expect(o.slug).toMatch(/^[-a-zA-Z0-9_]+$/);
    expect(stringOrNull(o.logo_media_id)).toBe(true);
    expect(o.created_at).toMatch(isoDateTime);
    expect(o.updated_at).toMatch(isoDateTime);
    expect([1, 8, 15]).toContain(o.membership_level);
    expect([0, 3, 6, 9]).toContain(o.plugins_access_level);
    expect(Array.isArray(o.teams)).toBe(true);
    expect(o.teams.map((t: { name: string }) => t.name)).toEqual(["Alpha", "Beta"]);
    for (const team of o.teams) {
      expect(Number.isInteger(team.id)).toBe(true);
      expect(team.organization).toBe(world.organizationId);
    }
    expect(o.teams.map((t: { id: number }) => t.id)).toEqual(world.teamIds);
    expect(Array.isArray(o.projects)).toBe(true);
    expect(o.projects.map((p: { name: string }) => p.name)).toEqual(["Alpha", "Beta"]);
    expect(Array.isArray(o.available_product_features)).toBe(true);
    expect(typeof o.is_member_join_email_enabled).toBe("boolean");
    expect(o.metadata !== null && typeof o.metadata === "object" && !Array.isArray(o.metadata)).toBe(true);
    for (const value of Object.values(o.metadata)) expect(typeof value).toBe("string");
    expect(stringOrNull(o.customer_id)).toBe(true);
    expect(boolOrNull(o.enforce_2fa)).toBe(true);
    expect(boolOrNull(o.members_can_invite)).toBe(true);
    expect(typeof o.members_can_use_personal_api_keys).toBe("boolean");
    expect(typeof o.allow_publicly_shared_resources).toBe("boolean");
    expect(o.member_count).toBe(1);
    expect(boolOrNull(o.is_ai_data_processing_approved)).toBe(true);
    expect(["bayesian", "frequentist", "", null]).toContain(o.default_experiment_stats_method);
    expect(typeof o.default_anonymize_ips).toBe("boolean");
    expect(stringOrNull(o.default_role_id)).toBe(true);
    expect(boolOrNull(o.is_active)).toBe(true);
    expect(stringOrNull(o.is_not_active_reason)).toBe(true);
    expect(boolOrNull(o.is_pending_deletion)).toBe(true);
  });
});

describe("PUT and PATCH /api/organizations/:id/", () => {
  it("PATCH changes only what is sent; read-only fields are ignored", async () => {
    const world = await h.world({ organization: "Patched" });
    const before = await h.get(`/api/organizations/${world.organizationId}/`, world.key);
    await h.advance(5);
    const res = await h.patch(
      `/api/organizations/${world.organizationId}/`,
      { enforce_2fa: true, members_can_invite: false, slug: "hijacked", membership_level: 1, member_count: 99, id: "x" },
      world.key,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...before.body,
      enforce_2fa: true,
      members_can_invite: false,
      updated_at: res.body.updated_at,
    });
    expect(Date.parse(res.body.updated_at) - Date.parse(before.body.updated_at)).toBe(5000);
    const again = await h.get(`/api/organizations/${world.organizationId}`, world.key);
    expect(again.body).toEqual(res.body);
  });

  it("PATCH validates what it is sent", async () => {
    const world = await h.world();
    const path = `/api/organizations/${world.organizationId}/`;
    const blank = await h.patch(path, { name: " " }, world.key);
    expect(blank.status).toBe(400);
    expect(blank.body).toEqual(fieldError("blank", "This field may not be blank.", "name"));
    const long = await h.patch(path, { name: "y".repeat(65) }, world.key);
    expect(long.body).toEqual(fieldError("max_length", "Ensure this field has no more than 64 characters.", "name"));
    const bool = await h.patch(path, { default_anonymize_ips: "perhaps" }, world.key);
    expect(bool.body).toEqual(fieldError("invalid_input", "Must be a valid boolean.", "default_anonymize_ips"));
  });

  it("PUT needs the name; with it, it updates", async () => {
    const world = await h.world({ organization: "Put me" });
    const path = `/api/organizations/${world.organizationId}/`;
    const missing = await h.put(path, { enforce_2fa: true }, world.key);
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual(fieldError("required", "This field is required.", "name"));
    const unchanged = await h.get(path, world.key);
    expect(unchanged.body.enforce_2fa).toBeNull();

    const res = await h.put(path, { name: "Renamed", enforce_2fa: false }, world.key);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: world.organizationId, name: "Renamed", enforce_2fa: false });
    const byCurrent = await h.patch("/api/organizations/@current", { name: "Renamed again" }, world.key);
    expect(byCurrent.status).toBe(200);
    expect(byCurrent.body).toMatchObject({ id: world.organizationId, name: "Renamed again" });
  });

  it("needs admin: a member gets 403 before validation, an admin may update", async () => {
    const owner = await h.world({ organization: "Admin only" });
    const path = `/api/organizations/${owner.organizationId}/`;
    const plain = await member(owner.organizationId, 1);
    for (const [method, body] of [
      ["PATCH", { name: "By member" }],
      ["PUT", { name: "By member" }],
      ["PATCH", { name: "" }],
    ] as const) {
      const res = await h.request(method, path, { key: plain.key, body });
      expect(res.status, method).toBe(403);
      expect(res.body, method).toEqual(INSUFFICIENT);
    }
    const admin = await member(owner.organizationId, 8);
    const res = await h.patch(path, { name: "By admin" }, admin.key);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: "By admin", membership_level: 8 });
  });

  it("answers 404 to a non-member", async () => {
    const owner = await h.world();
    const outsider = await h.world();
    const res = await h.patch(`/api/organizations/${owner.organizationId}/`, { name: "Nope" }, outsider.key);
    expect(res.status).toBe(404);
    expect(res.body).toEqual(NOT_FOUND);
  });
});

describe("DELETE /api/organizations/:id/", () => {
  it("needs the owner: admins and members get 403", async () => {
    const owner = await h.world({ organization: "Owned" });
    const path = `/api/organizations/${owner.organizationId}/`;
    for (const level of [1, 8]) {
      const user = await member(owner.organizationId, level);
      const res = await h.del(path, user.key);
      expect(res.status, String(level)).toBe(403);
      expect(res.body, String(level)).toEqual(INSUFFICIENT);
    }
    const still = await h.get(path, owner.key);
    expect(still.status).toBe(200);
  });

  it("answers 204 with no body, then the organization is gone (404) for everyone", async () => {
    const owner = await h.world({ organization: "Doomed" });
    const colleague = await member(owner.organizationId, 8);
    const path = `/api/organizations/${owner.organizationId}/`;
    const res = await h.del(path, owner.key);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    for (const key of [owner.key, colleague.key]) {
      const gone = await h.get(path, key);
      expect(gone.status).toBe(404);
      expect(gone.body).toEqual(NOT_FOUND);
      const listed = await h.get("/api/organizations/", key);
      expect(listed.body).toEqual({ count: 0, next: null, previous: null, results: [] });
    }
    const again = await h.del(path, owner.key);
    expect(again.status).toBe(404);
    expect(again.body).toEqual(NOT_FOUND);
    // Its projects went with it.
    const project = await h.get(`/api/projects/${owner.teamIds[0]}/batch_exports/`, owner.key);
    expect(project.status).toBe(404);
    expect(project.body).toEqual({ ...NOT_FOUND, detail: "Project not found." });
  });

  it("answers 404 to a non-member", async () => {
    const owner = await h.world();
    const outsider = await h.world();
    const res = await h.del(`/api/organizations/${owner.organizationId}/`, outsider.key);
    expect(res.status).toBe(404);
    expect(res.body).toEqual(NOT_FOUND);
  });
});
