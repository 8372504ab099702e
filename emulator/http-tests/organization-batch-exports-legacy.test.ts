import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type Harness, type World } from "../test-support/http-harness";

/**
 * The legacy profile (an older self-hosted PostHog, POSTHOG-API.md §0, §1.2, §1.3, §2.2, §3.3): organization
 * routes create, update and read logs; the deprecated `POST .../backfill/` answers 200 with the Temporal
 * workflow id; inline credentials are accepted and never returned; responses have no `hogql_query`.
 */

/** A BatchExport response body, typed just enough for assertions. */
interface Exported {
  id: string;
  destination: { type: string; integration: number | null; config: Record<string, unknown> };
  [field: string]: unknown;
}

const NOT_FOUND = { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null };
const invalid = (detail: string, attr: string | null = null, code = "invalid_input") => ({
  type: "validation_error",
  code,
  detail,
  attr,
});

let h: Harness;
let world: World;
let other: World;
let teamA: number;
let teamB: number;

beforeAll(async () => {
  h = await startHarness({ profile: "legacy" });
  world = await h.world({ projects: ["A", "B"] });
  [teamA, teamB] = world.teamIds as [number, number];
  other = await h.world();
});

afterAll(async () => {
  await h.close();
});

const org = (path = "") => `/api/organizations/${world.organizationId}/batch_exports/${path}`;

function s3Body(overrides: Record<string, unknown> = {}) {
  return {
    name: "Legacy S3",
    interval: "hour",
    destination: {
      type: "S3",
      config: {
        bucket_name: "bucket",
        region: "us-east-1",
        prefix: "events/",
        aws_access_key_id: "AKIALEGACY",
        aws_secret_access_key: "legacy-secret",
      },
    },
    ...overrides,
  };
}

function storedConfig(id: string): Record<string, unknown> {
  const row = h.running.emulator.db.prepare("SELECT destination_config FROM batch_exports WHERE id = ?").get(id) as {
    destination_config: string;
  };
  return JSON.parse(row.destination_config) as Record<string, unknown>;
}

async function createInProject(teamId: number, overrides: Record<string, unknown> = {}) {
  const response = await h.post(`/api/projects/${teamId}/batch_exports/`, s3Body(overrides), world.key);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as Exported;
}

