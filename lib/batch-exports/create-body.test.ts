import { describe, expect, it } from "vitest";
import { createBatchExportBody } from "./create-body";
import { adjustDependentValues, fieldsOf, optionsOf } from "./destination-fields";
import { defaultConfig, newExportValues, type BatchExportFormValues } from "./form-values";
import { batchExportFormSchema } from "./form-schema";

function filled(overrides: Partial<BatchExportFormValues> = {}): BatchExportFormValues {
  const values = newExportValues("7", "AwsS3");
  return {
    ...values,
    name: "Events to S3",
    integration: "17",
    config: { ...values.config, bucket_name: "datalake" },
    ...overrides,
  };
}

describe("createBatchExportBody", () => {
  it("builds PostHog's create body with the project, integration and typed config", () => {
    expect(createBatchExportBody(filled())).toEqual({
      name: "Events to S3",
      model: "events",
      interval: "hour",
      team_id: 7,
      destination: {
        type: "AwsS3",
        integration: 17,
        config: { bucket_name: "datalake", region: "us-east-1", prefix: "posthog/", file_format: "Parquet", compression: "zstd" },
      },
    });
  });

  it("sends the schedule, event filters and paused only when they apply", () => {
    const body = createBatchExportBody(
      filled({ interval: "week", timezone: "Europe/Berlin", offsetHour: "3", offsetDay: "1", includeEvents: ["$pageview"], paused: true }),
    );
    expect(body).toMatchObject({ interval: "week", timezone: "Europe/Berlin", offset_hour: 3, offset_day: 1, paused: true });
    expect(body.destination).toMatchObject({ config: { include_events: ["$pageview"] } });
    const persons = createBatchExportBody(filled({ model: "persons", includeEvents: ["$pageview"] }));
    expect(persons.destination).not.toHaveProperty("config.include_events");
  });

  it("builds Redshift COPY inputs, using the S3 connection when no IAM role is given", () => {
    const values = newExportValues("7", "Redshift");
    const body = createBatchExportBody({
      ...values,
      name: "Redshift",
      integration: "5",
      config: { ...values.config, database: "dev", mode: "COPY", copy_inputs__s3_bucket: "staging", copy_inputs__bucket_credentials: "3" },
    });
    expect(body.destination).toEqual({
      type: "Redshift",
      integration: 5,
      config: {
        database: "dev",
        schema: "public",
        table_name: "events",
        port: 5439,
        properties_data_type: "super",
        mode: "COPY",
        copy_inputs: { s3_bucket: "staging", region_name: "us-east-1", bucket_credentials: 3, authorization: 3 },
      },
    });
  });

  it("HTTP sends its token and no integration", () => {
    const values = newExportValues("7", "HTTP");
    const body = createBatchExportBody({ ...values, name: "Forward", config: { ...values.config, token: "phc_abc" } });
    expect(body.destination).toEqual({ type: "HTTP", config: { url: "https://us.i.posthog.com/batch/", token: "phc_abc" } });
  });
});

describe("batchExportFormSchema", () => {
  const create = batchExportFormSchema({ mode: "create", projectRequired: true });
  const messages = (result: ReturnType<typeof create.safeParse>) =>
    Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

  it("accepts a complete form", () => {
    expect(create.safeParse(filled()).success).toBe(true);
  });

  it("asks for required fields with PostHog's wording", () => {
    const result = create.safeParse({ ...newExportValues(""), config: { ...defaultConfig("AwsS3"), prefix: " " } });
    expect(messages(result)).toEqual({
      name: "This field may not be blank.",
      projectId: "This field is required.",
      integration: "This field is required.",
      "config.bucket_name": "This field is required.",
      "config.prefix": "This field is required.",
    });
  });

  it("checks numbers, names and conditional fields", () => {
    const result = create.safeParse(
      filled({ config: { ...filled().config, bucket_name: "Bad_Bucket", max_file_size_mb: "ten", encryption: "aws:kms" } }),
    );
    expect(messages(result)).toEqual({
      "config.bucket_name": "Use 3–63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit.",
      "config.max_file_size_mb": "A valid integer is required.",
      "config.kms_key_id": "This field is required.",
    });
  });

  it("requires secrets on create but not on edit, where blank means unchanged", () => {
    const values = { ...newExportValues("7", "HTTP"), name: "Forward" };
    expect(messages(create.safeParse(values))).toEqual({ "config.token": "This field is required." });
    expect(batchExportFormSchema({ mode: "edit", projectRequired: false }).safeParse(values).success).toBe(true);
  });

  it("keeps HTTP exports on the events model and daily ones on a real timezone", () => {
    const values = { ...newExportValues("7", "HTTP"), name: "Forward", model: "persons" as const, interval: "day" as const, timezone: "Mars/Olympus" };
    expect(messages(create.safeParse({ ...values, config: { ...values.config, token: "phc" } }))).toEqual({
      model: "HTTP batch exports only support the events model",
      timezone: '"Mars/Olympus" is not a valid choice.',
    });
  });
});

describe("optionsOf", () => {
  const region = fieldsOf("AwsS3").find((field) => field.key === "region")!;

  it("offers a blank choice when the value is blank, and keeps an unlisted saved value", () => {
    expect(optionsOf(region, { region: "" })[0]).toEqual({ value: "", label: "Choose…" });
    expect(optionsOf(region, { region: "us-east-1" })[0]).toEqual({ value: "us-east-1", label: "us-east-1" });
    expect(optionsOf(region, { region: "mars-north-1" }).at(-1)).toEqual({ value: "mars-north-1", label: "mars-north-1" });
  });
});

describe("adjustDependentValues", () => {
  it("replaces a compression the new format does not support", () => {
    expect(adjustDependentValues({ file_format: "JSONLines", compression: "zstd" })).toEqual({ compression: "" });
    expect(adjustDependentValues({ file_format: "Parquet", compression: "gzip" })).toEqual({});
    expect(adjustDependentValues({ file_format: "Parquet", compression: "" })).toEqual({});
  });
});
