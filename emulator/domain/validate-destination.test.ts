import { describe, expect, it } from "vitest";

import { ApiError, type ErrorBody } from "../http/api-error";
import { DESTINATION_TYPES, secretFieldsFor, stripSecrets } from "./destinations";
import {
  type DestinationContext,
  type ExistingDestination,
  type IntegrationRef,
  validateDestination,
} from "./validate-destination";

const INTEGRATIONS: readonly IntegrationRef[] = [
  { id: 1, kind: "aws-s3" },
  { id: 2, kind: "s3-compatible" },
  { id: 3, kind: "snowflake" },
  { id: 4, kind: "postgresql" },
  { id: 5, kind: "aws-redshift" },
  { id: 6, kind: "google-cloud-service-account" },
  { id: 7, kind: "databricks" },
  { id: 8, kind: "azure-blob" },
  { id: 9, kind: "aws-redshift", config: { region: "us-east-1" } },
  { id: 10, kind: "snowflake", config: { account: "acme", authentication_type: "password" } },
  { id: 11, kind: "postgresql", config: { host: "localhost" } },
];

function context(overrides: Partial<DestinationContext> = {}): DestinationContext {
  return {
    partial: false,
    existing: null,
    model: "events",
    findIntegration: (id) => INTEGRATIONS.find((integration) => integration.id === id) ?? null,
    legacyProfile: false,
    ...overrides,
  };
}

function update(existing: ExistingDestination, overrides: Partial<DestinationContext> = {}): DestinationContext {
  return context({ existing, partial: true, ...overrides });
}

function failure(input: unknown, ctx: DestinationContext = context()): { status: number; body: ErrorBody } {
  try {
    validateDestination(input, ctx);
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, body: error.body };
    throw error;
  }
  throw new Error("expected validateDestination to throw an ApiError");
}

const invalid = (detail: string, attr: string | null = "destination", code = "invalid_input") => ({
  status: 400,
  body: { type: "validation_error", code, detail, attr },
});
const configInvalid = (detail: string) => invalid(detail, "destination__non_field_errors");

const S3_CONFIG = { bucket_name: "bucket", region: "us-east-1", prefix: "events/" };
const awsS3 = (config: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  type: "AwsS3",
  integration: 1,
  config: { ...S3_CONFIG, ...config },
  ...extra,
});

describe("destination field checks", () => {
  it("requires the destination", () => {
    expect(failure(undefined)).toEqual(invalid("This field is required.", "destination", "required"));
  });

  it("refuses a null destination", () => {
    expect(failure(null)).toEqual(invalid("This field may not be null.", "destination", "null"));
  });

  it("refuses a destination that is not an object, naming the Python type", () => {
    expect(failure(["AwsS3"])).toEqual(
      invalid("Invalid data. Expected a dictionary, but got list.", "destination__non_field_errors"),
    );
  });

  it("requires type and config on create", () => {
    expect(failure({ config: S3_CONFIG })).toEqual(
      invalid("This field is required.", "destination__type", "required"),
    );
    expect(failure({ type: "AwsS3", integration: 1 })).toEqual(
      invalid("This field is required.", "destination__config", "required"),
    );
  });

  it("refuses null type and config", () => {
    expect(failure({ type: null, config: {} })).toEqual(
      invalid("This field may not be null.", "destination__type", "null"),
    );
    expect(failure({ type: "NoOp", config: null })).toEqual(
      invalid("This field may not be null.", "destination__config", "null"),
    );
  });

  it("reports an unknown type as a DRF invalid choice", () => {
    expect(failure({ type: "Kafka", config: {} })).toEqual(
      invalid('"Kafka" is not a valid choice.', "destination__type", "invalid_choice"),
    );
    expect(failure({ type: true, config: {} })).toEqual(
      invalid('"True" is not a valid choice.', "destination__type", "invalid_choice"),
    );
  });

  it("answers 500 when a PATCH leaves out type or config, as PostHog's validate() indexes both", () => {
    const existing = { type: "NoOp", config: { arg: "" }, integrationId: null };
    expect(failure({ config: { arg: "x" } }, update(existing))).toEqual({
      status: 500,
      body: { type: "server_error", code: "error", detail: "A server error occurred.", attr: null },
    });
  });

  it("reports an integration outside the team as a DRF does_not_exist on the field sent", () => {
    expect(failure(awsS3({}, { integration: 99 }))).toEqual(
      invalid('Invalid pk "99" - object does not exist.', "destination__integration", "does_not_exist"),
    );
    expect(failure(awsS3({}, { integration: undefined, integration_id: "42" }))).toEqual(
      invalid('Invalid pk "42" - object does not exist.', "destination__integration_id", "does_not_exist"),
    );
  });

  it("reports a non-pk integration value as incorrect_type", () => {
    expect(failure(awsS3({}, { integration: true }))).toEqual(
      invalid("Incorrect type. Expected pk value, received bool.", "destination__integration", "incorrect_type"),
    );
    expect(failure(awsS3({}, { integration: "abc" }))).toEqual(
      invalid("Incorrect type. Expected pk value, received str.", "destination__integration", "incorrect_type"),
    );
  });

  it("reports the type error before an integration error, in field order", () => {
    expect(failure({ type: "Nope", config: {}, integration: 99 }).body.attr).toBe("destination__type");
  });

  it("lets integration_id win over integration when both are sent", () => {
    const result = validateDestination(
      { type: "S3Compatible", config: S3_CONFIG, integration: 1, integration_id: 2 },
      context(),
    );
    expect(result.integrationId).toBe(2);
  });

  it("accepts a numeric string as an integration pk", () => {
    expect(validateDestination(awsS3({}, { integration: "1" }), context()).integrationId).toBe(1);
  });
});

