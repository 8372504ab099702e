import { z } from "zod";

/**
 * Batch-export destinations (POSTHOG-API.md §2.3; PostHog `BatchExportDestination.Destination` and the
 * typed config serializers in `products/batch_exports/backend/presentation/views/batch_export/destinations.py`).
 *
 * These schemas describe what PostHog **returns**. Two things follow from that:
 * - Secret keys are stripped from `config` on every read (recursively), so they are absent from the read
 *   configs below (note `user` is a secret for Postgres, Snowflake and Redshift). `DESTINATION_SECRET_FIELDS`
 *   lists them for forms that need to say "leave blank to keep".
 * - `config` is a JSON field stored as sent (plus server defaults), so optional keys may be absent, and
 *   exports created by older PostHog versions can carry legacy keys. Read configs are therefore loose
 *   objects: the keys listed are type-checked, unknown keys pass through.
 */
export const DestinationType = z.enum([
  "AwsS3",
  "S3Compatible",
  "Snowflake",
  "Postgres",
  "Redshift",
  "BigQuery",
  "Databricks",
  "AzureBlob",
  "HTTP",
  "NoOp",
  "Workflows",
  "FileDownload",
  /** Legacy alias of AwsS3/S3Compatible: existing rows still read, new writes are refused. */
  "S3",
]);
export type DestinationType = z.infer<typeof DestinationType>;

/** Destination types PostHog lets a client create today (legacy `S3` and on-demand `FileDownload` excluded). */
export const CREATABLE_DESTINATION_TYPES = [
  "AwsS3",
  "S3Compatible",
  "Snowflake",
  "Postgres",
  "Redshift",
  "BigQuery",
  "Databricks",
  "AzureBlob",
  "HTTP",
  "NoOp",
  "Workflows",
] as const satisfies readonly DestinationType[];

/** `BatchExportDestination.secret_fields`: never returned, kept on update when omitted (deep merge). */
export const DESTINATION_SECRET_FIELDS: Readonly<Record<DestinationType, readonly string[]>> = {
  S3: ["aws_access_key_id", "aws_secret_access_key"],
  AwsS3: ["aws_access_key_id", "aws_secret_access_key"],
  S3Compatible: ["aws_access_key_id", "aws_secret_access_key"],
  Snowflake: ["user", "password", "private_key", "private_key_passphrase"],
  Postgres: ["user", "password"],
  Redshift: ["user", "password", "aws_access_key_id", "aws_secret_access_key"],
  BigQuery: ["private_key", "private_key_id", "client_email", "token_uri"],
  Databricks: [],
  AzureBlob: [],
  HTTP: ["token"],
  NoOp: [],
  Workflows: [],
  FileDownload: [],
};

/** Integration kind each integration-backed destination needs (`destination.integration`). */
export const DESTINATION_INTEGRATION_KIND = {
  AwsS3: "aws-s3",
  S3Compatible: "s3-compatible",
  Snowflake: "snowflake",
  Postgres: "postgresql",
  Redshift: "aws-redshift",
  BigQuery: "google-cloud-service-account",
  Databricks: "databricks",
  AzureBlob: "azure-blob",
} as const satisfies Partial<Record<DestinationType, string>>;

export const FileFormat = z.enum(["JSONLines", "Parquet"]);
export type FileFormat = z.infer<typeof FileFormat>;

/** Compression codecs per file format (`temporal/destinations/constants.py`). */
export const SUPPORTED_COMPRESSIONS: Readonly<Record<FileFormat, readonly string[]>> = {
  JSONLines: ["gzip", "brotli"],
  Parquet: ["zstd", "lz4", "snappy", "gzip", "brotli"],
};
export const Compression = z.enum(["gzip", "brotli", "zstd", "lz4", "snappy"]);
export type Compression = z.infer<typeof Compression>;

/** Keys every destination accepts (`BaseBatchExportInputs`). */
const baseConfig = {
  exclude_events: z.array(z.string()).nullable().optional(),
  include_events: z.array(z.string()).nullable().optional(),
};

