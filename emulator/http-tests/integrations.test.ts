import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDateTime } from "../http/datetime";
import { startHarness, type Harness, type World } from "../test-support/http-harness";

/**
 * `/api/environments/:id/integrations/` and its `/api/projects/` alias: the credential-holding integrations
 * batch exports link to. Secrets stay in `sensitive_config` and never come back; everything is team-scoped
 * and guarded by the `integration:read` / `integration:write` scopes.
 */
const NOT_FOUND = { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null };
const missingScope = (scope: string) => ({
  type: "authentication_error",
  code: "permission_denied",
  detail: `API key missing required scope '${scope}'`,
  attr: null,
});

/** Per kind: what is sent, what the response's config holds, which keys stay secret, and the display name. */
const KINDS: ReadonlyArray<{
  kind: string;
  sent: Record<string, unknown>;
  shown: Record<string, unknown>;
  secret: Record<string, unknown>;
  display: string;
}> = [
  {
    kind: "aws-s3",
    sent: { aws_access_key_id: "AKIA1", aws_secret_access_key: "s3-secret", region: "us-east-1" },
    shown: { aws_access_key_id: "AKIA1", region: "us-east-1" },
    secret: { aws_secret_access_key: "s3-secret" },
    display: "AKIA1",
  },
  {
    kind: "s3-compatible",
    sent: { endpoint_url: "https://r2.example.com", aws_access_key_id: "AKIA2", aws_secret_access_key: "r2-secret" },
    shown: { endpoint_url: "https://r2.example.com", aws_access_key_id: "AKIA2" },
    secret: { aws_secret_access_key: "r2-secret" },
    display: "https://r2.example.com",
  },
  {
    kind: "snowflake",
    sent: {
      account: "acme-xy12345",
      user: "loader",
      role: "LOADER",
      authentication_type: "keypair",
      private_key: "-----BEGIN PRIVATE KEY-----",
      private_key_passphrase: "pp",
    },
    shown: { account: "acme-xy12345", user: "loader", role: "LOADER", authentication_type: "keypair" },
    secret: { private_key: "-----BEGIN PRIVATE KEY-----", private_key_passphrase: "pp" },
    display: "acme-xy12345",
  },
  {
    kind: "postgresql",
    sent: { host: "pg.example.com", port: 5432, database: "analytics", user: "pg", password: "pg-secret", has_self_signed_cert: false },
    shown: { host: "pg.example.com", port: 5432, database: "analytics", user: "pg", has_self_signed_cert: false },
    secret: { password: "pg-secret" },
    display: "pg.example.com",
  },
  {
    kind: "aws-redshift",
    sent: { host: "rs.example.com", port: 5439, database: "dev", user: "rs", password: "rs-secret" },
    shown: { host: "rs.example.com", port: 5439, database: "dev", user: "rs" },
    secret: { password: "rs-secret" },
    display: "rs.example.com",
  },
  {
    kind: "google-cloud-service-account",
    sent: {
      project_id: "my-project",
      client_email: "exporter@my-project.iam.gserviceaccount.com",
      private_key: "-----BEGIN PRIVATE KEY-----",
      private_key_id: "kid-1",
      token_uri: "https://oauth2.googleapis.com/token",
    },
    shown: {
      project_id: "my-project",
      client_email: "exporter@my-project.iam.gserviceaccount.com",
      token_uri: "https://oauth2.googleapis.com/token",
    },
    secret: { private_key: "-----BEGIN PRIVATE KEY-----", private_key_id: "kid-1" },
    display: "exporter@my-project.iam.gserviceaccount.com",
  },
  {
    kind: "databricks",
    sent: { server_hostname: "dbc-1.cloud.databricks.com", client_id: "client", client_secret: "dbx-secret" },
    shown: { server_hostname: "dbc-1.cloud.databricks.com", client_id: "client" },
    secret: { client_secret: "dbx-secret" },
    display: "dbc-1.cloud.databricks.com",
  },
  {
    kind: "azure-blob",
    sent: { connection_string: "DefaultEndpointsProtocol=https;AccountKey=az-secret", storage_account_name: "acct" },
    shown: { storage_account_name: "acct" },
    secret: { connection_string: "DefaultEndpointsProtocol=https;AccountKey=az-secret" },
    display: "acct",
  },
];

