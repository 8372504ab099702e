/**
 * Per-destination texture for simulated runs: where the "Batch exporting range ..." log line says the data
 * goes (PostHog's activity messages), what a failure's `latest_error` looks like, and how many bytes a record
 * weighs once written.
 */
import type { Random } from "./prng";
import { pickOne } from "./prng";

type Config = Record<string, unknown>;

function str(config: Config, key: string, fallback: string): string {
  const value = config[key];
  return typeof value === "string" && value !== "" ? value : fallback;
}

const FILE_EXTENSIONS: Record<string, string> = { Parquet: "parquet", JSONLines: "jsonl" };
const COMPRESSION_EXTENSIONS: Record<string, string> = { gzip: "gz", snappy: "sz", brotli: "br", zstd: "zst", lz4: "lz4" };

function posixJoin(prefix: string, file: string): string {
  const joined = prefix === "" ? file : prefix.endsWith("/") ? `${prefix}${file}` : `${prefix}/${file}`;
  return joined.replace(/^\/+/, "");
}

/** `get_s3_key`: the prefix with its template variables filled in, then `{start}-{end}.{ext}[.{compression}]`. */
export function objectKey(config: Config, startIso: string | null, endIso: string, model: string | null): string {
  const end = new Date(endIso);
  const two = (n: number) => String(n).padStart(2, "0");
  const vars: Record<string, string> = {
    second: two(end.getUTCSeconds()),
    minute: two(end.getUTCMinutes()),
    hour: two(end.getUTCHours()),
    day: two(end.getUTCDate()),
    month: two(end.getUTCMonth() + 1),
    year: String(end.getUTCFullYear()),
    data_interval_start: startIso ?? "None",
    data_interval_end: endIso,
    table: model || "events",
  };
  const prefix = str(config, "prefix", "").replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
  const format = str(config, "file_format", "JSONLines");
  const compression = typeof config.compression === "string" ? config.compression : null;
  let file = `${startIso ?? "None"}-${endIso}`;
  if (config.max_file_size_mb !== undefined && config.max_file_size_mb !== null) file += "-0";
  file += `.${FILE_EXTENSIONS[format] ?? "jsonl"}`;
  if (compression && COMPRESSION_EXTENSIONS[compression]) file += `.${COMPRESSION_EXTENSIONS[compression]}`;
  return posixJoin(prefix, file);
}

/** The tail of "Batch exporting range A - B to ...". */
export function exportTarget(
  type: string,
  config: Config,
  startIso: string | null,
  endIso: string,
  model: string | null,
): string {
  switch (type) {
    case "S3":
    case "AwsS3":
    case "S3Compatible":
      return `S3: ${objectKey(config, startIso, endIso, model)}`;
    case "AzureBlob":
      return `Azure Blob: ${objectKey(config, startIso, endIso, model)}`;
    case "Snowflake":
      return `Snowflake: ${str(config, "database", "None")}.${str(config, "schema", "None")}.${str(config, "table_name", "events")}`;
    case "Postgres":
      return `PostgreSQL: ${str(config, "database", "None")}.${str(config, "schema", "public")}.${str(config, "table_name", "events")}`;
    case "Redshift":
      return `Redshift: ${str(config, "database", "None")}.${str(config, "schema", "public")}.${str(config, "table_name", "events")}`;
    case "BigQuery":
      return `BigQuery: ${str(config, "project_id", "None")}.${str(config, "dataset_id", "None")}.${str(config, "table_id", "events")}`;
    case "Databricks":
      return `Databricks: ${str(config, "catalog", "None")}.${str(config, "schema", "None")}.${str(config, "table_name", "None")}`;
    case "HTTP":
      return `HTTP endpoint: ${str(config, "url", "None")}`;
    case "Workflows":
      return "Workflows API";
    default:
      return type;
  }
}