describe("legacy S3 type on current PostHog", () => {
  it("refuses writes with the deprecation message", () => {
    expect(failure({ type: "S3", config: { ...S3_CONFIG, aws_access_key_id: "k" } })).toEqual(
      invalid(
        "The 'S3' destination type is deprecated and can no longer be used. " +
          "Use 'AwsS3' for AWS S3, or 'S3Compatible' for S3-compatible storage.",
      ),
    );
  });

  it("refuses it on update of an existing S3 export too", () => {
    const existing = { type: "S3", config: S3_CONFIG, integrationId: null };
    expect(failure({ type: "S3", config: { prefix: "x/" } }, update(existing)).body.detail).toMatch(/deprecated/);
  });
});

describe("config against the workflow dataclass", () => {
  it("lists unknown fields sorted, including inline AWS keys that moved to integrations", () => {
    expect(failure(awsS3({ zeta: 1, aws_secret_access_key: "s", aws_access_key_id: "k" }))).toEqual(
      configInvalid("Configuration has unknown field/s: 'aws_access_key_id', 'aws_secret_access_key', 'zeta'"),
    );
  });

  it("accepts the base keys exclude_events and include_events for any type", () => {
    const result = validateDestination(
      { type: "NoOp", config: { exclude_events: ["$pageleave"], include_events: ["$pageview"] } },
      context(),
    );
    expect(result.config).toEqual({ exclude_events: ["$pageleave"], include_events: ["$pageview"], arg: "" });
  });

  it("names the missing required field on create", () => {
    expect(failure(awsS3({ region: undefined }, { config: { bucket_name: "b", prefix: "p" } }))).toEqual(
      configInvalid("Configuration missing required field: 'region'"),
    );
  });

  it("allows missing required fields on PATCH and merges them from the stored config", () => {
    const existing = { type: "AwsS3", config: { ...S3_CONFIG, file_format: "JSONLines" }, integrationId: 1 };
    const result = validateDestination({ type: "AwsS3", config: { prefix: "new/" } }, update(existing));
    expect(result.config).toMatchObject({ bucket_name: "bucket", region: "us-east-1", prefix: "new/" });
  });

  it("still requires every required field on PUT of an existing export", () => {
    const existing = { type: "AwsS3", config: S3_CONFIG, integrationId: 1 };
    expect(failure({ type: "AwsS3", config: { prefix: "new/" } }, update(existing, { partial: false }))).toEqual(
      configInvalid("Configuration missing required field: 'bucket_name'"),
    );
  });

  it("coerces strings to declared ints and bools the way Python does", () => {
    const result = validateDestination(
      { type: "Redshift", integration: 5, config: { database: "db", host: "rs.example.com", port: " 5_440 " } },
      context(),
    );
    expect(result.config["port"]).toBe(5440);

    const bigQuery = (value: string) =>
      validateDestination(
        { type: "BigQuery", integration: 6, config: { dataset_id: "d", use_json_type: value } },
        context(),
      ).config["use_json_type"];
    expect(bigQuery("Yes")).toBe(true);
    expect(bigQuery("nope")).toBe(false);
  });

  it("reports a value it cannot coerce with Python type names", () => {
    expect(
      failure({ type: "Redshift", integration: 5, config: { database: "db", host: "rs.example.com", port: "5439.0" } }),
    ).toEqual(configInvalid("Configuration has invalid type: got 'str', expected 'int'"));
    expect(failure(awsS3({ bucket_name: 5 }))).toEqual(
      configInvalid("Configuration has invalid type: got 'int', expected 'str'"),
    );
    expect(failure(awsS3({ prefix: null }))).toEqual(
      configInvalid("Configuration has invalid type: got 'NoneType', expected 'str'"),
    );
  });

  it("lets a boolean through an int field, since isinstance(True, int) holds in Python", () => {
    const result = validateDestination(
      { type: "Redshift", integration: 5, config: { database: "db", host: "rs.example.com", port: true } },
      context(),
    );
    expect(result.config["port"]).toBe(true);
  });

  it("leaves `X | None` fields unchecked but turns stringified ints back on write, as PostHog does on read", () => {
    const result = validateDestination(
      { type: "Postgres", integration: 4, config: { database: "db", port: "6543", host: "db.example.com" } },
      context(),
    );
    expect(result.config["port"]).toBe(6543);
  });
});

