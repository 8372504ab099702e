import { describe, expect, it } from "vitest";
import {
  BackfillCreate,
  BackfillIdResponse,
  BatchExport,
  BatchExportBackfill,
  BatchExportPage,
  BatchExportRunPage,
  CancelledResponse,
  Destination,
  ErrorBody,
  LogEntryPage,
  Organization,
  OrganizationCreate,
  OrganizationUpdate,
} from "./index";

const EXPORT_ID = "0190b7f2-1c2d-7e3f-8a4b-5c6d7e8f9a0b";
const RUN_ID = "0190b7f2-2222-7e3f-8a4b-5c6d7e8f9a0b";

function newestBatchExport(): Record<string, unknown> {
  return {
    id: EXPORT_ID,
    team_id: 2,
    name: "S3 export",
    model: "events",
    destination: {
      type: "AwsS3",
      integration: 17,
      config: {
        bucket_name: "b",
        region: "us-east-1",
        prefix: "ph/",
        compression: null,
        file_format: "JSONLines",
        max_file_size_mb: null,
        encryption: null,
        kms_key_id: null,
      },
    },
    interval: "every 15 minutes",
    paused: false,
    created_at: "2026-01-05T10:00:00Z",
    last_updated_at: "2026-01-05T10:00:00.123456Z",
    last_paused_at: null,
    start_at: null,
    end_at: null,
    latest_runs: [
      {
        id: RUN_ID,
        status: "Completed",
        records_completed: 120,
        records_failed: 0,
        latest_error: null,
        data_interval_start: "2026-01-05T09:45:00Z",
        data_interval_end: "2026-01-05T10:00:00Z",
        cursor: null,
        created_at: "2026-01-05T10:00:01Z",
        finished_at: "2026-01-05T10:01:00Z",
        last_updated_at: "2026-01-05T10:01:00Z",
        records_total_count: 120,
        bytes_exported: 4096,
        batch_export: EXPORT_ID,
        backfill: null,
      },
    ],
    hogql_query: null,
    schema: null,
    filters: null,
    timezone: "UTC",
    offset_day: null,
    offset_hour: null,
  };
}

function newestOrganization(): Record<string, unknown> {
  return {
    id: "0190b7f2-0000-7000-8000-000000000001",
    name: "Acme",
    slug: "acme",
    logo_media_id: null,
    created_at: "2025-06-01T08:00:00Z",
    updated_at: "2025-06-02T08:00:00Z",
    membership_level: 15,
    plugins_access_level: 9,
    teams: [{ id: 2, name: "Default project", uuid: "x" }],
    projects: [{ id: 2, name: "Default project" }],
    available_product_features: [],
    is_member_join_email_enabled: true,
    metadata: { instance_tag: "none" },
    customer_id: null,
    enforce_2fa: null,
    members_can_invite: true,
    members_can_use_personal_api_keys: true,
    allow_publicly_shared_resources: true,
    member_count: 3,
    is_ai_data_processing_approved: null,
    default_experiment_stats_method: "bayesian",
    default_anonymize_ips: false,
    default_role_id: null,
  };
}