describe("organization-level writes", () => {
  it("creates in the project named by team_id, without hogql_query in the response", async () => {
    const response = await h.post(org(), { ...s3Body({ name: "In B" }), team_id: teamB }, world.key);
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      team_id: teamB,
      name: "In B",
      model: "events",
      destination: {
        type: "S3",
        integration: null,
        config: {
          bucket_name: "bucket",
          region: "us-east-1",
          prefix: "events/",
          compression: null,
          encryption: null,
          kms_key_id: null,
          endpoint_url: null,
          file_format: "JSONLines",
          max_file_size_mb: null,
          use_virtual_style_addressing: false,
        },
      },
      interval: "hour",
      paused: false,
      created_at: "2026-01-15T12:00:00Z",
      last_updated_at: "2026-01-15T12:00:00Z",
      last_paused_at: null,
      start_at: null,
      end_at: null,
      latest_runs: [],
      schema: null,
      filters: null,
      timezone: "UTC",
      offset_day: null,
      offset_hour: null,
    });
    expect(response.body).not.toHaveProperty("hogql_query");
    expect(storedConfig(response.body.id)).toMatchObject({
      aws_access_key_id: "AKIALEGACY",
      aws_secret_access_key: "legacy-secret",
    });
    const inB = await h.get(`/api/projects/${teamB}/batch_exports/`, world.key);
    expect(inB.body.results.map((r: { id: string }) => r.id)).toContain(response.body.id);
  });

  it("creates in the user's current project when team_id is absent", async () => {
    const response = await h.post(org(), s3Body({ name: "Current" }), world.key);
    expect(response.status).toBe(201);
    expect(response.body.team_id).toBe(teamA);
  });

  it("refuses a team_id outside the organization", async () => {
    const response = await h.post(org(), { ...s3Body(), team_id: other.teamIds[0] }, world.key);
    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      invalid(`Invalid pk "${other.teamIds[0]}" - object does not exist.`, "team_id", "does_not_exist"),
    );
  });

  it("updates with PUT and PATCH, deep-merging config so inline secrets survive", async () => {
    const exported = await createInProject(teamB);
    const patched = await h.patch(
      org(`${exported.id}/`),
      { name: "Patched", destination: { type: "S3", config: { prefix: "v2/" } } },
      world.key,
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: "Patched", team_id: teamB });
    expect(patched.body.destination.config).toEqual({ ...exported.destination.config, prefix: "v2/" });
    expect(patched.body).not.toHaveProperty("hogql_query");

    const put = await h.put(
      org(`${exported.id}`),
      {
        name: "Put",
        interval: "day",
        destination: { type: "S3", config: { bucket_name: "b2", region: "eu-west-1", prefix: "v3/" } },
      },
      world.key,
    );
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: "Put", interval: "day", offset_hour: 0, offset_day: null });
    expect(put.body.destination.config).toEqual({
      ...exported.destination.config,
      bucket_name: "b2",
      region: "eu-west-1",
      prefix: "v3/",
    });
    expect(storedConfig(exported.id)).toMatchObject({ aws_access_key_id: "AKIALEGACY", aws_secret_access_key: "legacy-secret" });
  });

  it("serves logs on the organization route as on the project route", async () => {
    const exported = await createInProject(teamA, { paused: true });
    const insert = h.running.emulator.db.prepare(
      "INSERT INTO log_entries (team_id, log_source_id, instance_id, timestamp, level, message) VALUES (?, ?, ?, ?, ?, ?)",
    );
    insert.run(teamA, exported.id, "run-1", Date.UTC(2026, 0, 15, 10), "INFO", "Batch export started");
    insert.run(teamA, exported.id, "run-1", Date.UTC(2026, 0, 15, 11), "ERROR", "Batch export failed");
    const expected = {
      count: 2,
      next: null,
      previous: null,
      results: [
        { log_source_id: exported.id, instance_id: "run-1", timestamp: "2026-01-15T11:00:00Z", level: "ERROR", message: "Batch export failed" },
        { log_source_id: exported.id, instance_id: "run-1", timestamp: "2026-01-15T10:00:00Z", level: "INFO", message: "Batch export started" },
      ],
    };
    const viaOrganization = await h.get(org(`${exported.id}/logs/`), world.key);
    expect(viaOrganization.status).toBe(200);
    expect(viaOrganization.body).toEqual(expected);
    const viaProject = await h.get(`/api/projects/${teamA}/batch_exports/${exported.id}/logs/`, world.key);
    expect(viaProject.body).toEqual(expected);
    const errorsOnly = await h.get(org(`${exported.id}/logs/?level=error`), world.key);
    expect(errorsOnly.body.results.map((r: { message: string }) => r.message)).toEqual(["Batch export failed"]);
  });

  it("reads, pauses and deletes through the organization route too", async () => {
    const exported = await createInProject(teamB);
    const read = await h.get(org(`${exported.id}/`), world.key);
    expect(read.status).toBe(200);
    expect(read.body).not.toHaveProperty("hogql_query");
    expect((await h.post(org(`${exported.id}/pause/`), undefined, world.key)).body).toEqual({ paused: true });
    expect((await h.post(org(`${exported.id}/unpause/`), undefined, world.key)).body).toEqual({ paused: false });
    expect((await h.del(org(`${exported.id}/`), world.key)).status).toBe(204);
    const gone = await h.get(org(`${exported.id}/`), world.key);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(NOT_FOUND);
  });
});

describe("inline credentials", () => {
  it("accepts Postgres and Snowflake credentials inline and never returns user or password", async () => {
    const postgres = await h.post(
      `/api/projects/${teamA}/batch_exports/`,
      {
        name: "PG",
        interval: "hour",
        destination: {
          type: "Postgres",
          config: { user: "pg-user", password: "pg-pass", host: "db.example.com", database: "d" },
        },
      },
      world.key,
    );
    expect(postgres.status).toBe(201);
    expect(postgres.body.destination).toEqual({
      type: "Postgres",
      integration: null,
      config: { host: "db.example.com", database: "d", schema: "public", table_name: "events", port: 5432, has_self_signed_cert: false },
    });
    const patched = await h.patch(
      `/api/projects/${teamA}/batch_exports/${postgres.body.id}/`,
      { destination: { type: "Postgres", config: { port: 6432 } } },
      world.key,
    );
    expect(patched.status).toBe(200);
    expect(patched.body.destination.config.port).toBe(6432);
    expect(patched.body.destination.config).not.toHaveProperty("password");
    expect(storedConfig(postgres.body.id)).toMatchObject({ user: "pg-user", password: "pg-pass", port: 6432 });

    const snowflake = await h.post(
      `/api/projects/${teamA}/batch_exports/`,
      {
        name: "Snow",
        interval: "hour",
        destination: {
          type: "Snowflake",
          config: { account: "acme", user: "snow-user", password: "p", database: "d", warehouse: "w", schema: "s" },
        },
      },
      world.key,
    );
    expect(snowflake.status).toBe(201);
    expect(snowflake.body.destination.config).toEqual({
      account: "acme",
      database: "d",
      warehouse: "w",
      schema: "s",
      table_name: "events",
      authentication_type: "password",
      role: null,
    });
  });

  it("still requires the old credential fields", async () => {
    const response = await h.post(
      `/api/projects/${teamA}/batch_exports/`,
      { name: "PG", interval: "hour", destination: { type: "Postgres", config: { host: "db.example.com", database: "d" } } },
      world.key,
    );
    expect(response.status).toBe(400);
    expect(response.body).toEqual(invalid("Configuration missing required field: 'user'", "destination__non_field_errors"));
  });
});