describe("defaults on create", () => {
  it("fills AwsS3 defaults, with new exports on the standard .parquet extension", () => {
    expect(validateDestination(awsS3(), context())).toEqual({
      type: "AwsS3",
      integrationId: 1,
      config: {
        ...S3_CONFIG,
        compression: null,
        file_format: "JSONLines",
        max_file_size_mb: null,
        legacy_parquet_extension: false,
        encryption: null,
        kms_key_id: null,
      },
    });
  });

  it("fills Postgres defaults without inventing secrets", () => {
    const { config } = validateDestination({ type: "Postgres", integration: 4, config: { database: "db" } }, context());
    expect(config).toEqual({
      database: "db",
      schema: "public",
      table_name: "events",
      port: 5432,
      has_self_signed_cert: false,
    });
  });

  it("does not fill defaults on update", () => {
    const existing = { type: "NoOp", config: {}, integrationId: null };
    expect(validateDestination({ type: "NoOp", config: {} }, update(existing)).config).toEqual({});
  });
});

describe("S3-family rules", () => {
  it.each(["AwsS3", "S3Compatible"])("requires an integration for %s", (type) => {
    expect(failure({ type, config: S3_CONFIG })).toEqual(invalid(`Integration is required for ${type} batch exports`));
  });

  it("lists blank bucket_name, region and prefix as a Python list", () => {
    expect(failure(awsS3({ bucket_name: "", prefix: "   " }))).toEqual(
      invalid("The following inputs are empty: ['bucket_name', 'prefix']"),
    );
  });

  it("refuses an integration of the wrong kind (PostHog says AWS S3 for both types)", () => {
    expect(failure(awsS3({}, { integration: 2 }))).toEqual(
      invalid("Integration provided is not an AWS S3 integration (got kind='s3-compatible')"),
    );
    expect(failure({ type: "S3Compatible", config: S3_CONFIG, integration: 1 })).toEqual(
      invalid("Integration provided is not an AWS S3 integration (got kind='aws-s3')"),
    );
  });

  it("refuses an unknown file format", () => {
    expect(failure(awsS3({ file_format: "CSV" }))).toEqual(
      invalid("File format CSV is not supported. Supported file formats are ['Parquet', 'JSONLines']"),
    );
  });

  it.each([
    ["JSONLines", "gzip"],
    ["JSONLines", "brotli"],
    ["Parquet", "zstd"],
    ["Parquet", "lz4"],
    ["Parquet", "snappy"],
    ["Parquet", "gzip"],
    ["Parquet", "brotli"],
  ])("accepts %s with %s", (fileFormat, compression) => {
    const { config } = validateDestination(awsS3({ file_format: fileFormat, compression }), context());
    expect([config["file_format"], config["compression"]]).toEqual([fileFormat, compression]);
  });

  it("refuses compressions the file format does not support", () => {
    expect(failure(awsS3({ file_format: "JSONLines", compression: "zstd" }))).toEqual(
      invalid(
        "Compression zstd is not supported for file format JSONLines. Supported compressions are ['gzip', 'brotli']",
      ),
    );
    expect(failure(awsS3({ file_format: "Parquet", compression: "unknown" }))).toEqual(
      invalid(
        "Compression unknown is not supported for file format Parquet. " +
          "Supported compressions are ['zstd', 'lz4', 'snappy', 'gzip', 'brotli']",
      ),
    );
  });

  it("checks the file format of the merged config on update", () => {
    const existing = { type: "AwsS3", config: { ...S3_CONFIG, file_format: "JSONLines" }, integrationId: 1 };
    expect(failure({ type: "AwsS3", config: { compression: "snappy" } }, update(existing)).body.detail).toBe(
      "Compression snappy is not supported for file format JSONLines. Supported compressions are ['gzip', 'brotli']",
    );
  });

  it("stores AES256 and aws:kms encryption; PostHog runs no API check on the value", () => {
    expect(validateDestination(awsS3({ encryption: "AES256" }), context()).config["encryption"]).toBe("AES256");
    const kms = validateDestination(awsS3({ encryption: "aws:kms", kms_key_id: "alias/k" }), context()).config;
    expect([kms["encryption"], kms["kms_key_id"]]).toEqual(["aws:kms", "alias/k"]);
    expect(validateDestination(awsS3({ encryption: "rot13" }), context()).config["encryption"]).toBe("rot13");
  });

  it("refuses encryption on S3Compatible as an unknown field", () => {
    expect(failure({ type: "S3Compatible", integration: 2, config: { ...S3_CONFIG, encryption: "AES256" } })).toEqual(
      configInvalid("Configuration has unknown field/s: 'encryption'"),
    );
  });

  it("refuses turning legacy_parquet_extension on for a new export", () => {
    expect(failure(awsS3({ legacy_parquet_extension: "true" }))).toEqual(
      invalid(
        "'legacy_parquet_extension' can only stay on for an export that already writes the compression codec " +
          "into its Parquet file names. It cannot be turned on for a new export, or turned back on once an export " +
          "moved to the standard '.parquet' extension.",
      ),
    );
  });

  it("pins the file naming of an old export before a patch changes its format", () => {
    const existing = { type: "AwsS3", config: { ...S3_CONFIG, file_format: "Parquet", compression: "zstd" }, integrationId: 1 };
    const result = validateDestination({ type: "AwsS3", config: { legacy_parquet_extension: true } }, update(existing));
    expect(result.config["legacy_parquet_extension"]).toBe(true);
    const plain = { type: "AwsS3", config: S3_CONFIG, integrationId: 1 };
    const moved = validateDestination({ type: "AwsS3", config: { file_format: "Parquet" } }, update(plain));
    expect(moved.config["legacy_parquet_extension"]).toBe(false);
  });

  it("keeps the stored integration when a PATCH names none, and refuses an explicit null", () => {
    const existing = { type: "AwsS3", config: S3_CONFIG, integrationId: 1 };
    expect(validateDestination({ type: "AwsS3", config: { prefix: "x/" } }, update(existing)).integrationId).toBe(1);
    expect(failure({ type: "AwsS3", config: {}, integration: null }, update(existing))).toEqual(
      invalid("Integration is required for AwsS3 batch exports"),
    );
  });
});