let h: Harness;
let world: World;
let team: number;
let userUuid: string;

beforeAll(async () => {
  h = await startHarness();
  world = await h.world();
  team = world.teamIds[0]!;
  const row = h.running.emulator.db.prepare("SELECT uuid FROM users WHERE id = ?").get(world.userId) as { uuid: string };
  userUuid = row.uuid;
});

afterAll(async () => {
  await h.close();
});

function sensitiveConfig(id: number): Record<string, unknown> {
  const row = h.running.emulator.db.prepare("SELECT sensitive_config FROM integrations WHERE id = ?").get(id) as {
    sensitive_config: string;
  };
  return JSON.parse(row.sensitive_config) as Record<string, unknown>;
}

describe("create", () => {
  it.each(KINDS)("$kind: 201 with public config only; secrets kept server-side", async ({ kind, sent, shown, secret, display }) => {
    const response = await h.post(`/api/environments/${team}/integrations/`, { kind, config: sent }, world.key);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(Number),
      kind,
      config: shown,
      created_at: formatDateTime(h.running.emulator.clock.now()),
      created_by: { id: world.userId, uuid: userUuid, distinct_id: userUuid, first_name: "", email: world.email },
      errors: "",
      display_name: display,
    });
    expect(sensitiveConfig(response.body.id)).toEqual(secret);

    const retrieved = await h.get(`/api/projects/${team}/integrations/${response.body.id}/`, world.key);
    expect(retrieved.status).toBe(200);
    expect(retrieved.body).toEqual(response.body);
  });

  it("drops config keys the kind does not know and falls back to the kind as display name", async () => {
    const response = await h.post(
      `/api/projects/${team}/integrations`,
      { kind: "azure-blob", config: { connection_string: "c", foo: "bar" } },
      world.key,
    );
    expect(response.status).toBe(201);
    expect(response.body.config).toEqual({});
    expect(response.body.display_name).toBe("azure-blob");
  });

  it.each([
    ["aws-s3", { aws_access_key_id: "A" }, "Missing required fields: aws_secret_access_key"],
    ["snowflake", {}, "Missing required fields: account, user"],
    ["postgresql", { host: "h", database: "d", user: "", password: "p" }, "Missing required fields: user"],
    ["google-cloud-service-account", { project_id: "p" }, "Missing required fields: client_email, private_key, private_key_id"],
    ["databricks", { server_hostname: "s", client_id: "c" }, "Missing required fields: client_secret"],
  ])("%s without its required fields answers 400", async (kind, config, detail) => {
    const response = await h.post(`/api/environments/${team}/integrations/`, { kind, config }, world.key);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ type: "validation_error", code: "invalid_input", detail, attr: null });
  });

  it("refuses an unknown kind, a missing kind and a config that is not an object", async () => {
    const unknown = await h.post(`/api/environments/${team}/integrations/`, { kind: "not-a-kind", config: {} }, world.key);
    expect(unknown.status).toBe(400);
    expect(unknown.body).toEqual({
      type: "validation_error",
      code: "invalid_choice",
      detail: '"not-a-kind" is not a valid choice.',
      attr: "kind",
    });
    const missing = await h.post(`/api/environments/${team}/integrations/`, { config: {} }, world.key);
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ type: "validation_error", code: "required", detail: "This field is required.", attr: "kind" });
    const notObject = await h.post(`/api/environments/${team}/integrations/`, { kind: "aws-s3", config: ["x"] }, world.key);
    expect(notObject.status).toBe(400);
    expect(notObject.body).toEqual({ type: "validation_error", code: "invalid_input", detail: "Config must be an object.", attr: "config" });
  });
});

