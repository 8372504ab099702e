import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness, type ApiResponse, type Harness, type World } from "../test-support/http-harness";

/**
 * Create/update validation of batch exports over HTTP (POSTHOG-API.md §2.2, §2.3, §3.1, §3.2; messages from
 * PostHog's BatchExportSerializer and the emulator's validator). Each error is the whole
 * `{type, code, detail, attr}` body. DRF validates every field in declaration order and reports the first
 * ValidationError, then runs `validate()`; a feature gate's PermissionDenied escapes at once (403).
 */

/** A BatchExport response body, typed just enough for assertions. */
interface Exported {
  id: string;
  destination: { type: string; integration: number | null; config: Record<string, unknown> };
  [field: string]: unknown;
}

const DATETIME_FORMAT =
  "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].";
const S3_DEPRECATED =
  "The 'S3' destination type is deprecated and can no longer be used. Use 'AwsS3' for AWS S3, or 'S3Compatible' for S3-compatible storage.";
const INVALID_HOST = "Invalid host. Enter a hostname or IP address without credentials, scheme, or path.";
const UNREACHABLE_HOST = "Could not reach this host. Check that the hostname is correct and reachable from the internet.";
const HIGH_FREQUENCY = "Higher frequency batch exports are not enabled for this team.";

const invalid = (detail: string, attr: string | null, code = "invalid_input") => ({
  type: "validation_error",
  code,
  detail,
  attr,
});
const required = (attr: string) => invalid("This field is required.", attr, "required");
const forbidden = (detail: string) => ({ type: "authentication_error", code: "permission_denied", detail, attr: null });
const onDestination = (detail: string) => invalid(detail, "destination");
const onConfig = (detail: string) => invalid(detail, "destination__non_field_errors");

interface Integrations {
  s3: number;
  s3Compatible: number;
  snowflake: number;
  postgres: number;
  redshift: number;
  gcp: number;
  databricks: number;
  azure: number;
}

let h: Harness;
let world: World;
let team: number;
let ints: Integrations;

async function makeIntegrations(w: World, teamId = w.teamIds[0]!): Promise<Integrations> {
  const make = async (kind: string, config: Record<string, unknown>) => {
    const response = await h.post(`/api/projects/${teamId}/integrations/`, { kind, config }, w.key);
    expect(response.status).toBe(201);
    return response.body.id as number;
  };
  return {
    s3: await make("aws-s3", { aws_access_key_id: "AKIA", aws_secret_access_key: "s" }),
    s3Compatible: await make("s3-compatible", { endpoint_url: "https://r2.example.com", aws_access_key_id: "A", aws_secret_access_key: "s" }),
    snowflake: await make("snowflake", { account: "acme", user: "u", password: "p" }),
    postgres: await make("postgresql", { host: "db.example.com", database: "d", user: "u", password: "p" }),
    redshift: await make("aws-redshift", { host: "rs.example.com", database: "d", user: "u", password: "p" }),
    gcp: await make("google-cloud-service-account", { project_id: "p", client_email: "e@p", private_key: "k", private_key_id: "i" }),
    databricks: await make("databricks", { server_hostname: "dbc.example.com", client_id: "c", client_secret: "s" }),
    azure: await make("azure-blob", { connection_string: "DefaultEndpointsProtocol=https" }),
  };
}

function s3Destination(config: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    type: "AwsS3",
    integration: ints.s3,
    config: { bucket_name: "bucket", region: "us-east-1", prefix: "events/", ...config },
    ...extra,
  };
}

function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: "Export", interval: "hour", destination: s3Destination(), ...overrides };
}

function create(payload: unknown, w: World = world, teamId = w.teamIds[0]!): Promise<ApiResponse> {
  return h.request("POST", `/api/projects/${teamId}/batch_exports/`, { body: payload, key: w.key });
}

async function created(payload: Record<string, unknown>, w: World = world): Promise<Exported> {
  const response = await create(payload, w);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as Exported;
}