describe("updates", () => {
  it("refuses a change of destination type", () => {
    const existing = { type: "AwsS3", config: S3_CONFIG, integrationId: 1 };
    expect(failure({ type: "S3Compatible", config: S3_CONFIG, integration: 2 }, update(existing))).toEqual(
      invalid(
        "Cannot change destination type from 'AwsS3' to 'S3Compatible'. " +
          "Delete this batch export and create a new one with the new destination type.",
      ),
    );
  });

  it("deep-merges config so secrets omitted from the request survive", () => {
    const existing = {
      type: "Postgres",
      config: { database: "db", user: "admin", password: "hunter2", host: "db.example.com", port: 5432 },
      integrationId: null,
    };
    const result = validateDestination({ type: "Postgres", config: { schema: "analytics" } }, update(existing));
    expect(result).toEqual({
      type: "Postgres",
      integrationId: null,
      config: { database: "db", user: "admin", password: "hunter2", host: "db.example.com", port: 5432, schema: "analytics" },
    });
  });

  it("merges nested objects instead of replacing them", () => {
    const copyInputs = {
      s3_bucket: "stage",
      region_name: "us-east-1",
      s3_key_prefix: "p/",
      authorization: "arn:aws:iam::1:role/r",
      bucket_credentials: { aws_access_key_id: "k", aws_secret_access_key: "s" },
    };
    const existing = {
      type: "Redshift",
      config: { database: "db", host: "rs.example.com", mode: "COPY", copy_inputs: copyInputs },
      integrationId: 5,
    };
    const result = validateDestination(
      { type: "Redshift", integration: 5, config: { copy_inputs: { s3_bucket: "other" } } },
      update(existing),
    );
    expect(result.config["copy_inputs"]).toEqual({ ...copyInputs, s3_bucket: "other" });
  });

  it("does not touch the stored config it was given", () => {
    const config = { database: "db", user: "u", password: "p" };
    const existing = { type: "Postgres", config, integrationId: null };
    validateDestination({ type: "Postgres", config: { user: "new" } }, update(existing));
    expect(config).toEqual({ database: "db", user: "u", password: "p" });
  });
});