const objectStorageConfig = {
  ...baseConfig,
  compression: Compression.nullable().optional(),
  file_format: FileFormat.optional(),
  max_file_size_mb: z.int().nullable().optional(),
  legacy_parquet_extension: z.boolean().optional(),
};

const s3FamilyConfig = {
  ...objectStorageConfig,
  bucket_name: z.string(),
  region: z.string(),
  prefix: z.string(),
};

export const AwsS3Config = z.looseObject({
  ...s3FamilyConfig,
  /** `AES256` or `aws:kms` in practice; PostHog declares a free `CharField`. */
  encryption: z.string().nullable().optional(),
  kms_key_id: z.string().nullable().optional(),
});
export type AwsS3Config = z.infer<typeof AwsS3Config>;

export const S3CompatibleConfig = z.looseObject({
  ...s3FamilyConfig,
  use_virtual_style_addressing: z.boolean().optional(),
});
export type S3CompatibleConfig = z.infer<typeof S3CompatibleConfig>;

/** Legacy `S3` (SVC-old): endpoint and addressing lived in the config; the AWS keys are secrets. */
export const LegacyS3Config = z.looseObject({
  ...s3FamilyConfig,
  encryption: z.string().nullable().optional(),
  kms_key_id: z.string().nullable().optional(),
  endpoint_url: z.string().nullable().optional(),
  use_virtual_style_addressing: z.boolean().optional(),
});
export type LegacyS3Config = z.infer<typeof LegacyS3Config>;

/** Newest: account/user/credentials live in the `snowflake` integration. Legacy exports also show `account`, `authentication_type`. */
export const SnowflakeConfig = z.looseObject({
  ...baseConfig,
  database: z.string(),
  warehouse: z.string(),
  schema: z.string(),
  table_name: z.string().optional(),
  role: z.string().nullable().optional(),
  account: z.string().optional(),
  authentication_type: z.enum(["password", "keypair"]).optional(),
});
export type SnowflakeConfig = z.infer<typeof SnowflakeConfig>;

/** Newest exports keep host/port/credentials in a `postgresql` integration; legacy ones inline (user/password are secrets). */
export const PostgresConfig = z.looseObject({
  ...baseConfig,
  database: z.string(),
  schema: z.string().optional(),
  table_name: z.string().optional(),
  host: z.string().optional(),
  port: z.int().optional(),
  has_self_signed_cert: z.boolean().optional(),
});
export type PostgresConfig = z.infer<typeof PostgresConfig>;

/** An aws-s3 integration id, or (credentials stripped on read) what is left of an inline credentials object. */
const IntegrationIdOrCredentials = z.union([z.int(), z.string(), z.looseObject({})]);

export const RedshiftCopyInputs = z.looseObject({
  s3_bucket: z.string(),
  region_name: z.string(),
  s3_key_prefix: z.string(),
  /** IAM role ARN, an aws-s3 integration id, or inline AWS credentials (secrets stripped on read). */
  authorization: IntegrationIdOrCredentials.optional(),
  bucket_credentials: IntegrationIdOrCredentials.optional(),
});
export type RedshiftCopyInputs = z.infer<typeof RedshiftCopyInputs>;

export const RedshiftConfig = z.looseObject({
  ...baseConfig,
  database: z.string(),
  host: z.string().optional(),
  schema: z.string().optional(),
  table_name: z.string().optional(),
  port: z.int().optional(),
  properties_data_type: z.enum(["varchar", "super"]).optional(),
  mode: z.enum(["INSERT", "COPY"]).optional(),
  copy_inputs: RedshiftCopyInputs.nullable().optional(),
});
export type RedshiftConfig = z.infer<typeof RedshiftConfig>;

/** Newest: the service account lives in a `google-cloud-service-account` integration. `project_id` is not a secret. */
export const BigQueryConfig = z.looseObject({
  ...baseConfig,
  dataset_id: z.string(),
  table_id: z.string().optional(),
  project_id: z.string().optional(),
  use_json_type: z.boolean().optional(),
});
export type BigQueryConfig = z.infer<typeof BigQueryConfig>;