function patch(id: string, payload: unknown, w: World = world): Promise<ApiResponse> {
  return h.patch(`/api/projects/${w.teamIds[0]}/batch_exports/${id}/`, payload, w.key);
}

async function expectError(response: Promise<ApiResponse> | ApiResponse, status: number, error: unknown) {
  const answered = await response;
  expect({ status: answered.status, body: answered.body }).toEqual({ status, body: error });
}

beforeAll(async () => {
  h = await startHarness();
  world = await h.world();
  team = world.teamIds[0]!;
  ints = await makeIntegrations(world);
});

afterAll(async () => {
  await h.close();
});

describe("required fields and field order", () => {
  it.each([
    ["name", required("name")],
    ["destination", required("destination")],
    ["interval", required("interval")],
  ])("a create without %s says the field is required", async (missing, error) => {
    const payload = body();
    delete payload[missing];
    await expectError(create(payload), 400, error);
  });

  it("reports only the first error, in field order", async () => {
    await expectError(create({}), 400, required("name"));
    await expectError(create({ interval: "minute", destination: { type: "Kafka", config: {} } }), 400, required("name"));
    await expectError(
      create({ name: "x", interval: "minute", destination: { type: "Kafka", config: {} } }),
      400,
      invalid('"Kafka" is not a valid choice.', "destination__type", "invalid_choice"),
    );
  });

  it("PUT requires the same fields as create", async () => {
    const exported = await created(body());
    await expectError(
      h.put(`/api/projects/${team}/batch_exports/${exported.id}/`, { name: "x", destination: s3Destination() }, world.key),
      400,
      required("interval"),
    );
  });

  it("refuses null and blank names and bodies that are not objects", async () => {
    await expectError(create(body({ name: null })), 400, invalid("This field may not be null.", "name", "null"));
    await expectError(create(body({ name: "  " })), 400, invalid("This field may not be blank.", "name", "blank"));
    await expectError(create([body()]), 400, invalid("Invalid data. Expected a dictionary, but got list.", null));
  });

  it("refuses a paused value that is not a boolean", async () => {
    await expectError(create(body({ paused: "maybe" })), 400, invalid("Must be a valid boolean.", "paused"));
  });
});

describe("interval", () => {
  it("refuses an unknown interval as a DRF invalid choice", async () => {
    await expectError(create(body({ interval: "minute" })), 400, invalid('"minute" is not a valid choice.', "interval", "invalid_choice"));
    await expectError(create(body({ interval: null })), 400, invalid("This field may not be null.", "interval", "null"));
  });

  it.each(["every 5 minutes", "every 15 minutes"])("answers 403 for %s without the team flag", async (interval) => {
    await expectError(create(body({ interval })), 403, forbidden(HIGH_FREQUENCY));
  });

  it("lets the flag's PermissionDenied win over an earlier field's validation error", async () => {
    await expectError(create({ interval: "every 5 minutes", destination: s3Destination() }), 403, forbidden(HIGH_FREQUENCY));
  });

  it("allows sub-hour intervals with the high-frequency-batch-exports flag, on create and update", async () => {
    const flagged = await h.world({ flags: ["high-frequency-batch-exports"] });
    const flaggedInts = await makeIntegrations(flagged);
    const destination = { ...s3Destination(), integration: flaggedInts.s3 };
    const exported = await created({ name: "Fast", interval: "every 5 minutes", destination }, flagged);
    expect(exported).toMatchObject({ interval: "every 5 minutes", offset_day: null, offset_hour: null });
    const updated = await patch(exported.id, { interval: "every 15 minutes" }, flagged);
    expect(updated.status).toBe(200);
    expect(updated.body.interval).toBe("every 15 minutes");
  });

  it("refuses moving an existing export to a sub-hour interval without the flag", async () => {
    const exported = await created(body());
    await expectError(patch(exported.id, { interval: "every 5 minutes" }), 403, forbidden(HIGH_FREQUENCY));
  });
});