describe("integration rules per type", () => {
  it("Snowflake: required, of kind snowflake, and complete", () => {
    const snowflake = (extra: Record<string, unknown>) => ({
      type: "Snowflake",
      config: { database: "d", warehouse: "w", schema: "s" },
      ...extra,
    });
    expect(failure(snowflake({}))).toEqual(invalid("Integration is required for Snowflake batch exports"));
    expect(failure(snowflake({ integration: 4 }))).toEqual(
      invalid("Integration provided is not a Snowflake integration (got kind='postgresql')"),
    );
    expect(failure(snowflake({ integration: 10 }))).toEqual(invalid("Snowflake integration is not valid: 'user' missing"));
    expect(validateDestination(snowflake({ integration: 3 }), context()).integrationId).toBe(3);
  });

  it("Snowflake: refuses inline credentials as unknown fields", () => {
    expect(
      failure({ type: "Snowflake", integration: 3, config: { database: "d", warehouse: "w", schema: "s", password: "p" } }),
    ).toEqual(configInvalid("Configuration has unknown field/s: 'password'"));
  });

  it("Postgres: required on create only, and of kind postgresql", () => {
    expect(failure({ type: "Postgres", config: { database: "db" } })).toEqual(
      invalid("Integration is required for Postgres batch exports"),
    );
    expect(failure({ type: "Postgres", config: { database: "db" }, integration: 5 })).toEqual(
      invalid("Integration is not a PostgreSQL integration."),
    );
    const inline = { type: "Postgres", config: { database: "db", user: "u", password: "p" }, integrationId: null };
    expect(validateDestination({ type: "Postgres", config: { table_name: "t" } }, update(inline)).integrationId).toBeNull();
  });

  it("BigQuery, Databricks and Azure Blob: required and of the right kind", () => {
    expect(failure({ type: "BigQuery", config: { dataset_id: "d" } })).toEqual(
      invalid("Integration is required for BigQuery batch exports"),
    );
    expect(failure({ type: "BigQuery", config: { dataset_id: "d" }, integration: 7 })).toEqual(
      invalid("Integration is not a Google Cloud service account integration."),
    );
    const databricks = { http_path: "/sql", catalog: "c", schema: "s", table_name: "t" };
    expect(failure({ type: "Databricks", config: databricks })).toEqual(
      invalid("Integration is required for Databricks batch exports"),
    );
    expect(failure({ type: "Databricks", config: databricks, integration: 8 })).toEqual(
      invalid("Integration is not a Databricks integration."),
    );
    expect(failure({ type: "AzureBlob", config: { container_name: "c" } })).toEqual(
      invalid("Integration is required for Azure Blob batch exports"),
    );
    expect(failure({ type: "AzureBlob", config: { container_name: "c" }, integration: 7 })).toEqual(
      invalid("Integration is not an Azure Blob integration."),
    );
  });

  it("Azure Blob: checks file format and compression too", () => {
    expect(failure({ type: "AzureBlob", integration: 8, config: { container_name: "c", compression: "lz4" } })).toEqual(
      invalid(
        "Compression lz4 is not supported for file format JSONLines. Supported compressions are ['gzip', 'brotli']",
      ),
    );
  });

  it("Databricks: a config-only PATCH fails, since PostHog reads only the integration sent", () => {
    const existing = {
      type: "Databricks",
      config: { http_path: "/sql", catalog: "c", schema: "s", table_name: "t" },
      integrationId: 7,
    };
    expect(failure({ type: "Databricks", config: { table_name: "u" } }, update(existing))).toEqual(
      invalid("Integration is required for Databricks batch exports"),
    );
  });

  it("Redshift: required on create, of kind aws-redshift, and sticky once set", () => {
    const config = { database: "db", host: "rs.example.com" };
    expect(failure({ type: "Redshift", config })).toEqual(invalid("Integration is required for Redshift batch exports"));
    expect(failure({ type: "Redshift", config, integration: 1 })).toEqual(
      invalid("Integration is not a Redshift integration."),
    );
    const existing = { type: "Redshift", config, integrationId: 5 };
    expect(failure({ type: "Redshift", config: { schema: "x" } }, update(existing))).toEqual(
      invalid(
        "Cannot remove the integration from a Redshift batch export that uses one. " +
          "Re-send its `integration` to keep it (or a different one to swap).",
      ),
    );
  });

  it("Redshift: needs a host when the integration does not carry one", () => {
    expect(failure({ type: "Redshift", integration: 9, config: { database: "db" } })).toEqual(
      invalid(
        "A 'host' is required when using an AWS Redshift integration: set it to the cluster or workgroup endpoint.",
      ),
    );
  });

  it("Workflows: 403 unless the team has the flag", () => {
    const workflows = { type: "Workflows", config: { hog_function_id: "f" } };
    expect(failure(workflows)).toEqual({
      status: 403,
      body: {
        type: "authentication_error",
        code: "permission_denied",
        detail: "Backfilling Workflows is not enabled for this team.",
        attr: null,
      },
    });
    const enabled = context({ featureEnabled: (flag) => flag === "backfill-workflows-destination" });
    expect(validateDestination(workflows, enabled).config).toEqual({ hog_function_id: "f" });
  });
});