/** A realistic `latest_error` for a failed run to this destination. */
export function failureMessage(type: string, config: Config, random: Random): string {
  const bucket = str(config, "bucket_name", "my-bucket");
  const host = str(config, "host", "db.internal.example.com");
  const database = str(config, "database", "analytics");
  const schema = str(config, "schema", "public");
  const user = str(config, "user", "posthog");
  const project = str(config, "project_id", "my-project");
  const dataset = str(config, "dataset_id", "posthog");
  const catalog = str(config, "catalog", "main");
  const container = str(config, "container_name", "posthog");
  const url = str(config, "url", "https://us.i.posthog.com/batch/");
  const options: Record<string, readonly string[]> = {
    S3: [
      "NoSuchBucket: An error occurred (NoSuchBucket) when calling the CreateMultipartUpload operation: The specified bucket does not exist",
      "ClientError: An error occurred (AccessDenied) when calling the CreateMultipartUpload operation: Access Denied",
      "ClientError: An error occurred (InvalidAccessKeyId) when calling the CreateMultipartUpload operation: The AWS Access Key Id you provided does not exist in our records.",
      `ClientError: An error occurred (PermanentRedirect) when calling the CreateMultipartUpload operation: The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint. (bucket: ${bucket})`,
    ],
    Postgres: [
      `OperationalError: connection failed: connection to server at "${host}", port ${String(config.port ?? 5432)} failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?`,
      `InsufficientPrivilege: permission denied for schema ${schema}`,
      `OperationalError: connection failed: connection to server at "${host}", port ${String(config.port ?? 5432)} failed: FATAL:  password authentication failed for user "${user}"`,
    ],
    Redshift: [
      `OperationalError: connection failed: connection to server at "${host}", port ${String(config.port ?? 5439)} failed: Connection timed out\n\tIs the server running on that host and accepting TCP/IP connections?`,
      `InsufficientPrivilege: permission denied for schema ${schema}`,
      "ClientError: An error occurred (AccessDenied) when calling the PutObject operation: Access Denied",
    ],
    Snowflake: [
      "DatabaseError: 250001 (08001): Failed to connect to DB: Incorrect username or password was specified.",
      `ProgrammingError: 002003 (02000): SQL compilation error:\nDatabase '${database.toUpperCase()}' does not exist or not authorized.`,
      `ProgrammingError: 003001 (42501): SQL access control error:\nInsufficient privileges to operate on schema '${schema.toUpperCase()}'`,
    ],
    BigQuery: [
      `Forbidden: 403 POST https://bigquery.googleapis.com/bigquery/v2/projects/${project}/jobs?prettyPrint=false: Access Denied: Project ${project}: User does not have bigquery.jobs.create permission in project ${project}.`,
      `NotFound: 404 Not found: Dataset ${project}:${dataset} was not found in location US`,
      `Forbidden: 403 Access Denied: Dataset ${project}:${dataset}: Permission bigquery.tables.create denied on dataset ${project}:${dataset} (or it may not exist).`,
    ],
    Databricks: [
      `DatabricksInsufficientPermissionsError: A Databricks permissions error occurred: User does not have USE CATALOG on Catalog '${catalog}'.`,
      "DatabricksConnectionError: Failed to connect to Databricks: the OAuth client credentials were rejected (invalid_client).",
      `DatabricksSchemaNotFoundError: [SCHEMA_NOT_FOUND] The schema \`${catalog}\`.\`${schema}\` cannot be found.`,
    ],
    AzureBlob: [
      "ResourceNotFoundError: The specified container does not exist.\nErrorCode:ContainerNotFound",
      "ClientAuthenticationError: Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.\nErrorCode:AuthenticationFailed",
      `HttpResponseError: This request is not authorized to perform this operation using this permission.\nErrorCode:AuthorizationPermissionMismatch (container: ${container})`,
    ],
    HTTP: [
      `NonRetryableResponseError: Non-retryable 401 response from ${url}: {"type":"authentication_error","code":"invalid_api_key","detail":"Project API key invalid. You can find your project API key in PostHog project settings."}`,
      `RetryableResponseError: Retryable 503 response from ${url}: Service Unavailable`,
      `RetryableResponseError: Retryable 502 response from ${url}: Bad Gateway`,
    ],
    default: [
      "ClickHouseError: Code: 241. DB::Exception: Memory limit (total) exceeded: would use 28.01 GiB (attempt to allocate chunk of 4194304 bytes), maximum: 28.00 GiB. (MEMORY_LIMIT_EXCEEDED)",
      "TimeoutError: The batch export activity did not complete within its start-to-close timeout",
    ],
  };
  const key = type === "AwsS3" || type === "S3Compatible" ? "S3" : type;
  return pickOne(random, options[key] ?? options.default!);
}

/** Approximate bytes written per record for this destination and file format. */
export function bytesPerRecord(type: string, config: Config): number {
  if (type === "NoOp" || type === "Workflows") return 0;
  if (type === "S3" || type === "AwsS3" || type === "S3Compatible" || type === "AzureBlob") {
    const parquet = config.file_format === "Parquet";
    const base = parquet ? 420 : 1_150;
    switch (config.compression) {
      case "gzip":
        return Math.round(base / (parquet ? 1.4 : 6));
      case "brotli":
        return Math.round(base / (parquet ? 1.5 : 7));
      case "zstd":
      case "lz4":
      case "snappy":
        return Math.round(base / 1.3);
      default:
        return base;
    }
  }
  if (type === "HTTP") return 1_300;
  return 900;
}