describe("model", () => {
  it("refuses an unknown model", async () => {
    await expectError(create(body({ model: "groups" })), 400, invalid('"groups" is not a valid choice.', "model", "invalid_choice"));
  });

  it("answers 403 for the hogql model without its flag", async () => {
    await expectError(create(body({ model: "hogql" })), 403, forbidden("HogQL batch exports are not enabled for this team."));
  });

  it("requires hogql_query for the hogql model, with the flag", async () => {
    const flagged = await h.world({ flags: ["hogql-batch-exports"] });
    const flaggedInts = await makeIntegrations(flagged);
    const destination = { ...s3Destination(), integration: flaggedInts.s3 };
    await expectError(
      create({ name: "HogQL", interval: "hour", model: "hogql", destination }, flagged),
      400,
      invalid("'hogql_query' is required when 'model' is 'hogql'", "hogql_query"),
    );
    const exported = await created(
      { name: "HogQL", interval: "hour", model: "hogql", destination, hogql_query: "SELECT event FROM events" },
      flagged,
    );
    expect(exported).toMatchObject({ model: "hogql", hogql_query: "SELECT event FROM events", schema: null });
    // A PATCH that leaves the stored query alone is fine; clearing it is not.
    expect((await patch(exported.id, { name: "Renamed" }, flagged)).status).toBe(200);
    await expectError(
      patch(exported.id, { hogql_query: null }, flagged),
      400,
      invalid("'hogql_query' is required when 'model' is 'hogql'", "hogql_query"),
    );
  });

  it("refuses changing the model on update, but accepts re-sending the same one", async () => {
    const exported = await created(body());
    await expectError(
      patch(exported.id, { model: "persons" }),
      400,
      invalid("Changing models is not supported. Create a new batch export instead.", "model"),
    );
    expect((await patch(exported.id, { model: "events" })).status).toBe(200);
    const persons = await created(body({ model: "persons" }));
    await expectError(
      h.put(`/api/projects/${team}/batch_exports/${persons.id}/`, body({ model: "events" }), world.key),
      400,
      invalid("Changing models is not supported. Create a new batch export instead.", "model"),
    );
  });
});

describe("destination type", () => {
  it("refuses an unknown type, a missing type or config, and a destination that is not an object", async () => {
    await expectError(
      create(body({ destination: { type: "Kafka", config: {} } })),
      400,
      invalid('"Kafka" is not a valid choice.', "destination__type", "invalid_choice"),
    );
    await expectError(create(body({ destination: { config: {} } })), 400, required("destination__type"));
    await expectError(create(body({ destination: { type: "AwsS3" } })), 400, required("destination__config"));
    await expectError(create(body({ destination: null })), 400, invalid("This field may not be null.", "destination", "null"));
    await expectError(
      create(body({ destination: "AwsS3" })),
      400,
      invalid("Invalid data. Expected a dictionary, but got str.", "destination__non_field_errors"),
    );
  });

  it("refuses the deprecated S3 type, even with the old inline credentials", async () => {
    await expectError(
      create(body({ destination: { type: "S3", config: { bucket_name: "b", region: "r", prefix: "p", aws_access_key_id: "A" } } })),
      400,
      onDestination(S3_DEPRECATED),
    );
  });

  it("refuses changing the destination type on update", async () => {
    const exported = await created(body());
    await expectError(
      patch(exported.id, { destination: { type: "Postgres", integration: ints.postgres, config: { database: "d" } } }),
      400,
      onDestination(
        "Cannot change destination type from 'AwsS3' to 'Postgres'. Delete this batch export and create a new one with the new destination type.",
      ),
    );
  });

  it("answers 500 to a PATCH whose destination lacks config, as PostHog's validate() indexes it", async () => {
    const exported = await created(body());
    await expectError(patch(exported.id, { destination: { type: "AwsS3" } }), 500, {
      type: "server_error",
      code: "error",
      detail: "A server error occurred.",
      attr: null,
    });
  });

  it("answers 403 for a Workflows destination without the team flag", async () => {
    await expectError(
      create(body({ destination: { type: "Workflows", config: { hog_function_id: "hf" } } })),
      403,
      forbidden("Backfilling Workflows is not enabled for this team."),
    );
  });
});