describe("Redshift COPY inputs", () => {
  const copy = (copyInputs: unknown) => ({
    type: "Redshift",
    integration: 5,
    config: { database: "db", host: "rs.example.com", mode: "COPY", copy_inputs: copyInputs },
  });
  const complete = {
    s3_bucket: "stage",
    region_name: "us-east-1",
    s3_key_prefix: "p/",
    authorization: "arn:aws:iam::1:role/r",
    bucket_credentials: 1,
  };

  it("requires the inputs and each required key", () => {
    expect(failure(copy({}))).toEqual(invalid("Missing required inputs for 'COPY'"));
    expect(failure(copy({ s3_bucket: "b" }))).toEqual(invalid("Missing required input for 'COPY'"));
  });

  it("checks integration ids inside the config against the team's aws-s3 integrations", () => {
    expect(validateDestination(copy(complete), context()).config["copy_inputs"]).toEqual(complete);
    expect(failure(copy({ ...complete, bucket_credentials: 2 }))).toEqual(
      invalid("'bucket_credentials' does not reference an AWS S3 integration of this project."),
    );
  });

  it("requires both AWS keys for inline credentials and a non-blank role", () => {
    expect(failure(copy({ ...complete, bucket_credentials: { aws_access_key_id: "k" } }))).toEqual(
      invalid("Missing required bucket credentials for 'COPY'"),
    );
    expect(failure(copy({ ...complete, authorization: { aws_access_key_id: "k" } }))).toEqual(
      invalid("Missing required credentials for 'COPY'"),
    );
    expect(failure(copy({ ...complete, authorization: "  " }))).toEqual(invalid("Missing required IAM role for 'COPY'"));
    expect(failure(copy({ ...complete, authorization: true }))).toEqual(
      invalid("Authorization for 'COPY' must be an IAM role ARN, AWS credentials, or an integration ID."),
    );
  });

  it("refuses switching an integration-backed credential back to inline keys", () => {
    const existing = { type: "Redshift", config: copy({ ...complete, authorization: "1" }).config, integrationId: 5 };
    const inline = { authorization: { aws_access_key_id: "k", aws_secret_access_key: "s" } };
    expect(failure({ type: "Redshift", integration: 5, config: { copy_inputs: inline } }, update(existing))).toEqual(
      invalid(
        "Cannot switch 'authorization' from an integration to inline credentials. " +
          "Send a different integration ID to swap, or omit the field to keep the current one.",
      ),
    );
  });
});

