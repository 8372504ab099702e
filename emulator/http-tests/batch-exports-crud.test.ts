import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDateTime } from "../http/datetime";
import { insertBatchExport } from "../store/batch-exports";
import { uuidT } from "../store/ids";
import { s3ExportBody, startHarness, type Harness, type World } from "../test-support/http-harness";

/**
 * Batch export CRUD over HTTP (POSTHOG-API.md §1.2, §2.2, §2.3, §3.4, §4): the newest BatchExport shape,
 * both route prefixes, pagination, update merging, secrets, delete and pause/unpause.
 */

/** A BatchExport response body, typed just enough for assertions. */
interface Exported {
  id: string;
  destination: { type: string; integration: number | null; config: Record<string, unknown> };
  [field: string]: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NOT_FOUND = { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null };
const S3_DEFAULTS = {
  compression: null,
  max_file_size_mb: null,
  legacy_parquet_extension: false,
  encryption: null,
  kms_key_id: null,
};

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

function now(): string {
  return formatDateTime(h.running.emulator.clock.now());
}

function storedConfig(id: string): Record<string, unknown> {
  const row = h.running.emulator.db.prepare("SELECT destination_config FROM batch_exports WHERE id = ?").get(id) as {
    destination_config: string;
  };
  return JSON.parse(row.destination_config) as Record<string, unknown>;
}

function storedRow(id: string): Record<string, unknown> {
  return h.running.emulator.db.prepare("SELECT * FROM batch_exports WHERE id = ?").get(id) as Record<string, unknown>;
}

async function integration(world: World, kind: string, config: Record<string, unknown>, teamId = world.teamIds[0]!) {
  const response = await h.post(`/api/environments/${teamId}/integrations/`, { kind, config }, world.key);
  expect(response.status).toBe(201);
  return response.body.id as number;
}

async function createS3(world: World, overrides: Record<string, unknown> = {}, teamId = world.teamIds[0]!) {
  const body = await s3ExportBody(h, world, teamId, overrides);
  const response = await h.post(`/api/projects/${teamId}/batch_exports/`, body, world.key);
  expect(response.status).toBe(201);
  return response.body as Exported;
}

describe("create", () => {
  it("answers 201 with every field of the newest BatchExport shape on the projects route", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const body = await s3ExportBody(h, world);
    const response = await h.post(`/api/projects/${team}/batch_exports/`, body, world.key);

    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(UUID),
      team_id: team,
      name: "S3 export",
      model: "events",
      destination: {
        type: "AwsS3",
        integration: body.destination.integration,
        config: { bucket_name: "bucket", region: "us-east-1", prefix: "posthog/", file_format: "JSONLines", ...S3_DEFAULTS },
      },
      interval: "hour",
      paused: false,
      created_at: now(),
      last_updated_at: now(),
      last_paused_at: null,
      start_at: null,
      end_at: null,
      latest_runs: [],
      hogql_query: null,
      schema: null,
      filters: null,
      timezone: "UTC",
      offset_day: null,
      offset_hour: null,
    });
    expect(response.body.destination).not.toHaveProperty("integration_id");
    expect(response.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$/);
  });

  it("works on the environments alias and without the trailing slash, and reads back the same", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const body = await s3ExportBody(h, world);
    const created = await h.post(`/api/environments/${team}/batch_exports`, body, world.key);
    expect(created.status).toBe(201);
    expect(created.body.team_id).toBe(team);

    const viaProjects = await h.get(`/api/projects/${team}/batch_exports/${created.body.id}`, world.key);
    const viaEnvironments = await h.get(`/api/environments/${team}/batch_exports/${created.body.id}/`, world.key);
    expect(viaProjects.status).toBe(200);
    expect(viaProjects.body).toEqual(created.body);
    expect(viaEnvironments.status).toBe(200);
    expect(viaEnvironments.body).toEqual(created.body);
  });

  it("accepts integration_id as a write-only alias of integration", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const body = await s3ExportBody(h, world);
    const { integration: id, ...destination } = body.destination;
    const response = await h.post(
      `/api/projects/${team}/batch_exports/`,
      { ...body, destination: { ...destination, integration_id: id } },
      world.key,
    );
    expect(response.status).toBe(201);
    expect(response.body.destination).toEqual({
      type: "AwsS3",
      integration: id,
      config: expect.objectContaining({ bucket_name: "bucket" }),
    });
  });

  it("ignores read-only fields sent in the body", async () => {
    const world = await h.world({ projects: ["A", "B"] });
    const [team, other] = world.teamIds as [number, number];
    const body = await s3ExportBody(h, world, team, {
      id: "00000000-0000-4000-8000-000000000000",
      team_id: other,
      created_at: "2020-01-01T00:00:00Z",
      last_updated_at: "2020-01-01T00:00:00Z",
      latest_runs: [{ id: "x", status: "Completed" }],
      schema: { fields: [] },
    });
    const response = await h.post(`/api/projects/${team}/batch_exports/`, body, world.key);
    expect(response.status).toBe(201);
    expect(response.body.id).not.toBe("00000000-0000-4000-8000-000000000000");
    expect(response.body.id).toMatch(UUID);
    expect(response.body.team_id).toBe(team);
    expect(response.body.created_at).toBe(now());
    expect(response.body.last_updated_at).toBe(now());
    expect(response.body.latest_runs).toEqual([]);
    expect(response.body.schema).toBeNull();
    expect(storedRow(response.body.id).team_id).toBe(team);
  });

  it("renders offset_day/offset_hour defaults per interval and stores offsets as seconds", async () => {
    const world = await h.world();
    const daily = await createS3(world, { interval: "day" });
    expect([daily.offset_day, daily.offset_hour]).toEqual([null, 0]);
    const weekly = await createS3(world, { interval: "week" });
    expect([weekly.offset_day, weekly.offset_hour]).toEqual([0, 0]);
    const hourly = await createS3(world, { interval: "hour" });
    expect([hourly.offset_day, hourly.offset_hour]).toEqual([null, null]);

    const weeklyAt = await createS3(world, { interval: "week", offset_day: 3, offset_hour: 5 });
    expect([weeklyAt.offset_day, weeklyAt.offset_hour]).toEqual([3, 5]);
    expect(storedRow(weeklyAt.id).interval_offset).toBe(3 * 86_400 + 5 * 3_600);
    const dailyAt = await createS3(world, { interval: "day", offset_hour: 23, offset_day: null });
    expect([dailyAt.offset_day, dailyAt.offset_hour]).toEqual([null, 23]);
    expect(storedRow(dailyAt.id).interval_offset).toBe(23 * 3_600);
  });

  it("keeps the timezone, accepts pytz aliases, and stores null as UTC", async () => {
    const world = await h.world();
    expect((await createS3(world, { interval: "day", timezone: "Europe/Berlin" })).timezone).toBe("Europe/Berlin");
    expect((await createS3(world, { interval: "day", timezone: "Asia/Kolkata" })).timezone).toBe("Asia/Kolkata");
    expect((await createS3(world, { timezone: "US/Eastern" })).timezone).toBe("US/Eastern");
    expect((await createS3(world, { timezone: null })).timezone).toBe("UTC");
  });

  it("stores writable schedule fields: paused, last_paused_at, start_at, end_at, filters", async () => {
    const world = await h.world();
    const filters = [{ key: "$browser", operator: "exact", type: "event", value: ["Firefox"] }];
    const created = await createS3(world, {
      paused: true,
      last_paused_at: "2026-01-10T08:30:00+02:00",
      start_at: "2026-01-01T00:00:00Z",
      end_at: "2026-02-01T00:00:00.250Z",
      filters,
    });
    expect(created).toMatchObject({
      paused: true,
      last_paused_at: "2026-01-10T06:30:00Z",
      start_at: "2026-01-01T00:00:00Z",
      end_at: "2026-02-01T00:00:00.250000Z",
      filters,
    });
  });

  it("answers 403 to a key with batch_export:read only, which can still list", async () => {
    const owner = await h.world();
    const team = owner.teamIds[0]!;
    const body = await s3ExportBody(h, owner);
    const readerKey = await h.control("POST", "keys", { user_id: owner.userId, scopes: ["batch_export:read"] });
    const response = await h.post(`/api/projects/${team}/batch_exports/`, body, readerKey.body.key);
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      type: "authentication_error",
      code: "permission_denied",
      detail: "API key missing required scope 'batch_export:write'",
      attr: null,
    });
    expect((await h.get(`/api/projects/${team}/batch_exports/`, readerKey.body.key)).status).toBe(200);
  });
});