describe("BatchExport", () => {
  it("parses a realistic newest-shape export, config typed by destination type", () => {
    const parsed = BatchExport.parse(newestBatchExport());
    expect(parsed.interval).toBe("every 15 minutes");
    expect(parsed.destination.type).toBe("AwsS3");
    if (parsed.destination.type === "AwsS3") expect(parsed.destination.config.bucket_name).toBe("b");
    expect(parsed.latest_runs[0]?.status).toBe("Completed");
  });

  it("refuses an unknown interval", () => {
    const result = BatchExport.safeParse({ ...newestBatchExport(), interval: "minute" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["interval"]);
  });

  it("refuses an out-of-range offset_hour and requires the newest offset fields", () => {
    expect(BatchExport.safeParse({ ...newestBatchExport(), interval: "day", offset_hour: 24 }).success).toBe(false);
    const withoutTimezone = newestBatchExport();
    delete withoutTimezone.timezone;
    expect(BatchExport.safeParse(withoutTimezone).success).toBe(false);
  });

  it("wraps exports in a limit/offset page with absolute or null links", () => {
    const page = { count: 1, next: null, previous: "http://localhost:8010/api/projects/2/batch_exports/?limit=1", results: [newestBatchExport()] };
    expect(BatchExportPage.safeParse(page).success).toBe(true);
    expect(BatchExportPage.safeParse({ ...page, previous: "/api/projects/2/batch_exports/" }).success).toBe(false);
  });
});

describe("Destination", () => {
  it("checks the config against the declared type", () => {
    expect(Destination.safeParse({ type: "Databricks", integration: 3, config: { http_path: "/sql", catalog: "c", schema: "s", table_name: "t" } }).success).toBe(true);
    // A Databricks config is missing its required keys when sent as Snowflake.
    expect(Destination.safeParse({ type: "Snowflake", integration: 3, config: { http_path: "/sql" } }).success).toBe(false);
    expect(Destination.safeParse({ type: "Kafka", config: {} }).success).toBe(false);
  });

  it("keeps legacy keys of old exports instead of failing on them", () => {
    const legacy = Destination.parse({
      type: "Snowflake",
      config: { account: "acme", database: "db", warehouse: "wh", schema: "public", authentication_type: "password" },
    });
    expect(legacy.config).toMatchObject({ account: "acme" });
  });
});

describe("runs, backfills and logs", () => {
  it("cursor pages have no count", () => {
    expect(BatchExportRunPage.safeParse({ next: null, previous: null, results: [] }).success).toBe(true);
    expect(BatchExportRunPage.safeParse({ count: 0, next: null, previous: null, results: [] }).data).not.toHaveProperty("count");
  });

  it("a backfill's progress is an object or null, never a string", () => {
    const backfill = {
      id: "0190b7f2-3333-7e3f-8a4b-5c6d7e8f9a0b",
      progress: { total_runs: 10, finished_runs: 4, progress: 0.4 },
      start_at: "2026-01-01T00:00:00Z",
      end_at: "2026-01-01T10:00:00Z",
      status: "Running",
      created_at: "2026-01-05T10:00:00Z",
      finished_at: null,
      last_updated_at: "2026-01-05T10:00:00Z",
      total_records_count: null,
      adjusted_start_at: null,
      team: 2,
      batch_export: EXPORT_ID,
    };
    expect(BatchExportBackfill.safeParse(backfill).success).toBe(true);
    expect(BatchExportBackfill.safeParse({ ...backfill, progress: null, status: "Failed" }).success).toBe(true);
    expect(BatchExportBackfill.safeParse({ ...backfill, progress: "40%" }).success).toBe(false);
    expect(BatchExportBackfill.safeParse({ ...backfill, status: "FailedBilling" }).success).toBe(false);
  });

  it("backfill creation answers an id, not a backfill", () => {
    expect(BackfillIdResponse.safeParse({ backfill_id: "5b1e0a8e-7f43-4d8e-9d5a-2a4c1b7c9e10" }).success).toBe(true);
    expect(BackfillIdResponse.safeParse({ id: "5b1e0a8e-7f43-4d8e-9d5a-2a4c1b7c9e10" }).success).toBe(false);
    expect(BackfillCreate.safeParse({ start_at: "2026-01-01", end_at: "2026-01-02" }).success).toBe(true);
    expect(CancelledResponse.safeParse({ cancelled: false }).success).toBe(false);
  });

  it("log pages carry upper-case levels", () => {
    const entry = { log_source_id: EXPORT_ID, instance_id: "", timestamp: "2026-01-05T10:00:00Z", level: "INFO", message: "Started" };
    expect(LogEntryPage.safeParse({ count: 1, next: null, previous: null, results: [entry] }).success).toBe(true);
    expect(LogEntryPage.safeParse({ count: 1, next: null, previous: null, results: [{ ...entry, level: "info" }] }).success).toBe(false);
  });
});

describe("Organization", () => {
  it("parses the newest shape: member_count is a number and metadata an object", () => {
    expect(Organization.parse(newestOrganization()).member_count).toBe(3);
    expect(Organization.safeParse({ ...newestOrganization(), member_count: "3" }).success).toBe(false);
    expect(Organization.safeParse({ ...newestOrganization(), metadata: "metadata" }).success).toBe(false);
  });

  it("create requires a non-blank name of at most 64 characters; update is partial", () => {
    expect(OrganizationCreate.parse({ name: "  Acme  " }).name).toBe("Acme");
    expect(OrganizationCreate.safeParse({}).success).toBe(false);
    expect(OrganizationCreate.safeParse({ name: "   " }).success).toBe(false);
    expect(OrganizationCreate.safeParse({ name: "x".repeat(65) }).success).toBe(false);
    expect(OrganizationUpdate.parse({ enforce_2fa: true })).toEqual({ enforce_2fa: true });
    // Read-only fields are not part of the writable shape and are dropped.
    expect(OrganizationUpdate.parse({ slug: "hacked", member_count: 1 })).toEqual({});
  });
});

describe("ErrorBody", () => {
  it("parses PostHog's error body and refuses other shapes", () => {
    expect(ErrorBody.safeParse({ type: "validation_error", code: "required", detail: "This field is required.", attr: "name" }).success).toBe(true);
    expect(ErrorBody.safeParse({ type: "server_error", code: "too_many_concurrent_backfills", detail: "…", attr: null }).success).toBe(true);
    expect(ErrorBody.safeParse({ detail: "Not found." }).success).toBe(false);
    expect(ErrorBody.safeParse({ type: "not_an_error_type", code: "x", detail: "y", attr: null }).success).toBe(false);
  });
});