describe("destination config", () => {
  it("lists unknown fields, sorted, including inline AWS keys that moved to integrations", async () => {
    await expectError(
      create(body({ destination: s3Destination({ foo: 1, aws_secret_access_key: "s", aws_access_key_id: "A" }) })),
      400,
      onConfig("Configuration has unknown field/s: 'aws_access_key_id', 'aws_secret_access_key', 'foo'"),
    );
  });

  it("accepts exclude_events and include_events on any type", async () => {
    const exported = await created(body({ destination: s3Destination({ exclude_events: ["$pageleave"], include_events: [] }) }));
    expect(exported.destination.config).toMatchObject({ exclude_events: ["$pageleave"], include_events: [] });
  });

  it("names the first missing required field on create and PUT, but not on PATCH", async () => {
    await expectError(
      create(body({ destination: { type: "AwsS3", integration: ints.s3, config: { bucket_name: "b" } } })),
      400,
      onConfig("Configuration missing required field: 'region'"),
    );
    await expectError(
      create(body({ destination: { type: "Postgres", integration: ints.postgres, config: { host: "db.example.com" } } })),
      400,
      onConfig("Configuration missing required field: 'database'"),
    );
    const exported = await created(body());
    await expectError(
      h.put(
        `/api/projects/${team}/batch_exports/${exported.id}/`,
        body({ destination: { type: "AwsS3", config: { bucket_name: "b", region: "r" } } }),
        world.key,
      ),
      400,
      onConfig("Configuration missing required field: 'prefix'"),
    );
    const patched = await patch(exported.id, { destination: { type: "AwsS3", config: { prefix: "new/" } } });
    expect(patched.status).toBe(200);
    expect(patched.body.destination.config).toMatchObject({ bucket_name: "bucket", prefix: "new/" });
  });

  it("reports a value of the wrong type with Python's type names, and coerces strings it can", async () => {
    await expectError(
      create(body({ destination: s3Destination({ bucket_name: 123 }) })),
      400,
      onConfig("Configuration has invalid type: got 'int', expected 'str'"),
    );
    await expectError(
      create(
        body({
          destination: { type: "Postgres", integration: ints.postgres, config: { database: "d", has_self_signed_cert: [] } },
        }),
      ),
      400,
      onConfig("Configuration has invalid type: got 'list', expected 'bool'"),
    );
    const coerced = await created(
      body({
        destination: { type: "Redshift", integration: ints.redshift, config: { database: "d", port: "5440", host: "rs.example.com" } },
      }),
    );
    expect(coerced.destination.config.port).toBe(5440);
  });

  it("checks the file format and its compression", async () => {
    await expectError(
      create(body({ destination: s3Destination({ file_format: "CSV" }) })),
      400,
      onDestination("File format CSV is not supported. Supported file formats are ['Parquet', 'JSONLines']"),
    );
    await expectError(
      create(body({ destination: s3Destination({ compression: "zstd" }) })),
      400,
      onDestination("Compression zstd is not supported for file format JSONLines. Supported compressions are ['gzip', 'brotli']"),
    );
    await expectError(
      create(body({ destination: s3Destination({ file_format: "Parquet", compression: "xz" }) })),
      400,
      onDestination(
        "Compression xz is not supported for file format Parquet. Supported compressions are ['zstd', 'lz4', 'snappy', 'gzip', 'brotli']",
      ),
    );
    for (const [fileFormat, compression] of [
      ["JSONLines", "gzip"],
      ["JSONLines", "brotli"],
      ["Parquet", "snappy"],
      ["Parquet", "zstd"],
      ["Parquet", null],
    ]) {
      const exported = await created(body({ destination: s3Destination({ file_format: fileFormat, compression }) }));
      expect(exported.destination.config).toMatchObject({ file_format: fileFormat, compression });
    }
  });

  it("checks the merged file format and compression on update", async () => {
    const exported = await created(body({ destination: s3Destination({ file_format: "Parquet", compression: "zstd" }) }));
    await expectError(
      patch(exported.id, { destination: { type: "AwsS3", config: { file_format: "JSONLines" } } }),
      400,
      onDestination("Compression zstd is not supported for file format JSONLines. Supported compressions are ['gzip', 'brotli']"),
    );
  });

  it("lists blank bucket_name, region and prefix", async () => {
    await expectError(
      create(body({ destination: s3Destination({ bucket_name: "  ", prefix: "" }) })),
      400,
      onDestination("The following inputs are empty: ['bucket_name', 'prefix']"),
    );
  });

  it("refuses legacy_parquet_extension on a new export", async () => {
    await expectError(
      create(body({ destination: s3Destination({ legacy_parquet_extension: true }) })),
      400,
      onDestination(
        "'legacy_parquet_extension' can only stay on for an export that already writes the compression codec into its Parquet file names. It cannot be turned on for a new export, or turned back on once an export moved to the standard '.parquet' extension.",
      ),
    );
  });
});