describe("list", () => {
  it("pages with limit/offset, absolute next/previous, newest first, excluding deleted exports", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await createS3(world, { name: `export ${i}`, paused: true })).id);
      await h.advance(1);
    }
    const deleted = await h.del(`/api/projects/${team}/batch_exports/${ids[2]}/`, world.key);
    expect(deleted.status).toBe(204);
    const newestFirst = [ids[4], ids[3], ids[1], ids[0]];

    const all = await h.get(`/api/projects/${team}/batch_exports/`, world.key);
    expect(all.status).toBe(200);
    expect(all.body.count).toBe(4);
    expect(all.body.next).toBeNull();
    expect(all.body.previous).toBeNull();
    expect(all.body.results.map((r: { id: string }) => r.id)).toEqual(newestFirst);

    const base = `/api/projects/${team}/batch_exports/`;
    const first = await h.get(`${base}?limit=2`, world.key);
    expect(first.body).toMatchObject({ count: 4, next: `${h.url}${base}?limit=2&offset=2`, previous: null });
    expect(first.body.results.map((r: { id: string }) => r.id)).toEqual(newestFirst.slice(0, 2));

    const second = await h.get(`${base}?limit=2&offset=2`, world.key);
    expect(second.body).toMatchObject({ count: 4, next: null, previous: `${h.url}${base}?limit=2` });
    expect(second.body.results.map((r: { id: string }) => r.id)).toEqual(newestFirst.slice(2));

    const middle = await h.get(`/api/environments/${team}/batch_exports?limit=1&offset=2`, world.key);
    expect(middle.body).toMatchObject({
      count: 4,
      next: `${h.url}/api/environments/${team}/batch_exports?limit=1&offset=3`,
      previous: `${h.url}/api/environments/${team}/batch_exports?limit=1&offset=1`,
    });
    expect(middle.body.results.map((r: { id: string }) => r.id)).toEqual([ids[1]]);
  });

  it("lists only the project's own exports", async () => {
    const world = await h.world({ projects: ["A", "B"] });
    const [a, b] = world.teamIds as [number, number];
    const inA = await createS3(world, {}, a);
    const inB = await createS3(world, {}, b);
    const listA = await h.get(`/api/projects/${a}/batch_exports/`, world.key);
    expect(listA.body.results.map((r: { id: string }) => r.id)).toEqual([inA.id]);
    const listB = await h.get(`/api/projects/${b}/batch_exports/`, world.key);
    expect(listB.body.results.map((r: { id: string }) => r.id)).toEqual([inB.id]);
  });

  it("hides Workflows exports from the list only", async () => {
    const world = await h.world({ flags: ["backfill-workflows-destination"] });
    const team = world.teamIds[0]!;
    const workflows = await h.post(
      `/api/projects/${team}/batch_exports/`,
      { name: "Workflows", interval: "hour", destination: { type: "Workflows", config: { hog_function_id: "hf-1" } } },
      world.key,
    );
    expect(workflows.status).toBe(201);
    const visible = await createS3(world);

    const list = await h.get(`/api/projects/${team}/batch_exports/`, world.key);
    expect(list.body.count).toBe(1);
    expect(list.body.results.map((r: { id: string }) => r.id)).toEqual([visible.id]);
    const retrieved = await h.get(`/api/projects/${team}/batch_exports/${workflows.body.id}/`, world.key);
    expect(retrieved.status).toBe(200);
    expect(retrieved.body.destination).toEqual({ type: "Workflows", integration: null, config: { hog_function_id: "hf-1" } });
  });
});