describe("HTTP destination", () => {
  const http = (url: string) => ({ type: "HTTP", config: { url, token: "phc_x" } });

  it("only sends to PostHog's two batch URLs", () => {
    expect(failure(http("https://evil.example/batch/"))).toEqual(
      invalid("Invalid destination URL: https://evil.example/batch/"),
    );
    expect(validateDestination(http("https://eu.i.posthog.com/batch/"), context())).toEqual({
      type: "HTTP",
      integrationId: null,
      config: { url: "https://eu.i.posthog.com/batch/", token: "phc_x" },
    });
  });

  it("only supports the events model, reported as a serializer-wide error", () => {
    expect(failure(http("https://us.i.posthog.com/batch/"), context({ model: "persons" }))).toEqual(
      invalid("HTTP batch exports only support the events model", null),
    );
  });
});

describe("Postgres and Redshift host check", () => {
  const postgres = (host: unknown, integration = 4) => ({ type: "Postgres", integration, config: { database: "db", host } });
  const INVALID = "Invalid host. Enter a hostname or IP address without credentials, scheme, or path.";
  const UNREACHABLE = "Could not reach this host. Check that the hostname is correct and reachable from the internet.";

  it.each(["postgres://db.example.com/app", "admin:pw@db.example.com", "db.example.com:5432", "db.example.com/app", " ", 5432])(
    "refuses %s as not a bare host",
    (host) => {
      expect(failure(postgres(host))).toEqual(invalid(INVALID));
    },
  );

  it.each(["localhost", "10.1.2.3", "169.254.169.254", "db.internal", "DB.Corp.", "::1", "::ffff:127.0.0.1", "fd00::1"])(
    "refuses internal host %s",
    (host) => {
      expect(failure(postgres(host))).toEqual(invalid(UNREACHABLE));
    },
  );

  it.each(["db.example.com", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "my_db.example.com."])("accepts %s", (host) => {
    expect(validateDestination(postgres(host), context()).config["host"]).toBe(host);
  });

  it("checks the integration's own host before the config's", () => {
    expect(failure(postgres("db.example.com", 11))).toEqual(invalid(UNREACHABLE));
  });

  it("applies to Redshift too", () => {
    expect(failure({ type: "Redshift", integration: 5, config: { database: "db", host: "https://rs" } })).toEqual(
      invalid(INVALID),
    );
  });
});

