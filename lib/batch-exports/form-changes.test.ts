import { describe, expect, it } from "vitest";
import { batchExportChanges, scheduleChanged } from "./form-changes";
import { formValuesFromExport, type BatchExportFormValues } from "./form-values";
import { exportFixture, legacyPostgresDestination, s3Destination } from "./form-test-fixtures";

function edit(values: BatchExportFormValues, change: (draft: BatchExportFormValues) => void): BatchExportFormValues {
  const draft = structuredClone(values);
  change(draft);
  return draft;
}

describe("batchExportChanges", () => {
  const initial = formValuesFromExport(exportFixture(s3Destination));

  it("sends nothing for an unchanged form", () => {
    expect(batchExportChanges(initial, structuredClone(initial))).toEqual({});
  });

  it("sends a changed name alone", () => {
    expect(batchExportChanges(initial, edit(initial, (v) => void (v.name = "Renamed")))).toEqual({ name: "Renamed" });
  });

  it("ignores whitespace-only edits of the name", () => {
    expect(batchExportChanges(initial, edit(initial, (v) => void (v.name = ` ${v.name} `)))).toEqual({});
  });

  it("sends one changed config key with the destination type and nothing else", () => {
    const body = batchExportChanges(initial, edit(initial, (v) => void (v.config.bucket_name = "other-bucket")));
    expect(body).toEqual({ destination: { type: "AwsS3", config: { bucket_name: "other-bucket" } } });
  });

  it("sends a cleared nullable select as null", () => {
    const body = batchExportChanges(initial, edit(initial, (v) => void (v.config.compression = "")));
    expect(body).toEqual({ destination: { type: "AwsS3", config: { compression: null } } });
  });

  it("converts numbers and sends a cleared number as null", () => {
    const set = batchExportChanges(initial, edit(initial, (v) => void (v.config.max_file_size_mb = "250")));
    expect(set).toEqual({ destination: { type: "AwsS3", config: { max_file_size_mb: 250 } } });
    const withSize = edit(initial, (v) => void (v.config.max_file_size_mb = "250"));
    const cleared = batchExportChanges(withSize, edit(withSize, (v) => void (v.config.max_file_size_mb = "")));
    expect(cleared).toEqual({ destination: { type: "AwsS3", config: { max_file_size_mb: null } } });
  });

  it("sends a changed integration inside the destination", () => {
    const body = batchExportChanges(initial, edit(initial, (v) => void (v.integration = "42")));
    expect(body).toEqual({ destination: { type: "AwsS3", config: {}, integration: 42 } });
  });

  it("sends changed event filters as config lists", () => {
    const body = batchExportChanges(initial, edit(initial, (v) => void (v.excludeEvents = ["$feature_flag_called"])));
    expect(body).toEqual({ destination: { type: "AwsS3", config: { exclude_events: ["$feature_flag_called"] } } });
  });

  it("sends the whole schedule when the interval changes, with offsets only where they apply", () => {
    const daily = edit(initial, (v) => {
      v.interval = "day";
      v.timezone = "Europe/Berlin";
      v.offsetHour = "2";
    });
    expect(batchExportChanges(initial, daily)).toEqual({ interval: "day", timezone: "Europe/Berlin", offset_hour: 2, offset_day: null });
    const weekly = edit(daily, (v) => {
      v.interval = "week";
      v.offsetDay = "1";
    });
    expect(batchExportChanges(daily, weekly)).toEqual({ interval: "week", timezone: "Europe/Berlin", offset_hour: 2, offset_day: 1 });
    expect(batchExportChanges(weekly, edit(weekly, (v) => void (v.interval = "hour")))).toEqual({
      interval: "hour",
      timezone: "Europe/Berlin",
      offset_hour: null,
      offset_day: null,
    });
  });

  it("sends the schedule when only the start hour changes", () => {
    const daily = formValuesFromExport(exportFixture(s3Destination, { interval: "day", offset_hour: 0 }));
    expect(batchExportChanges(daily, edit(daily, (v) => void (v.offsetHour = "5")))).toEqual({
      interval: "day",
      timezone: "UTC",
      offset_hour: 5,
      offset_day: null,
    });
  });

  it("does not count hidden offsets of an hourly export as a schedule change", () => {
    const moved = edit(initial, (v) => {
      v.offsetHour = "7";
      v.timezone = "Asia/Tokyo";
    });
    expect(scheduleChanged(initial, moved)).toBe(false);
    expect(batchExportChanges(initial, moved)).toEqual({});
  });

  it("re-sends the integration for types PostHog reads it from the request only", () => {
    const bigquery = formValuesFromExport(
      exportFixture({ type: "BigQuery", integration: 9, config: { dataset_id: "posthog", table_id: "events", use_json_type: true } }),
    );
    expect(batchExportChanges(bigquery, edit(bigquery, (v) => void (v.config.table_id = "events_v2")))).toEqual({
      destination: { type: "BigQuery", config: { table_id: "events_v2" }, integration: 9 },
    });
  });

  it("never sends create-only settings on edit", () => {
    const bigquery = formValuesFromExport(exportFixture({ type: "BigQuery", integration: 9, config: { dataset_id: "posthog", use_json_type: true } }));
    expect(batchExportChanges(bigquery, edit(bigquery, (v) => void (v.config.use_json_type = false)))).toEqual({});
  });

  it("nests Redshift COPY inputs and re-sends the authorization that follows the S3 connection", () => {
    const redshift = formValuesFromExport(
      exportFixture({
        type: "Redshift",
        integration: 5,
        config: {
          database: "dev",
          mode: "COPY",
          copy_inputs: { s3_bucket: "staging", region_name: "us-east-1", s3_key_prefix: "", authorization: 3, bucket_credentials: 3 },
        },
      }),
    );
    expect(redshift.config.copy_inputs__bucket_credentials).toBe("3");
    expect(redshift.config.copy_inputs__authorization).toBe("");
    const body = batchExportChanges(redshift, edit(redshift, (v) => void (v.config.copy_inputs__bucket_credentials = "4")));
    expect(body).toEqual({
      destination: { type: "Redshift", config: { copy_inputs: { bucket_credentials: 4, authorization: 4 } }, integration: 5 },
    });
  });
});