describe("update", () => {
  it("PUT replaces the writable fields and keeps the stored integration", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const created = await createS3(world, { interval: "week", offset_day: 2, offset_hour: 4 });
    await h.advance(30);
    const response = await h.put(
      `/api/projects/${team}/batch_exports/${created.id}/`,
      {
        name: "Renamed",
        interval: "day",
        destination: {
          type: "AwsS3",
          config: { bucket_name: "other", region: "eu-west-1", prefix: "p/", file_format: "Parquet", compression: "zstd" },
        },
      },
      world.key,
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      ...created,
      name: "Renamed",
      interval: "day",
      destination: {
        type: "AwsS3",
        integration: created.destination.integration,
        config: {
          ...S3_DEFAULTS,
          bucket_name: "other",
          region: "eu-west-1",
          prefix: "p/",
          file_format: "Parquet",
          compression: "zstd",
        },
      },
      last_updated_at: now(),
      // PUT without offsets resets them (PostHog stores None, rendered as the daily default).
      offset_day: null,
      offset_hour: 0,
    });
    expect(storedRow(created.id).interval_offset).toBeNull();
    expect(response.body.last_updated_at).not.toBe(created.last_updated_at);
  });

  it("PATCH changes only what is sent, on both prefixes", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const created = await createS3(world, { interval: "day", offset_hour: 6, timezone: "Europe/Paris" });
    await h.advance(5);
    const renamed = await h.patch(`/api/environments/${team}/batch_exports/${created.id}`, { name: "New name" }, world.key);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ ...created, name: "New name", last_updated_at: now() });

    const hourly = await h.patch(
      `/api/projects/${team}/batch_exports/${created.id}/`,
      { interval: "week", offset_hour: 3 },
      world.key,
    );
    expect(hourly.status).toBe(200);
    // A PATCH naming the interval and one offset: the other offset falls back to 0, as PostHog computes it.
    expect([hourly.body.interval, hourly.body.offset_day, hourly.body.offset_hour]).toEqual(["week", 0, 3]);
    expect(hourly.body.timezone).toBe("Europe/Paris");
  });

  it("PATCH of paused stamps last_paused_at", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const created = await createS3(world);
    await h.advance(10);
    const paused = await h.patch(`/api/projects/${team}/batch_exports/${created.id}/`, { paused: true }, world.key);
    expect(paused.status).toBe(200);
    expect(paused.body.paused).toBe(true);
    expect(paused.body.last_paused_at).toBe(now());
  });

  it("PATCH deep-merges destination.config: omitted secrets survive in storage and are never returned", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const pg = await integration(world, "postgresql", { host: "db.example.com", database: "d", user: "u", password: "p" });
    const created = await h.post(
      `/api/projects/${team}/batch_exports/`,
      {
        name: "Postgres",
        interval: "hour",
        destination: {
          type: "Postgres",
          integration: pg,
          config: { database: "analytics", user: "inline-user", password: "inline-password", host: "db.example.com" },
        },
      },
      world.key,
    );
    expect(created.status).toBe(201);
    expect(created.body.destination).toEqual({
      type: "Postgres",
      integration: pg,
      config: {
        database: "analytics",
        schema: "public",
        table_name: "events",
        host: "db.example.com",
        port: 5432,
        has_self_signed_cert: false,
      },
    });
    expect(storedConfig(created.body.id)).toMatchObject({ user: "inline-user", password: "inline-password" });

    const patched = await h.patch(
      `/api/projects/${team}/batch_exports/${created.body.id}/`,
      { destination: { type: "Postgres", config: { table_name: "events_v2", port: "6543" } } },
      world.key,
    );
    expect(patched.status).toBe(200);
    expect(patched.body.destination).toEqual({
      type: "Postgres",
      integration: pg,
      config: { ...created.body.destination.config, table_name: "events_v2", port: 6543 },
    });
    expect(storedConfig(created.body.id)).toEqual({
      database: "analytics",
      schema: "public",
      table_name: "events_v2",
      host: "db.example.com",
      port: 6543,
      has_self_signed_cert: false,
      user: "inline-user",
      password: "inline-password",
    });

    const put = await h.put(
      `/api/projects/${team}/batch_exports/${created.body.id}/`,
      { name: "Postgres", interval: "hour", destination: { type: "Postgres", config: { database: "warehouse" } } },
      world.key,
    );
    expect(put.status).toBe(200);
    expect(put.body.destination.config.database).toBe("warehouse");
    expect(put.body.destination.config).not.toHaveProperty("user");
    expect(storedConfig(created.body.id)).toMatchObject({ user: "inline-user", password: "inline-password", database: "warehouse" });
  });

  it("PATCH merges nested config objects (Redshift copy_inputs) without dropping nested secrets", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const redshift = await integration(world, "aws-redshift", { host: "rs.example.com", database: "d", user: "u", password: "p" });
    const created = await h.post(
      `/api/projects/${team}/batch_exports/`,
      {
        name: "Redshift",
        interval: "hour",
        destination: {
          type: "Redshift",
          integration: redshift,
          config: {
            database: "dev",
            user: "rs-user",
            password: "rs-password",
            host: "rs.example.com",
            mode: "COPY",
            copy_inputs: {
              s3_bucket: "staging",
              region_name: "us-east-1",
              s3_key_prefix: "tmp/",
              authorization: "arn:aws:iam::123:role/Copy",
              bucket_credentials: { aws_access_key_id: "AKIA", aws_secret_access_key: "nested-secret" },
            },
          },
        },
      },
      world.key,
    );
    expect(created.status).toBe(201);
    expect(created.body.destination.config).toEqual({
      database: "dev",
      host: "rs.example.com",
      schema: "public",
      table_name: "events",
      port: 5439,
      properties_data_type: "varchar",
      mode: "COPY",
      copy_inputs: {
        s3_bucket: "staging",
        region_name: "us-east-1",
        s3_key_prefix: "tmp/",
        authorization: "arn:aws:iam::123:role/Copy",
        bucket_credentials: {},
      },
    });

    const patched = await h.patch(
      `/api/projects/${team}/batch_exports/${created.body.id}/`,
      { destination: { type: "Redshift", integration: redshift, config: { copy_inputs: { s3_bucket: "staging-v2" } } } },
      world.key,
    );
    expect(patched.status).toBe(200);
    expect(patched.body.destination.config.copy_inputs).toEqual({
      s3_bucket: "staging-v2",
      region_name: "us-east-1",
      s3_key_prefix: "tmp/",
      authorization: "arn:aws:iam::123:role/Copy",
      bucket_credentials: {},
    });
    expect(storedConfig(created.body.id)).toMatchObject({
      user: "rs-user",
      password: "rs-password",
      copy_inputs: { bucket_credentials: { aws_access_key_id: "AKIA", aws_secret_access_key: "nested-secret" } },
    });
  });
});