describe("list", () => {
  it("lists the team's integrations newest first, filters by kind, pages with limit/offset", async () => {
    const fresh = await h.world();
    const t = fresh.teamIds[0]!;
    const ids: number[] = [];
    for (const { kind, sent } of [KINDS[0]!, KINDS[3]!, KINDS[0]!]) {
      const response = await h.post(`/api/environments/${t}/integrations/`, { kind, config: sent }, fresh.key);
      ids.push(response.body.id as number);
    }
    const all = await h.get(`/api/environments/${t}/integrations/`, fresh.key);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ count: 3, next: null, previous: null });
    expect(all.body.results.map((r: { id: number }) => r.id)).toEqual([...ids].reverse());
    for (const result of all.body.results) {
      expect(Object.keys(result.config)).not.toContain("aws_secret_access_key");
      expect(Object.keys(result.config)).not.toContain("password");
    }

    const s3Only = await h.get(`/api/projects/${t}/integrations/?kind=aws-s3`, fresh.key);
    expect(s3Only.body.count).toBe(2);
    expect(s3Only.body.results.map((r: { id: number }) => r.id)).toEqual([ids[2], ids[0]]);
    const none = await h.get(`/api/projects/${t}/integrations/?kind=snowflake`, fresh.key);
    expect(none.body).toEqual({ count: 0, next: null, previous: null, results: [] });

    const page = await h.get(`/api/projects/${t}/integrations/?kind=aws-s3&limit=1`, fresh.key);
    expect(page.body).toMatchObject({ count: 2, next: `${h.url}/api/projects/${t}/integrations/?kind=aws-s3&limit=1&offset=1`, previous: null });
    expect(page.body.results.map((r: { id: number }) => r.id)).toEqual([ids[2]]);
  });

  it("never shows another team's integrations, even in the same organization", async () => {
    const twoProjects = await h.world({ projects: ["A", "B"] });
    const [a, b] = twoProjects.teamIds as [number, number];
    const inB = await h.post(`/api/environments/${b}/integrations/`, { kind: "aws-s3", config: KINDS[0]!.sent }, twoProjects.key);
    expect(inB.status).toBe(201);

    const listA = await h.get(`/api/environments/${a}/integrations/`, twoProjects.key);
    expect(listA.body).toEqual({ count: 0, next: null, previous: null, results: [] });
    const retrieveViaA = await h.get(`/api/environments/${a}/integrations/${inB.body.id}/`, twoProjects.key);
    expect(retrieveViaA.status).toBe(404);
    expect(retrieveViaA.body).toEqual(NOT_FOUND);

    const outsider = await h.world();
    const foreign = await h.get(`/api/environments/${b}/integrations/`, outsider.key);
    expect(foreign.status).toBe(403);
    expect(foreign.body).toEqual({
      type: "authentication_error",
      code: "permission_denied",
      detail: "You don't have access to the project.",
      attr: null,
    });
  });

  it("answers 404 for an unknown or non-numeric id", async () => {
    for (const id of ["999999", "abc"]) {
      const response = await h.get(`/api/environments/${team}/integrations/${id}/`, world.key);
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
    }
  });
});

describe("scopes", () => {
  it("integration:read lists and retrieves but cannot create", async () => {
    const key = (await h.control("POST", "keys", { user_id: world.userId, scopes: ["integration:read"] })).body.key as string;
    expect((await h.get(`/api/environments/${team}/integrations/`, key)).status).toBe(200);
    const created = await h.post(`/api/environments/${team}/integrations/`, { kind: "aws-s3", config: KINDS[0]!.sent }, key);
    expect(created.status).toBe(403);
    expect(created.body).toEqual(missingScope("integration:write"));
  });

  it("integration:write also reads", async () => {
    const key = (await h.control("POST", "keys", { user_id: world.userId, scopes: ["integration:write"] })).body.key as string;
    const created = await h.post(`/api/environments/${team}/integrations/`, { kind: "aws-s3", config: KINDS[0]!.sent }, key);
    expect(created.status).toBe(201);
    const read = await h.get(`/api/environments/${team}/integrations/${created.body.id}`, key);
    expect(read.status).toBe(200);
  });

  it("batch_export scopes do not reach integrations", async () => {
    const key = (await h.control("POST", "keys", { user_id: world.userId, scopes: ["batch_export:write"] })).body.key as string;
    const listed = await h.get(`/api/environments/${team}/integrations/`, key);
    expect(listed.status).toBe(403);
    expect(listed.body).toEqual(missingScope("integration:read"));
    const created = await h.post(`/api/projects/${team}/integrations/`, { kind: "aws-s3", config: KINDS[0]!.sent }, key);
    expect(created.status).toBe(403);
    expect(created.body).toEqual(missingScope("integration:write"));
  });
});