describe("reading an existing export", () => {
  it("shows what PostHog assumes for keys the saved config lacks, not a new export's defaults", () => {
    const sparse = formValuesFromExport(
      exportFixture({ type: "AwsS3", integration: 4, config: { bucket_name: "mobile", region: "eu-west-1", prefix: "sessions/" } }),
    );
    expect(sparse.config.file_format).toBe("JSONLines");
    expect(sparse.config.compression).toBe("");
    expect(sparse.config.encryption).toBe("");
    expect(batchExportChanges(sparse, structuredClone(sparse))).toEqual({});
  });
});

describe("secrets on edit", () => {
  const legacy = formValuesFromExport(exportFixture(legacyPostgresDestination, { name: "Legacy Postgres", interval: "day", offset_hour: 0 }));

  it("starts every secret blank and keeps plain fields", () => {
    expect(legacy.legacyCredentials).toBe(true);
    expect(legacy.config.user).toBe("");
    expect(legacy.config.password).toBe("");
    expect(legacy.config.host).toBe("db.example.com");
    expect(legacy.config.port).toBe("5432");
  });

  it("does not send a blank secret", () => {
    const body = batchExportChanges(legacy, edit(legacy, (v) => void (v.config.host = "db2.example.com")));
    expect(body).toEqual({ destination: { type: "Postgres", config: { host: "db2.example.com" } } });
  });

  it("sends a secret the user typed, and only that", () => {
    const body = batchExportChanges(legacy, edit(legacy, (v) => void (v.config.password = "new-password")));
    expect(body).toEqual({ destination: { type: "Postgres", config: { password: "new-password" } } });
  });

  it("treats a secret typed then cleared as unchanged", () => {
    expect(batchExportChanges(legacy, edit(legacy, (v) => void (v.config.user = "")))).toEqual({});
  });

  it("HTTP tokens are secrets too", () => {
    const http = formValuesFromExport(exportFixture({ type: "HTTP", integration: null, config: { url: "https://eu.i.posthog.com/batch/" } }));
    expect(http.config.token).toBe("");
    expect(batchExportChanges(http, edit(http, (v) => void (v.config.url = "https://us.i.posthog.com/batch/")))).toEqual({
      destination: { type: "HTTP", config: { url: "https://us.i.posthog.com/batch/" } },
    });
  });
});
