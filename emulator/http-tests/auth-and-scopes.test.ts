import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness, type World } from "../test-support/http-harness";

/**
 * Authentication and API-key limits over HTTP (POSTHOG-API.md §3.1, §5, §7): where a personal API key
 * is read from, revoked keys, scopes, project- and organization-scoped keys, membership and the
 * organization's personal-API-key policy.
 */
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

const WWW_AUTHENTICATE = /^Bearer resource_metadata="https?:\/\/[^"]+\/\.well-known\/oauth-protected-resource"$/;
const NOT_AUTHENTICATED = {
  type: "authentication_error",
  code: "not_authenticated",
  detail: "Authentication credentials were not provided.",
  attr: null,
};

function invalidKey(source: "Authorization header" | "body" | "query string") {
  return {
    type: "authentication_error",
    code: "authentication_failed",
    detail: `Personal API key found in request ${source} is invalid.`,
    attr: null,
  };
}

function denied(detail: string) {
  return { type: "authentication_error", code: "permission_denied", detail, attr: null };
}

/** A key for an existing user, with the given limits. */
async function keyFor(
  userId: number,
  limits: { scopes?: string[] | null; scoped_teams?: number[]; scoped_organizations?: string[] } = {},
): Promise<{ id: string; key: string }> {
  const res = await h.control("POST", "keys", { user_id: userId, ...limits });
  expect(res.status).toBe(201);
  return { id: res.body.id, key: res.body.key };
}

/** Adds a user to an organization at `level` (creating the user on first use) and gives them a key. */
async function joinAs(
  organizationId: string,
  level: number,
  email = `u-${Math.random().toString(36).slice(2, 10)}@example.com`,
  scopes: string[] | null = null,
): Promise<{ userId: number; key: string }> {
  const user = await h.control("POST", "users", { email, memberships: [{ organization_id: organizationId, level }] });
  expect(user.status).toBe(201);
  const { key } = await keyFor(user.body.id, { scopes });
  return { userId: user.body.id, key };
}

const exportsOf = (teamId: number | string) => `/api/projects/${teamId}/batch_exports/`;
const orgExportsOf = (organizationId: string) => `/api/organizations/${organizationId}/batch_exports/`;