export const DatabricksConfig = z.looseObject({
  ...baseConfig,
  http_path: z.string(),
  catalog: z.string(),
  schema: z.string(),
  table_name: z.string(),
  use_variant_type: z.boolean().optional(),
  use_automatic_schema_evolution: z.boolean().optional(),
});
export type DatabricksConfig = z.infer<typeof DatabricksConfig>;

export const AzureBlobConfig = z.looseObject({
  ...objectStorageConfig,
  container_name: z.string(),
  prefix: z.string().optional(),
});
export type AzureBlobConfig = z.infer<typeof AzureBlobConfig>;

/** `url` must be PostHog's own `/batch/` endpoint (US or EU); `token` is a secret, so it never comes back. */
export const HttpConfig = z.looseObject({
  ...baseConfig,
  url: z.string(),
});
export type HttpConfig = z.infer<typeof HttpConfig>;

export const NoOpConfig = z.looseObject({ ...baseConfig, arg: z.string().optional() });
export type NoOpConfig = z.infer<typeof NoOpConfig>;

export const WorkflowsConfig = z.looseObject({ ...baseConfig, hog_function_id: z.string() });
export type WorkflowsConfig = z.infer<typeof WorkflowsConfig>;

/** On-demand file downloads: out of scope, config shape unverified. */
export const FileDownloadConfig = z.looseObject({ ...baseConfig });
export type FileDownloadConfig = z.infer<typeof FileDownloadConfig>;

/**
 * `integration` is the team-scoped Integration id (read + write); `integration_id` is its write-only alias
 * and never appears in responses. BE-old (2024) had no `integration` key at all, hence optional.
 */
const integration = z.int().nullable().optional();

function destinationOf<T extends DestinationType, C extends z.ZodType>(type: T, config: C) {
  return z.object({ type: z.literal(type), config, integration });
}

export const AwsS3Destination = destinationOf("AwsS3", AwsS3Config);
export const S3CompatibleDestination = destinationOf("S3Compatible", S3CompatibleConfig);
export const SnowflakeDestination = destinationOf("Snowflake", SnowflakeConfig);
export const PostgresDestination = destinationOf("Postgres", PostgresConfig);
export const RedshiftDestination = destinationOf("Redshift", RedshiftConfig);
export const BigQueryDestination = destinationOf("BigQuery", BigQueryConfig);
export const DatabricksDestination = destinationOf("Databricks", DatabricksConfig);
export const AzureBlobDestination = destinationOf("AzureBlob", AzureBlobConfig);
export const HttpDestination = destinationOf("HTTP", HttpConfig);
export const NoOpDestination = destinationOf("NoOp", NoOpConfig);
export const WorkflowsDestination = destinationOf("Workflows", WorkflowsConfig);
export const FileDownloadDestination = destinationOf("FileDownload", FileDownloadConfig);
export const LegacyS3Destination = destinationOf("S3", LegacyS3Config);

/** A destination as PostHog returns it: the config is typed by `type`. */
export const Destination = z.discriminatedUnion("type", [
  AwsS3Destination,
  S3CompatibleDestination,
  SnowflakeDestination,
  PostgresDestination,
  RedshiftDestination,
  BigQueryDestination,
  DatabricksDestination,
  AzureBlobDestination,
  HttpDestination,
  NoOpDestination,
  WorkflowsDestination,
  FileDownloadDestination,
  LegacyS3Destination,
]);
export type Destination = z.infer<typeof Destination>;

/**
 * A destination as a client sends it on create/update. PostHog validates `config` per type server-side
 * (unknown keys, missing required keys, types) and answers 400 with the first problem, so the request
 * schema only checks the envelope. On PATCH, `type` and `config` must both still be present.
 */
export const DestinationInput = z.object({
  type: DestinationType,
  config: z.record(z.string(), z.unknown()),
  integration_id: z.int().nullable().optional(),
  integration: z.int().nullable().optional(),
});
export type DestinationInput = z.infer<typeof DestinationInput>;