describe("integrations", () => {
  const configs: Record<string, Record<string, unknown>> = {
    AwsS3: { bucket_name: "b", region: "r", prefix: "p" },
    S3Compatible: { bucket_name: "b", region: "r", prefix: "p" },
    Snowflake: { database: "d", warehouse: "w", schema: "s" },
    Postgres: { database: "d" },
    Redshift: { database: "d", host: "rs.example.com" },
    BigQuery: { dataset_id: "ds" },
    Databricks: { http_path: "/sql", catalog: "c", schema: "s", table_name: "t" },
    AzureBlob: { container_name: "c" },
  };

  it.each([
    ["AwsS3", "Integration is required for AwsS3 batch exports"],
    ["S3Compatible", "Integration is required for S3Compatible batch exports"],
    ["Snowflake", "Integration is required for Snowflake batch exports"],
    ["Postgres", "Integration is required for Postgres batch exports"],
    ["Redshift", "Integration is required for Redshift batch exports"],
    ["BigQuery", "Integration is required for BigQuery batch exports"],
    ["Databricks", "Integration is required for Databricks batch exports"],
    ["AzureBlob", "Integration is required for Azure Blob batch exports"],
  ])("%s needs an integration", async (type, detail) => {
    await expectError(create(body({ destination: { type, config: configs[type] } })), 400, onDestination(detail));
    await expectError(create(body({ destination: { type, integration: null, config: configs[type] } })), 400, onDestination(detail));
  });

  it.each([
    ["AwsS3", "postgres", "Integration provided is not an AWS S3 integration (got kind='postgresql')"],
    ["S3Compatible", "s3", "Integration provided is not an AWS S3 integration (got kind='aws-s3')"],
    ["Snowflake", "s3", "Integration provided is not a Snowflake integration (got kind='aws-s3')"],
    ["Postgres", "redshift", "Integration is not a PostgreSQL integration."],
    ["Redshift", "postgres", "Integration is not a Redshift integration."],
    ["BigQuery", "s3", "Integration is not a Google Cloud service account integration."],
    ["Databricks", "azure", "Integration is not a Databricks integration."],
    ["AzureBlob", "databricks", "Integration is not an Azure Blob integration."],
  ] as const)("%s refuses an integration of the wrong kind", async (type, wrong, detail) => {
    await expectError(create(body({ destination: { type, integration: ints[wrong], config: configs[type] } })), 400, onDestination(detail));
  });

  it.each([
    ["AwsS3", "s3"],
    ["S3Compatible", "s3Compatible"],
    ["Snowflake", "snowflake"],
    ["Postgres", "postgres"],
    ["Redshift", "redshift"],
    ["BigQuery", "gcp"],
    ["Databricks", "databricks"],
    ["AzureBlob", "azure"],
  ] as const)("%s is created with an integration of its kind", async (type, kind) => {
    const exported = await created(body({ destination: { type, integration: ints[kind], config: configs[type] } }));
    expect(exported.destination).toMatchObject({ type, integration: ints[kind] });
  });

  it("cannot use another team's integration, whichever field names it", async () => {
    const other = await h.world();
    const foreign = await makeIntegrations(other);
    await expectError(
      create(body({ destination: s3Destination({}, { integration: foreign.s3 }) })),
      400,
      invalid(`Invalid pk "${foreign.s3}" - object does not exist.`, "destination__integration", "does_not_exist"),
    );
    const { integration: _dropped, ...withoutIntegration } = s3Destination();
    void _dropped;
    await expectError(
      create(body({ destination: { ...withoutIntegration, integration_id: foreign.s3 } })),
      400,
      invalid(`Invalid pk "${foreign.s3}" - object does not exist.`, "destination__integration_id", "does_not_exist"),
    );
    await expectError(
      create(body({ destination: s3Destination({}, { integration: "abc" }) })),
      400,
      invalid("Incorrect type. Expected pk value, received str.", "destination__integration", "incorrect_type"),
    );
  });

  it("cannot use an integration of another project of the same organization", async () => {
    const twoProjects = await h.world({ projects: ["A", "B"] });
    const inB = await makeIntegrations(twoProjects, twoProjects.teamIds[1]);
    await expectError(
      create(body({ destination: s3Destination({}, { integration: inB.s3 }) }), twoProjects),
      400,
      invalid(`Invalid pk "${inB.s3}" - object does not exist.`, "destination__integration", "does_not_exist"),
    );
  });
});