describe("the deprecated backfill action", () => {
  it.each([
    ["project", (id: string) => `/api/projects/${teamA}/batch_exports/${id}/backfill/`],
    ["environment", (id: string) => `/api/environments/${teamA}/batch_exports/${id}/backfill`],
    ["organization", (id: string) => org(`${id}/backfill/`)],
  ])("answers 200 with the Temporal workflow id on the %s route", async (_route, path) => {
    const exported = await createInProject(teamA, { paused: true });
    const response = await h.post(
      path(exported.id),
      { start_at: "2026-01-10T02:00:00+02:00", end_at: "2026-01-11T00:00:00Z" },
      world.key,
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      backfill_id: `${exported.id}-Backfill-2026-01-10T00:00:00+00:00-2026-01-11T00:00:00+00:00`,
    });
    const backfills = await h.get(`/api/projects/${teamA}/batch_exports/${exported.id}/backfills/`, world.key);
    expect(backfills.body.results).toHaveLength(1);
    expect(backfills.body.results[0]).toMatchObject({ start_at: "2026-01-10T00:00:00Z", end_at: "2026-01-11T00:00:00Z" });
  });

  it("expects tz-aware datetimes even for daily exports", async () => {
    const daily = await createInProject(teamA, { interval: "day", paused: true });
    const path = `/api/projects/${teamA}/batch_exports/${daily.id}/backfill/`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ start_at: "2026-01-10T00:00:00", end_at: "2026-01-11T00:00:00Z" }, "Input 2026-01-10T00:00:00 is naive."],
      [{ start_at: "2026-01-10", end_at: "2026-01-11T00:00:00Z" }, "Input 2026-01-10 is naive."],
      [{ start_at: "yesterday", end_at: "2026-01-11T00:00:00Z" }, "Input yesterday is not a valid ISO formatted datetime."],
      [
        { start_at: "2026-01-11T00:00:00Z", end_at: "2026-01-10T00:00:00Z" },
        "The initial backfill datetime 'start_at' happens after 'end_at'",
      ],
      [
        { start_at: "2026-01-10T00:00:00Z", end_at: "2026-01-10T00:00:00Z" },
        "The initial backfill datetime 'start_at' happens after 'end_at'",
      ],
      [
        { start_at: "2026-01-10T00:00:00Z", end_at: "2026-02-01T00:00:00Z" },
        "The provided 'end_at' (2026-02-01T00:00:00+00:00) is in the future",
      ],
    ];
    for (const [payload, detail] of cases) {
      const response = await h.post(path, payload, world.key);
      expect({ status: response.status, body: response.body }).toEqual({ status: 400, body: invalid(detail) });
    }
    const ok = await h.post(path, { start_at: "2026-01-10T00:00:00Z", end_at: "2026-01-12T00:00:00Z" }, world.key);
    expect(ok.status).toBe(200);
    expect(ok.body.backfill_id).toBe(`${daily.id}-Backfill-2026-01-10T00:00:00+00:00-2026-01-12T00:00:00+00:00`);
  });

  it("answers 404 for an export of another project or organization", async () => {
    const inB = await createInProject(teamB, { paused: true });
    const payload = { start_at: "2026-01-10T00:00:00Z", end_at: "2026-01-11T00:00:00Z" };
    const wrongProject = await h.post(`/api/projects/${teamA}/batch_exports/${inB.id}/backfill/`, payload, world.key);
    expect(wrongProject.status).toBe(404);
    expect(wrongProject.body).toEqual(NOT_FOUND);
    const wrongOrganization = await h.post(
      `/api/organizations/${other.organizationId}/batch_exports/${inB.id}/backfill/`,
      payload,
      other.key,
    );
    expect(wrongOrganization.status).toBe(404);
    expect(wrongOrganization.body).toEqual(NOT_FOUND);
  });
});
