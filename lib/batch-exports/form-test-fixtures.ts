import type { BatchExport, Destination } from "@/lib/posthog";

/** A batch export as PostHog returns it (secrets already stripped), for the form's unit tests. */
export function exportFixture(destination: Destination, overrides: Partial<BatchExport> = {}): BatchExport {
  return {
    id: "0190b7f2-0000-7000-8000-000000000001",
    team_id: 2,
    name: "Events to S3",
    model: "events",
    destination,
    interval: "hour",
    paused: false,
    created_at: "2026-01-01T00:00:00Z",
    last_updated_at: "2026-01-01T00:00:00Z",
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
    ...overrides,
  };
}

export const s3Destination: Destination = {
  type: "AwsS3",
  integration: 17,
  config: {
    bucket_name: "datalake",
    region: "us-east-1",
    prefix: "posthog/",
    file_format: "Parquet",
    compression: "zstd",
    max_file_size_mb: null,
    encryption: null,
    kms_key_id: null,
    include_events: ["$pageview"],
  },
};

/** A Postgres export made before integrations: host inline, user and password stripped on read. */
export const legacyPostgresDestination: Destination = {
  type: "Postgres",
  integration: null,
  config: { host: "db.example.com", port: 5432, database: "analytics", schema: "public", table_name: "events", has_self_signed_cert: false },
};