describe("HTTP and Postgres destinations", () => {
  const http = (config: Record<string, unknown>) => ({ type: "HTTP", config: { token: "phc_x", ...config } });

  it("only sends to PostHog's two batch URLs", async () => {
    await expectError(
      create(body({ destination: http({ url: "https://evil.example.com/batch/" }) })),
      400,
      onDestination("Invalid destination URL: https://evil.example.com/batch/"),
    );
    await expectError(create(body({ destination: { type: "HTTP", config: { url: "https://us.i.posthog.com/batch/" } } })), 400, onConfig("Configuration missing required field: 'token'"));
    expect((await create(body({ destination: http({ url: "https://us.i.posthog.com/batch/" }) }))).status).toBe(201);
  });

  it("only supports the events model, as a serializer-wide error", async () => {
    await expectError(
      create(body({ model: "persons", destination: http({ url: "https://eu.i.posthog.com/batch/" }) })),
      400,
      invalid("HTTP batch exports only support the events model", null),
    );
    const persons = await created(body({ model: "persons" }));
    expect(persons.model).toBe("persons");
  });

  it.each([
    ["user:secret@db.example.com", INVALID_HOST],
    ["postgres://db.example.com", INVALID_HOST],
    ["db.example.com:5432", INVALID_HOST],
    ["localhost", UNREACHABLE_HOST],
    ["10.1.2.3", UNREACHABLE_HOST],
    ["169.254.169.254", UNREACHABLE_HOST],
    ["db.internal", UNREACHABLE_HOST],
  ])("checks the Postgres host %s", async (host, detail) => {
    await expectError(
      create(body({ destination: { type: "Postgres", integration: ints.postgres, config: { database: "d", host } } })),
      400,
      onDestination(detail),
    );
  });

  it("accepts a public Postgres host", async () => {
    const exported = await created(
      body({ destination: { type: "Postgres", integration: ints.postgres, config: { database: "d", host: "db.example.com" } } }),
    );
    expect(exported.destination.config.host).toBe("db.example.com");
  });
});

