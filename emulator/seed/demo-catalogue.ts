/**
 * What the demo world contains: three organizations where the demo user holds each membership level,
 * their projects, integrations and a dozen batch exports across destination types and intervals.
 */
export interface DemoExport {
  project: string;
  name: string;
  type: string;
  integration: string | null;
  config: Record<string, unknown>;
  interval: "hour" | "day" | "week" | "every 5 minutes" | "every 15 minutes";
  model?: "events" | "persons" | "sessions";
  paused?: boolean;
  /** Days before now that the schedule ended (an ended export). */
  endedDaysAgo?: number;
  timezone?: string;
  intervalOffset?: number;
  failureRate?: number;
}

export interface DemoOrganization {
  name: string;
  level: 1 | 8 | 15;
  features?: string[];
  projects: Array<{ name: string; flags?: string[] }>;
  integrations: Array<{ project: string; name: string; kind: string; config: Record<string, unknown>; secret: Record<string, unknown> }>;
  exports: DemoExport[];
}

const HIGH_FREQUENCY = ["high-frequency-batch-exports"];

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  {
    name: "Hedgehog Analytics",
    level: 15,
    projects: [{ name: "Web app", flags: HIGH_FREQUENCY }, { name: "Mobile app" }],
    integrations: [
      { project: "Web app", name: "s3", kind: "aws-s3", config: { aws_access_key_id: "AKIADEMOHEDGEHOG01", region: "us-east-1" }, secret: { aws_secret_access_key: "demo-secret-1" } },
      { project: "Web app", name: "pg", kind: "postgresql", config: { host: "warehouse.hedgehog.example", port: 5432, database: "analytics", user: "posthog_export" }, secret: { password: "demo-pg-password" } },
      { project: "Web app", name: "bq", kind: "google-cloud-service-account", config: { project_id: "hedgehog-analytics", client_email: "exports@hedgehog-analytics.iam.gserviceaccount.com", token_uri: "https://oauth2.googleapis.com/token" }, secret: { private_key: "-----BEGIN PRIVATE KEY-----demo", private_key_id: "demo-key-id" } },
      { project: "Mobile app", name: "s3-mobile", kind: "aws-s3", config: { aws_access_key_id: "AKIADEMOHEDGEHOG02", region: "eu-west-1" }, secret: { aws_secret_access_key: "demo-secret-2" } },
    ],
    exports: [
      { project: "Web app", name: "Events to S3 data lake", type: "AwsS3", integration: "s3", interval: "hour",
        config: { bucket_name: "hedgehog-datalake", region: "us-east-1", prefix: "posthog/events/", file_format: "Parquet", compression: "zstd" } },
      { project: "Web app", name: "Persons to Postgres", type: "Postgres", integration: "pg", interval: "day", model: "persons",
        config: { database: "analytics", schema: "public", table_name: "posthog_persons", host: "warehouse.hedgehog.example", port: 5432 }, intervalOffset: 2 * 3600 },
      { project: "Web app", name: "Events to BigQuery", type: "BigQuery", integration: "bq", interval: "hour", failureRate: 0.35,
        config: { dataset_id: "posthog", table_id: "events", project_id: "hedgehog-analytics", use_json_type: true } },
      { project: "Web app", name: "Realtime events to S3", type: "AwsS3", integration: "s3", interval: "every 15 minutes",
        config: { bucket_name: "hedgehog-realtime", region: "us-east-1", prefix: "rt/", file_format: "JSONLines", compression: "gzip" } },
      { project: "Mobile app", name: "Mobile sessions to S3", type: "AwsS3", integration: "s3-mobile", interval: "day", model: "sessions", paused: true,
        config: { bucket_name: "hedgehog-mobile", region: "eu-west-1", prefix: "sessions/", file_format: "JSONLines" } },
      { project: "Mobile app", name: "Legacy HTTP forwarder", type: "HTTP", integration: null, interval: "hour", endedDaysAgo: 3,
        config: { url: "https://eu.i.posthog.com/batch/", token: "phc_demoforwardtoken" } },
    ],
  },
  {
    name: "Acme Data Platform",
    level: 8,
    projects: [{ name: "Production" }, { name: "Staging" }],
    integrations: [
      { project: "Production", name: "snow", kind: "snowflake", config: { account: "acme-xy12345", user: "POSTHOG", role: "EXPORTER" }, secret: { password: "demo-snow" } },
      { project: "Production", name: "dbx", kind: "databricks", config: { server_hostname: "acme.cloud.databricks.com", client_id: "demo-client" }, secret: { client_secret: "demo-dbx" } },
      { project: "Production", name: "azure", kind: "azure-blob", config: { storage_account_name: "acmeexports" }, secret: { connection_string: "DefaultEndpointsProtocol=https;AccountName=acmeexports;AccountKey=demo" } },
      { project: "Staging", name: "minio", kind: "s3-compatible", config: { endpoint_url: "https://minio.staging.acme.example", aws_access_key_id: "minio-demo" }, secret: { aws_secret_access_key: "minio-secret" } },
    ],
    exports: [
      { project: "Production", name: "Events to Snowflake", type: "Snowflake", integration: "snow", interval: "hour",
        config: { database: "ANALYTICS", warehouse: "EXPORT_WH", schema: "POSTHOG", table_name: "EVENTS", role: "EXPORTER" } },
      { project: "Production", name: "Weekly events to Databricks", type: "Databricks", integration: "dbx", interval: "week", timezone: "Europe/Berlin", intervalOffset: 1 * 86400 + 3 * 3600,
        config: { http_path: "/sql/1.0/warehouses/demo", catalog: "main", schema: "posthog", table_name: "events" } },
      { project: "Production", name: "Events to Azure Blob", type: "AzureBlob", integration: "azure", interval: "day", failureRate: 0.5,
        config: { container_name: "posthog-events", prefix: "daily/", file_format: "Parquet", compression: "snappy" } },
      { project: "Staging", name: "Staging events to MinIO", type: "S3Compatible", integration: "minio", interval: "hour", paused: true,
        config: { bucket_name: "staging-events", region: "us-east-1", prefix: "events/", file_format: "JSONLines", use_virtual_style_addressing: false } },
    ],
  },
  {
    name: "Northwind Research",
    level: 1,
    projects: [{ name: "Research" }],
    integrations: [
      { project: "Research", name: "s3", kind: "aws-s3", config: { aws_access_key_id: "AKIADEMONORTHWIND1", region: "us-west-2" }, secret: { aws_secret_access_key: "demo-secret-3" } },
    ],
    exports: [
      { project: "Research", name: "Research events to S3", type: "AwsS3", integration: "s3", interval: "day",
        config: { bucket_name: "northwind-research", region: "us-west-2", prefix: "posthog/", file_format: "JSONLines", compression: "brotli" } },
      { project: "Research", name: "Persons snapshot to S3", type: "AwsS3", integration: "s3", interval: "week", model: "persons",
        config: { bucket_name: "northwind-research", region: "us-west-2", prefix: "persons/", file_format: "Parquet" } },
    ],
  },
];

export const DEMO_USER_EMAIL = "demo@posthog.local";
export const DEMO_COLLEAGUE_EMAIL = "maria@posthog.local";