describe("secrets are never returned", () => {
  function insertExport(teamId: number, type: string, config: Record<string, unknown>): string {
    const clock = h.running.emulator.clock.now();
    const id = uuidT(clock);
    insertBatchExport(h.running.emulator.db, {
      id,
      team_id: teamId,
      name: `${type} export`,
      model: "events",
      destination_type: type,
      destination_config: JSON.stringify(config),
      integration_id: null,
      interval: "hour",
      paused: 1,
      created_at: clock,
      last_updated_at: clock,
      last_paused_at: null,
      start_at: null,
      end_at: null,
      hogql_query: null,
      filters: null,
      timezone: "UTC",
      interval_offset: null,
      schedule_cursor: clock,
    });
    return id;
  }

  const S3_CONFIG = { bucket_name: "b", region: "us-east-1", prefix: "p/", file_format: "JSONLines" };
  const AWS_KEYS = { aws_access_key_id: "AKIA", aws_secret_access_key: "s" };
  it.each([
    ["S3", { ...S3_CONFIG, ...AWS_KEYS }, S3_CONFIG],
    ["AwsS3", { ...S3_CONFIG, ...AWS_KEYS }, S3_CONFIG],
    ["S3Compatible", { ...S3_CONFIG, ...AWS_KEYS }, S3_CONFIG],
    [
      "Snowflake",
      { account: "acc", user: "snow-user", password: "pw", private_key: "pk", private_key_passphrase: "pp", database: "d", warehouse: "w", schema: "s" },
      { account: "acc", database: "d", warehouse: "w", schema: "s" },
    ],
    ["Postgres", { host: "h.example.com", user: "pg-user", password: "pw", database: "d" }, { host: "h.example.com", database: "d" }],
    [
      "Redshift",
      {
        host: "r.example.com",
        user: "rs-user",
        password: "pw",
        database: "d",
        mode: "COPY",
        copy_inputs: {
          s3_bucket: "b",
          region_name: "us-east-1",
          s3_key_prefix: "tmp/",
          authorization: { aws_access_key_id: "A", aws_secret_access_key: "S" },
          bucket_credentials: { aws_access_key_id: "A", aws_secret_access_key: "S" },
        },
      },
      {
        host: "r.example.com",
        database: "d",
        mode: "COPY",
        copy_inputs: { s3_bucket: "b", region_name: "us-east-1", s3_key_prefix: "tmp/", authorization: {}, bucket_credentials: {} },
      },
    ],
    [
      "BigQuery",
      { dataset_id: "ds", private_key: "pk", private_key_id: "pki", client_email: "sa@x", token_uri: "https://t" },
      { dataset_id: "ds" },
    ],
    ["HTTP", { url: "https://us.i.posthog.com/batch/", token: "phc_secret" }, { url: "https://us.i.posthog.com/batch/" }],
  ])("%s: retrieve and list strip the secret keys (at every depth)", async (type, stored, shown) => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const id = insertExport(team, type, stored);
    const retrieved = await h.get(`/api/projects/${team}/batch_exports/${id}/`, world.key);
    expect(retrieved.status).toBe(200);
    expect(retrieved.body.destination).toEqual({ type, integration: null, config: shown });
    const listed = await h.get(`/api/projects/${team}/batch_exports/`, world.key);
    expect(listed.body.results[0].destination.config).toEqual(shown);
  });

  it("create and update responses strip secrets too (BigQuery, HTTP)", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const gcp = await integration(world, "google-cloud-service-account", {
      project_id: "p",
      client_email: "sa@p.iam.gserviceaccount.com",
      private_key: "-----BEGIN-----",
      private_key_id: "kid",
    });
    const bigquery = await h.post(
      `/api/projects/${team}/batch_exports/`,
      {
        name: "BigQuery",
        interval: "hour",
        destination: {
          type: "BigQuery",
          integration: gcp,
          config: { dataset_id: "ds", project_id: "p", private_key: "k", private_key_id: "i", client_email: "e", token_uri: "t" },
        },
      },
      world.key,
    );
    expect(bigquery.status).toBe(201);
    expect(bigquery.body.destination.config).toEqual({ dataset_id: "ds", table_id: "events", project_id: "p", use_json_type: false });

    const http = await h.post(
      `/api/projects/${team}/batch_exports/`,
      {
        name: "HTTP",
        interval: "hour",
        destination: { type: "HTTP", config: { url: "https://eu.i.posthog.com/batch/", token: "phc_token" } },
      },
      world.key,
    );
    expect(http.status).toBe(201);
    expect(http.body.destination).toEqual({ type: "HTTP", integration: null, config: { url: "https://eu.i.posthog.com/batch/" } });
    const updated = await h.patch(
      `/api/projects/${team}/batch_exports/${http.body.id}/`,
      { destination: { type: "HTTP", config: { url: "https://us.i.posthog.com/batch/" } } },
      world.key,
    );
    expect(updated.status).toBe(200);
    expect(updated.body.destination.config).toEqual({ url: "https://us.i.posthog.com/batch/" });
    expect(storedConfig(http.body.id)).toEqual({ url: "https://us.i.posthog.com/batch/", token: "phc_token" });
  });
});