describe("authentication", () => {
  it("answers 401 not_authenticated with WWW-Authenticate when no credentials are sent", async () => {
    const world = await h.world();
    for (const path of ["/api/organizations/", `/api/organizations/${world.organizationId}/`, exportsOf(world.teamIds[0]!), exportsOf(999_999)]) {
      const res = await h.get(path);
      expect(res.status, path).toBe(401);
      expect(res.body, path).toEqual(NOT_AUTHENTICATED);
      expect(res.headers.get("www-authenticate"), path).toMatch(WWW_AUTHENTICATE);
    }
    const created = await h.post("/api/organizations/", { name: "Anonymous" });
    expect(created.status).toBe(401);
    expect(created.body).toEqual(NOT_AUTHENTICATED);
  });

  it("ignores an Authorization header that is not a Bearer token", async () => {
    const world = await h.world();
    const res = await h.request("GET", "/api/organizations/", { headers: { Authorization: `Basic ${world.key}` } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(NOT_AUTHENTICATED);
  });

  it("names where an invalid key was found: Authorization header, body or query string", async () => {
    const header = await h.get("/api/organizations/", "phx_thisKeyDoesNotExist0000000000");
    expect(header.status).toBe(401);
    expect(header.body).toEqual(invalidKey("Authorization header"));
    expect(header.headers.get("www-authenticate")).toMatch(WWW_AUTHENTICATE);

    const body = await h.post("/api/organizations/", { name: "Via body", personal_api_key: "phx_nope" });
    expect(body.status).toBe(401);
    expect(body.body).toEqual(invalidKey("body"));
    expect(body.headers.get("www-authenticate")).toMatch(WWW_AUTHENTICATE);

    const query = await h.get("/api/organizations/?personal_api_key=phx_nope");
    expect(query.status).toBe(401);
    expect(query.body).toEqual(invalidKey("query string"));
  });

  it("accepts a valid key from the body or the query string, and the header wins over both", async () => {
    const world = await h.world({ organization: "Key places" });
    const fromQuery = await h.get(`/api/organizations/?personal_api_key=${world.key}`);
    expect(fromQuery.status).toBe(200);
    expect(fromQuery.body.results.map((o: { id: string }) => o.id)).toEqual([world.organizationId]);

    const fromBody = await h.post("/api/organizations/", { name: "Created via body key", personal_api_key: world.key });
    expect(fromBody.status).toBe(201);
    expect(fromBody.body.membership_level).toBe(15);

    // First found wins: a valid header is used even when the body carries a bad key ...
    const headerWins = await h.request("POST", "/api/organizations/", {
      key: world.key,
      body: { name: "Header wins", personal_api_key: "phx_bad" },
    });
    expect(headerWins.status).toBe(201);
    // ... and a bad header is reported even when the body or query string carries a good one.
    const badHeader = await h.request("POST", `/api/organizations/?personal_api_key=${world.key}`, {
      key: "phx_bad",
      body: { name: "Nope", personal_api_key: world.key },
    });
    expect(badHeader.status).toBe(401);
    expect(badHeader.body).toEqual(invalidKey("Authorization header"));
    // The body is looked at before the query string.
    const bodyBeforeQuery = await h.post(`/api/organizations/?personal_api_key=${world.key}`, { name: "Nope", personal_api_key: "phx_bad" });
    expect(bodyBeforeQuery.status).toBe(401);
    expect(bodyBeforeQuery.body).toEqual(invalidKey("body"));
  });

  it("refuses a key once it is revoked", async () => {
    const world = await h.world();
    const extra = await keyFor(world.userId);
    expect((await h.get("/api/organizations/", extra.key)).status).toBe(200);
    const revoked = await h.control("DELETE", `keys/${extra.id}`);
    expect(revoked.status).toBe(204);
    const res = await h.get("/api/organizations/", extra.key);
    expect(res.status).toBe(401);
    expect(res.body).toEqual(invalidKey("Authorization header"));
    // The user's other keys keep working.
    expect((await h.get("/api/organizations/", world.key)).status).toBe(200);
    const again = await h.control("DELETE", `keys/${extra.id}`);
    expect(again.status).toBe(404);
  });
});

describe("scopes", () => {
  let world: World;
  beforeAll(async () => {
    world = await h.world({ organization: "Scoped" });
  });

  it("organization:read may list and retrieve but not create or update", async () => {
    const { key } = await keyFor(world.userId, { scopes: ["organization:read"] });
    expect((await h.get("/api/organizations/", key)).status).toBe(200);
    expect((await h.get(`/api/organizations/${world.organizationId}/`, key)).status).toBe(200);
    const created = await h.post("/api/organizations/", { name: "Not allowed" }, key);
    expect(created.status).toBe(403);
    expect(created.body).toEqual(denied("API key missing required scope 'organization:write'"));
    const patched = await h.patch(`/api/organizations/${world.organizationId}/`, { name: "Not allowed" }, key);
    expect(patched.status).toBe(403);
    expect(patched.body).toEqual(denied("API key missing required scope 'organization:write'"));
    const deleted = await h.del(`/api/organizations/${world.organizationId}/`, key);
    expect(deleted.body).toEqual(denied("API key missing required scope 'organization:write'"));
    // Scope is checked before the body is validated.
    const invalid = await h.post("/api/organizations/", {}, key);
    expect(invalid.status).toBe(403);
    // Nothing else: batch exports need their own scope.
    const exports = await h.get(exportsOf(world.teamIds[0]!), key);
    expect(exports.status).toBe(403);
    expect(exports.body).toEqual(denied("API key missing required scope 'batch_export:read'"));
  });

  it("organization:write implies organization:read", async () => {
    const { key } = await keyFor(world.userId, { scopes: ["organization:write"] });
    expect((await h.get("/api/organizations/", key)).status).toBe(200);
    expect((await h.get(`/api/organizations/${world.organizationId}`, key)).status).toBe(200);
    const created = await h.post("/api/organizations/", { name: "Write scope" }, key);
    expect(created.status).toBe(201);
  });

  it("batch_export:read may list batch exports but not write them, nor read organizations", async () => {
    const { key } = await keyFor(world.userId, { scopes: ["batch_export:read"] });
    for (const path of [exportsOf(world.teamIds[0]!), orgExportsOf(world.organizationId)]) {
      const res = await h.get(path, key);
      expect(res.status, path).toBe(200);
      expect(res.body, path).toEqual({ count: 0, next: null, previous: null, results: [] });
      const created = await h.post(path, { name: "x" }, key);
      expect(created.status, path).toBe(403);
      expect(created.body, path).toEqual(denied("API key missing required scope 'batch_export:write'"));
    }
    const orgs = await h.get("/api/organizations/", key);
    expect(orgs.status).toBe(403);
    expect(orgs.body).toEqual(denied("API key missing required scope 'organization:read'"));
  });

  it("batch_export:write implies batch_export:read", async () => {
    const { key } = await keyFor(world.userId, { scopes: ["batch_export:write"] });
    expect((await h.get(exportsOf(world.teamIds[0]!), key)).status).toBe(200);
    // Past the scope check: the body is validated.
    const created = await h.post(exportsOf(world.teamIds[0]!), {}, key);
    expect(created.status).toBe(400);
    expect(created.body).toEqual({ type: "validation_error", code: "required", detail: "This field is required.", attr: "name" });
  });

  it.each([
    ["'*'", ["*"]],
    ["null (legacy)", null],
    ["empty (legacy)", []],
  ])("a key with %s scopes has full access", async (_label, scopes) => {
    const { key } = await keyFor(world.userId, { scopes: scopes as string[] | null });
    expect((await h.get("/api/organizations/", key)).status).toBe(200);
    expect((await h.get(exportsOf(world.teamIds[0]!), key)).status).toBe(200);
    expect((await h.get(orgExportsOf(world.organizationId), key)).status).toBe(200);
    expect((await h.patch(`/api/organizations/${world.organizationId}/`, { enforce_2fa: false }, key)).status).toBe(200);
    const created = await h.post("/api/organizations/", { name: `Full access ${String(scopes)}` }, key);
    expect(created.status).toBe(201);
  });
});

describe("keys limited to projects or organizations", () => {
  it("a key with scoped_teams is refused on every organization endpoint", async () => {
    const world = await h.world({ projects: ["One", "Two"] });
    const { key } = await keyFor(world.userId, { scopes: ["*"], scoped_teams: [world.teamIds[0]!] });
    const expected = denied("API keys with scoped projects are only supported on project-based endpoints.");
    for (const [method, path] of [
      ["GET", "/api/organizations/"],
      ["POST", "/api/organizations/"],
      ["GET", `/api/organizations/${world.organizationId}/`],
      ["GET", "/api/organizations/@current/"],
      ["PATCH", `/api/organizations/${world.organizationId}/`],
      ["GET", orgExportsOf(world.organizationId)],
    ] as const) {
      const res = await h.request(method, path, { key, body: method === "GET" ? undefined : { name: "x" } });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body, `${method} ${path}`).toEqual(expected);
    }
  });

  it("a key with scoped_teams reaches its projects only", async () => {
    const world = await h.world({ projects: ["One", "Two"] });
    const [one, two] = world.teamIds as [number, number];
    const { key } = await keyFor(world.userId, { scopes: ["batch_export:read"], scoped_teams: [one] });
    const ok = await h.get(exportsOf(one), key);
    expect(ok.status).toBe(200);
    const other = await h.get(exportsOf(two), key);
    expect(other.status).toBe(403);
    expect(other.body).toEqual(denied(`API key does not have access to the requested project: ID ${two}.`));
    // The environments alias is the same check.
    const alias = await h.get(`/api/environments/${two}/batch_exports/`, key);
    expect(alias.body).toEqual(denied(`API key does not have access to the requested project: ID ${two}.`));
  });

  it("a key with scoped_organizations lists only those and refuses the others", async () => {
    const world = await h.world({ organization: "Inside" });
    const outside = await h.world({ organization: "Outside" });
    // The same user also belongs to the second organization.
    await h.control("POST", "users", { email: world.email, memberships: [{ organization_id: outside.organizationId, level: 15 }] });
    const full = await h.get("/api/organizations/", world.key);
    expect(full.body.count).toBe(2);

    const { key } = await keyFor(world.userId, { scopes: ["*"], scoped_organizations: [world.organizationId] });
    const listed = await h.get("/api/organizations/", key);
    expect(listed.status).toBe(200);
    expect(listed.body.count).toBe(1);
    expect(listed.body.results.map((o: { id: string }) => o.id)).toEqual([world.organizationId]);
    expect((await h.get(`/api/organizations/${world.organizationId}/`, key)).status).toBe(200);

    const expected = denied(`API key does not have access to the requested organization: ID ${outside.organizationId}.`);
    for (const path of [`/api/organizations/${outside.organizationId}/`, orgExportsOf(outside.organizationId), exportsOf(outside.teamIds[0]!)]) {
      const res = await h.get(path, key);
      expect(res.status, path).toBe(403);
      expect(res.body, path).toEqual(expected);
    }
    expect((await h.get(exportsOf(world.teamIds[0]!), key)).status).toBe(200);
  });
});

describe("membership on batch-export routes", () => {
  it("refuses other organizations' routes and answers 404 for unknown projects", async () => {
    const mine = await h.world();
    const theirs = await h.world();
    const org = await h.get(orgExportsOf(theirs.organizationId), mine.key);
    expect(org.status).toBe(403);
    expect(org.body).toEqual(denied("You do not have permission to perform this action."));

    const project = await h.get(exportsOf(theirs.teamIds[0]!), mine.key);
    expect(project.status).toBe(403);
    expect(project.body).toEqual(denied("You don't have access to the project."));

    for (const id of ["999999", "not-a-number"]) {
      const res = await h.get(exportsOf(id), mine.key);
      expect(res.status, id).toBe(404);
      expect(res.body, id).toEqual({ type: "invalid_request", code: "not_found", detail: "Project not found.", attr: null });
    }
  });

  it("@current resolves to the caller's current project", async () => {
    const world = await h.world({ projects: ["First", "Second"] });
    const res = await h.get("/api/projects/@current/batch_exports/", world.key);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 0, next: null, previous: null, results: [] });
  });

  it("lets a plain member (level 1) use batch-export routes", async () => {
    const owner = await h.world();
    const plain = await joinAs(owner.organizationId, 1);
    expect((await h.get(exportsOf(owner.teamIds[0]!), plain.key)).status).toBe(200);
    expect((await h.get(orgExportsOf(owner.organizationId), plain.key)).status).toBe(200);
  });
});