describe("offset_day and offset_hour", () => {
  it.each([
    ["hour", { offset_day: 1 }, invalid("offset_day is not applicable for non-weekly intervals", "offset_day")],
    ["day", { offset_day: 1 }, invalid("offset_day is not applicable for non-weekly intervals", "offset_day")],
    ["hour", { offset_hour: 2 }, invalid("offset_hour is not applicable for non-daily/weekly intervals", "offset_hour")],
    ["week", { offset_day: 7 }, invalid("Ensure this value is less than or equal to 6.", "offset_day", "max_value")],
    ["week", { offset_day: -1 }, invalid("Ensure this value is greater than or equal to 0.", "offset_day", "min_value")],
    ["day", { offset_hour: 24 }, invalid("Ensure this value is less than or equal to 23.", "offset_hour", "max_value")],
    ["week", { offset_hour: -1 }, invalid("Ensure this value is greater than or equal to 0.", "offset_hour", "min_value")],
    ["day", { offset_hour: "noon" }, invalid("A valid integer is required.", "offset_hour")],
  ])("interval %s with %j", async (interval, offsets, error) => {
    await expectError(create(body({ interval, ...offsets })), 400, error);
  });

  it("accepts null offsets on any interval and numeric strings", async () => {
    const hourly = await created(body({ offset_day: null, offset_hour: null }));
    expect([hourly.offset_day, hourly.offset_hour]).toEqual([null, null]);
    const weekly = await created(body({ interval: "week", offset_day: "6", offset_hour: "23" }));
    expect([weekly.offset_day, weekly.offset_hour]).toEqual([6, 23]);
  });

  it("judges offsets on update against the interval sent, else the stored one", async () => {
    const hourly = await created(body());
    await expectError(
      patch(hourly.id, { offset_hour: 3 }),
      400,
      invalid("offset_hour is not applicable for non-daily/weekly intervals", "offset_hour"),
    );
    const daily = await patch(hourly.id, { interval: "day", offset_hour: 3 });
    expect(daily.status).toBe(200);
    expect([daily.body.offset_day, daily.body.offset_hour]).toEqual([null, 3]);
    await expectError(
      patch(hourly.id, { interval: "hour", offset_hour: 3 }),
      400,
      invalid("offset_hour is not applicable for non-daily/weekly intervals", "offset_hour"),
    );
    const weekly = await created(body({ interval: "week", offset_day: 1, offset_hour: 2 }));
    const moved = await patch(weekly.id, { offset_day: 4 });
    expect(moved.status).toBe(200);
    expect([moved.body.offset_day, moved.body.offset_hour]).toEqual([4, 2]);
  });

  it("reports a destination error before an offset error (field order) and an offset error before the HTTP rule", async () => {
    await expectError(
      create(body({ interval: "hour", offset_day: 1, destination: s3Destination({ unknown: 1 }) })),
      400,
      onConfig("Configuration has unknown field/s: 'unknown'"),
    );
    await expectError(
      create(
        body({
          model: "persons",
          interval: "hour",
          offset_hour: 1,
          destination: { type: "HTTP", config: { url: "https://us.i.posthog.com/batch/", token: "t" } },
        }),
      ),
      400,
      invalid("offset_hour is not applicable for non-daily/weekly intervals", "offset_hour"),
    );
  });
});

describe("timezone and datetimes", () => {
  it.each(["Mars/Phobos", "europe/berlin", "", 5])("refuses the timezone %j", async (timezone) => {
    await expectError(
      create(body({ interval: "day", timezone })),
      400,
      invalid(`"${String(timezone)}" is not a valid choice.`, "timezone", "invalid_choice"),
    );
  });

  it.each([
    ["start_at", "yesterday"],
    ["end_at", 1767225600],
    ["last_paused_at", "2026-13-01T00:00:00Z"],
    ["start_at", "2026-01-01T25:00:00Z"],
  ])("refuses %s = %j with DRF's datetime message", async (attr, value) => {
    await expectError(create(body({ [attr]: value })), 400, invalid(DATETIME_FORMAT, attr));
  });

  it("accepts null and offset-bearing datetimes, rendered in UTC", async () => {
    const exported = await created(body({ start_at: "2026-01-01T01:00:00-05:00", end_at: null }));
    expect([exported.start_at, exported.end_at]).toEqual(["2026-01-01T06:00:00Z", null]);
  });
});