describe("delete", () => {
  it("answers 204 with no body, then 404 everywhere, and drops it from the list", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const created = await createS3(world);
    const path = `/api/projects/${team}/batch_exports/${created.id}/`;

    const deleted = await h.del(path, world.key);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");

    for (const response of [
      await h.get(path, world.key),
      await h.get(`/api/environments/${team}/batch_exports/${created.id}`, world.key),
      await h.patch(path, { name: "x" }, world.key),
      await h.post(`${path}pause/`, undefined, world.key),
      await h.post(`${path}unpause/`, undefined, world.key),
      await h.del(path, world.key),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
    }
    const list = await h.get(`/api/projects/${team}/batch_exports/`, world.key);
    expect(list.body).toEqual({ count: 0, next: null, previous: null, results: [] });
    // A soft delete: the row stays, marked deleted.
    expect(storedRow(created.id).deleted).toBe(1);
  });
});

describe("pause and unpause", () => {
  it("pause answers {paused: true}, stamps last_paused_at once, and is idempotent", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const created = await createS3(world);
    await h.advance(60);
    const pausedAt = now();
    const first = await h.post(`/api/projects/${team}/batch_exports/${created.id}/pause/`, undefined, world.key);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ paused: true });
    await h.advance(60);
    const again = await h.post(`/api/environments/${team}/batch_exports/${created.id}/pause`, {}, world.key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ paused: true });

    const read = await h.get(`/api/projects/${team}/batch_exports/${created.id}/`, world.key);
    expect(read.body.paused).toBe(true);
    expect(read.body.last_paused_at).toBe(pausedAt);
  });

  it("unpause answers {paused: false} and is idempotent; without backfill it creates none", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const created = await createS3(world, { paused: true });
    const path = `/api/projects/${team}/batch_exports/${created.id}`;
    const response = await h.post(`${path}/unpause/`, undefined, world.key);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ paused: false });
    expect((await h.get(`${path}/`, world.key)).body.paused).toBe(false);
    const again = await h.post(`${path}/unpause/`, { backfill: true }, world.key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ paused: false });
    const backfills = await h.get(`${path}/backfills/`, world.key);
    expect(backfills.body.results).toEqual([]);
  });

  it("unpause with backfill: true backfills from last_paused_at to now", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const created = await createS3(world);
    const path = `/api/projects/${team}/batch_exports/${created.id}`;
    await h.advance(120);
    const pausedAt = now();
    expect((await h.post(`${path}/pause/`, undefined, world.key)).status).toBe(200);
    await h.advance(90);
    const resumedAt = now();
    const response = await h.post(`${path}/unpause/`, { backfill: true }, world.key);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ paused: false });

    const backfills = await h.get(`${path}/backfills/`, world.key);
    expect(backfills.status).toBe(200);
    expect(backfills.body.results).toHaveLength(1);
    expect(backfills.body.results[0]).toMatchObject({
      start_at: pausedAt,
      end_at: resumedAt,
      batch_export: created.id,
      team,
      created_at: resumedAt,
    });
  });

  it("refuses a backfill flag that is not a boolean before looking the export up", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const response = await h.post(
      `/api/projects/${team}/batch_exports/${uuidT(0)}/unpause/`,
      { backfill: "maybe" },
      world.key,
    );
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ type: "validation_error", code: "invalid_input", detail: "Must be a valid boolean.", attr: "backfill" });
  });

  it("pause, unpause and delete of an unknown id answer 404", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const unknown = "0190b7f2-0000-7000-8000-000000000000";
    for (const response of [
      await h.post(`/api/projects/${team}/batch_exports/${unknown}/pause/`, undefined, world.key),
      await h.post(`/api/projects/${team}/batch_exports/${unknown}/unpause/`, undefined, world.key),
      await h.del(`/api/projects/${team}/batch_exports/${unknown}/`, world.key),
      await h.get(`/api/projects/${team}/batch_exports/not-a-uuid/`, world.key),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
    }
  });
});