describe("members_can_use_personal_api_keys", () => {
  async function securedOrganization(name: string, features: string[]) {
    const org = await h.control("POST", "organizations", { name, features });
    expect(org.status).toBe(201);
    const organizationId: string = org.body.id;
    const teamId: number = org.body.teams[0].id;
    const owner = await joinAs(organizationId, 15, undefined, ["*"]);
    const admin = await joinAs(organizationId, 8, undefined, ["*"]);
    const plain = await joinAs(organizationId, 1, undefined, ["*"]);
    return { organizationId, teamId, owner, admin, plain };
  }

  it("with organization_security_settings, refuses members below admin once turned off", async () => {
    const org = await securedOrganization("Locked Down Inc", ["organization_security_settings"]);
    // Allowed by default.
    expect((await h.get(exportsOf(org.teamId), org.plain.key)).status).toBe(200);

    const off = await h.patch(`/api/organizations/${org.organizationId}/`, { members_can_use_personal_api_keys: false }, org.owner.key);
    expect(off.status).toBe(200);
    expect(off.body.members_can_use_personal_api_keys).toBe(false);

    const expected = denied(
      "Organization 'Locked Down Inc' does not allow using personal API keys. Contact an admin to enable personal API keys for this organization.",
    );
    for (const path of [exportsOf(org.teamId), orgExportsOf(org.organizationId)]) {
      const res = await h.get(path, org.plain.key);
      expect(res.status, path).toBe(403);
      expect(res.body, path).toEqual(expected);
      expect((await h.get(path, org.admin.key)).status, path).toBe(200);
      expect((await h.get(path, org.owner.key)).status, path).toBe(200);
    }

    const on = await h.patch(`/api/organizations/${org.organizationId}/`, { members_can_use_personal_api_keys: true }, org.admin.key);
    expect(on.status).toBe(200);
    expect((await h.get(exportsOf(org.teamId), org.plain.key)).status).toBe(200);
  });

  it("without the feature, the setting has no effect", async () => {
    const org = await securedOrganization("No Feature Ltd", []);
    const off = await h.patch(`/api/organizations/${org.organizationId}/`, { members_can_use_personal_api_keys: false }, org.owner.key);
    expect(off.status).toBe(200);
    expect((await h.get(exportsOf(org.teamId), org.plain.key)).status).toBe(200);
    expect((await h.get(orgExportsOf(org.organizationId), org.plain.key)).status).toBe(200);
  });
});