describe("legacy profile (older self-hosted PostHog)", () => {
  const legacy = (overrides: Partial<DestinationContext> = {}) => context({ legacyProfile: true, ...overrides });
  const keys = { aws_access_key_id: "AKIA", aws_secret_access_key: "secret" };

  it("accepts the S3 type with inline credentials and no integration, filling the old defaults", () => {
    expect(validateDestination({ type: "S3", config: { ...S3_CONFIG, ...keys } }, legacy())).toEqual({
      type: "S3",
      integrationId: null,
      config: {
        ...S3_CONFIG,
        ...keys,
        compression: null,
        encryption: null,
        kms_key_id: null,
        endpoint_url: null,
        file_format: "JSONLines",
        max_file_size_mb: null,
        use_virtual_style_addressing: false,
      },
    });
  });

  it("does not know the newer types", () => {
    expect(failure(awsS3(), legacy())).toEqual(
      invalid('"AwsS3" is not a valid choice.', "destination__type", "invalid_choice"),
    );
  });

  it("requires the old credential fields", () => {
    expect(
      failure({ type: "Postgres", config: { user: "u", host: "db.example.com", database: "db" } }, legacy()),
    ).toEqual(configInvalid("Configuration missing required field: 'password'"));
  });

  it("counts blank AWS keys as empty inputs", () => {
    expect(failure({ type: "S3", config: { ...S3_CONFIG, aws_access_key_id: "", aws_secret_access_key: " " } }, legacy())).toEqual(
      invalid("The following inputs are empty: ['aws_access_key_id', 'aws_secret_access_key']"),
    );
  });

  it("stores None for a blank endpoint_url", () => {
    const existing = { type: "S3", config: { ...S3_CONFIG, ...keys, endpoint_url: "https://minio.example.com" }, integrationId: null };
    const result = validateDestination({ type: "S3", config: { endpoint_url: "" } }, legacy({ existing, partial: true }));
    expect(result.config["endpoint_url"]).toBeNull();
  });

  it("requires the Snowflake credential matching the authentication type", () => {
    const snowflake = { account: "a", user: "u", database: "d", warehouse: "w", schema: "s" };
    expect(failure({ type: "Snowflake", config: { ...snowflake, authentication_type: "password" } }, legacy())).toEqual(
      invalid("Password is required if authentication type is password"),
    );
    expect(failure({ type: "Snowflake", config: { ...snowflake, authentication_type: "keypair" } }, legacy())).toEqual(
      invalid("Private key is required if authentication type is key pair"),
    );
  });

  it("allows a type change on update, as old PostHog had no guard", () => {
    const existing = { type: "NoOp", config: { arg: "x" }, integrationId: null };
    const result = validateDestination(
      { type: "HTTP", config: { url: "https://us.i.posthog.com/batch/", token: "t" } },
      legacy({ existing }),
    );
    expect(result.type).toBe("HTTP");
  });

  it("gates Databricks behind its old feature flag", () => {
    const databricks = { type: "Databricks", integration: 7, config: { http_path: "/", catalog: "c", schema: "s", table_name: "t" } };
    expect(failure(databricks, legacy()).status).toBe(403);
    expect(failure(databricks, legacy()).body.detail).toBe("The Databricks destination is not enabled for this team.");
    expect(validateDestination(databricks, legacy({ featureEnabled: () => true })).integrationId).toBe(7);
  });
});

describe("secrets", () => {
  it("knows every destination type's secrets, including user for SQL warehouses", () => {
    expect(DESTINATION_TYPES).toHaveLength(12);
    expect([...secretFieldsFor("Postgres")].sort()).toEqual(["password", "user"]);
    expect(secretFieldsFor("Snowflake").has("user")).toBe(true);
    expect(secretFieldsFor("Redshift").has("user")).toBe(true);
    expect(secretFieldsFor("Databricks").size).toBe(0);
  });

  it("strips secrets at every depth and returns a new object", () => {
    const config = {
      database: "db",
      user: "admin",
      password: "pw",
      copy_inputs: {
        s3_bucket: "b",
        bucket_credentials: { aws_access_key_id: "k", aws_secret_access_key: "s", region: "r" },
      },
      tags: [{ password: "kept: lists are not walked" }],
    };
    const stripped = stripSecrets("Redshift", config);
    expect(stripped).toEqual({
      database: "db",
      copy_inputs: { s3_bucket: "b", bucket_credentials: { region: "r" } },
      tags: [{ password: "kept: lists are not walked" }],
    });
    expect(config.user).toBe("admin");
    expect(config.copy_inputs.bucket_credentials.aws_access_key_id).toBe("k");
  });

  it("hides the HTTP token and Snowflake user, and leaves types without secrets alone", () => {
    expect(stripSecrets("HTTP", { url: "u", token: "t" })).toEqual({ url: "u" });
    expect(stripSecrets("Snowflake", { user: "u", database: "d" })).toEqual({ database: "d" });
    expect(stripSecrets("NoOp", { arg: "a" })).toEqual({ arg: "a" });
  });
});