describe("filters", () => {
  const dataInterval =
    "'data_interval_start' and 'data_interval_end' are run attributes and not 'filters'. Trigger a backfill if you wish to manually control which periods to batch export.";

  it.each([
    [{ type: "event" }, "'filters' should be an array of filters"],
    ["event", "'filters' should be an array of filters"],
    [["event"], "Each filter must be an object"],
    [[{ key: "$browser", type: "cohort" }], "Each filter must have a 'type' of one of: 'event', 'hogql', 'person'"],
    [[{ key: "$browser" }], "Each filter must have a 'type' of one of: 'event', 'hogql', 'person'"],
    [[{ type: "event", data_interval_start: "2026-01-01" }], dataInterval],
    [[{ data_interval_end: "2026-01-01", type: "nope" }], dataInterval],
  ])("refuses filters %j", async (filters, detail) => {
    await expectError(create(body({ filters })), 400, invalid(detail, "filters"));
  });

  it("accepts event, person and hogql filters, and null", async () => {
    const filters = [
      { key: "$browser", operator: "exact", type: "event", value: ["Firefox"] },
      { key: "email", operator: "is_set", type: "person" },
      { key: "properties.$os = 'Mac'", type: "hogql" },
    ];
    expect((await created(body({ filters }))).filters).toEqual(filters);
    expect((await created(body({ filters: null }))).filters).toBeNull();
  });

  it("only supports filters on the events model", async () => {
    await expectError(
      create(body({ model: "persons", filters: [{ type: "event", key: "x" }] })),
      400,
      invalid("'filters' is only supported for 'events' not 'persons' model", "filters"),
    );
  });
});

describe("hogql_query", () => {
  it("is only for the hogql model on a team that was never grandfathered", async () => {
    await expectError(
      create(body({ hogql_query: "SELECT event FROM events" })),
      400,
      invalid("'hogql_query' is only supported for 'hogql' not 'events' model", "hogql_query"),
    );
    await expectError(
      create(body({ model: "sessions", hogql_query: "SELECT event FROM events" })),
      400,
      invalid("'hogql_query' is only supported for 'hogql' not 'sessions' model", "hogql_query"),
    );
    await expectError(create(body({ hogql_query: "" })), 400, invalid("This field may not be blank.", "hogql_query", "blank"));
    expect((await created(body({ hogql_query: null }))).hogql_query).toBeNull();
  });

  describe("on a grandfathered team (events model)", () => {
    let grandfathered: World;
    let destination: Record<string, unknown>;

    beforeAll(async () => {
      grandfathered = await h.world({ flags: ["batch-export-hogql-events"] });
      destination = { ...s3Destination(), integration: (await makeIntegrations(grandfathered)).s3 };
    });

    it.each([
      ["not a query", "Failed to parse query"],
      ["SELECT event FROM events WHERE (1", "Failed to parse query"],
      ["SELECT event FROM events UNION ALL SELECT event FROM events", "UNIONs are not supported"],
      ["SELECT 1", "Query must SELECT FROM events"],
      ["WITH e AS (SELECT event FROM events) SELECT event FROM e", "CTEs are not supported"],
      ["SELECT event FROM (SELECT event FROM events)", "Subqueries are not supported"],
      ["SELECT id FROM persons", "Query must only SELECT FROM events"],
      ["SELECT e.event FROM events e JOIN persons p ON e.person_id = p.id", "JOINs are not supported"],
      ["SELECT event, (SELECT 1) AS one FROM events", "Subqueries in SELECT expressions are not supported"],
    ])("refuses %j as a non-field error", async (hogql_query, detail) => {
      await expectError(
        create({ name: "Q", interval: "hour", destination, hogql_query }, grandfathered),
        400,
        invalid(detail, null),
      );
    });

    it("accepts a plain SELECT from events and derives the schema", async () => {
      const query = "SELECT event, toString(uuid) AS id, properties.$browser AS browser FROM events";
      const exported = await created({ name: "Q", interval: "hour", destination, hogql_query: query }, grandfathered);
      expect(exported.hogql_query).toBe(query);
      expect(exported.schema).toEqual({
        fields: [
          { expression: "event", alias: "event" },
          { expression: "toString(uuid)", alias: "id" },
          { expression: "properties.$browser", alias: "browser" },
        ],
        values: {},
        hogql_query: query,
      });
    });
  });
});