describe("the environments alias", () => {
  it("serves PUT, pause, unpause, logs and DELETE like the projects route", async () => {
    const world = await h.world();
    const team = world.teamIds[0]!;
    const created = await createS3(world);
    const path = `/api/environments/${team}/batch_exports/${created.id}`;

    const put = await h.put(`${path}/`, { name: "Via env", interval: "day", destination: created.destination }, world.key);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: created.id, name: "Via env", interval: "day", offset_hour: 0 });
    expect((await h.post(`${path}/pause/`, undefined, world.key)).body).toEqual({ paused: true });
    const unpaused = await h.post(`${path}/unpause`, { backfill: false }, world.key);
    expect(unpaused.status).toBe(200);
    expect(unpaused.body).toEqual({ paused: false });
    const logs = await h.get(`${path}/logs/`, world.key);
    expect(logs.status).toBe(200);
    expect(logs.body).toEqual({ count: 0, next: null, previous: null, results: [] });

    const deleted = await h.del(`${path}/`, world.key);
    expect(deleted.status).toBe(204);
    const gone = await h.get(`/api/projects/${team}/batch_exports/${created.id}/`, world.key);
    expect(gone.status).toBe(404);
  });
});

describe("another team of the same organization", () => {
  it("answers 404 for every detail action, and leaves the export untouched", async () => {
    const world = await h.world({ projects: ["A", "B"] });
    const [a, b] = world.teamIds as [number, number];
    const created = await createS3(world, {}, a);
    const path = `/api/projects/${b}/batch_exports/${created.id}`;
    for (const response of [
      await h.get(`${path}/`, world.key),
      await h.put(`${path}/`, { name: "x", interval: "hour", destination: created.destination }, world.key),
      await h.patch(`${path}/`, { name: "x" }, world.key),
      await h.post(`${path}/pause/`, undefined, world.key),
      await h.post(`${path}/unpause/`, undefined, world.key),
      await h.del(`${path}/`, world.key),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body).toEqual(NOT_FOUND);
    }
    const unchanged = await h.get(`/api/projects/${a}/batch_exports/${created.id}/`, world.key);
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toEqual(created);
  });
});
