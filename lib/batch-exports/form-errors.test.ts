import { describe, expect, it } from "vitest";
import type { ErrorBody } from "@/lib/posthog";
import { errorTarget, type FormFieldName } from "./form-errors";
import { formValuesFromExport, newExportValues } from "./form-values";
import { exportFixture, legacyPostgresDestination } from "./form-test-fixtures";

const problem = (attr: string | null, detail: string): ErrorBody => ({ type: "validation_error", code: "invalid_input", detail, attr });
const everything = () => true;

describe("errorTarget", () => {
  const values = newExportValues("2", "AwsS3");
  const context = { values, isShown: everything };

  it.each<[string | null, FormFieldName]>([
    ["name", "name"],
    ["interval", "interval"],
    ["timezone", "timezone"],
    ["offset_hour", "offsetHour"],
    ["offset_day", "offsetDay"],
    ["team_id", "projectId"],
    ["destination__integration", "integration"],
    ["destination__integration_id", "integration"],
  ])("puts attr %s on %s", (attr, name) => {
    expect(errorTarget(problem(attr, "Nope."), context)).toEqual({ kind: "field", name, message: "Nope." });
  });

  it("puts a config error on the config key its message names", () => {
    const detail = "Configuration missing required field: 'bucket_name'";
    expect(errorTarget(problem("destination__non_field_errors", detail), context)).toEqual({
      kind: "field",
      name: "config.bucket_name",
      message: detail,
    });
    const empty = "The following inputs are empty: ['prefix']";
    expect(errorTarget(problem("destination", empty), context)).toMatchObject({ kind: "field", name: "config.prefix" });
  });

  it("recognises keys by their wording when the message quotes none", () => {
    const compression = "Compression lz4 is not supported for file format JSONLines. Supported compressions are ['gzip', 'brotli']";
    expect(errorTarget(problem("destination", compression), context)).toMatchObject({ name: "config.compression" });
    expect(errorTarget(problem("destination", "Integration is required for AwsS3 batch exports"), context)).toMatchObject({
      name: "integration",
    });
  });

  it("shows destination errors it cannot place at the top of the Destination section", () => {
    const detail = "Configuration has invalid type: got 'str', expected 'int'";
    expect(errorTarget(problem("destination__non_field_errors", detail), context)).toEqual({ kind: "destination", message: detail });
    // A key the form does not show for this type.
    const hidden = "Configuration missing required field: 'warehouse'";
    expect(errorTarget(problem("destination__non_field_errors", hidden), context)).toEqual({ kind: "destination", message: hidden });
  });

  it("places inline-credential errors of legacy exports on their field", () => {
    const legacy = formValuesFromExport(exportFixture(legacyPostgresDestination));
    const detail = "Invalid host. Enter a hostname or IP address without credentials, scheme, or path.";
    expect(errorTarget(problem("destination", detail), { values: legacy, isShown: everything })).toMatchObject({ name: "config.host" });
  });

  it("places PostHog's serializer-wide rules on the field they concern", () => {
    expect(errorTarget(problem(null, "HTTP batch exports only support the events model"), context)).toMatchObject({ name: "model" });
    const flag = { ...problem(null, "Higher frequency batch exports are not enabled for this team."), type: "authentication_error" as const };
    expect(errorTarget(flag, context)).toMatchObject({ name: "interval" });
    expect(errorTarget(problem(null, "A server error occurred."), context)).toEqual({ kind: "form", message: "A server error occurred." });
  });

  it("falls back to the form when the field is not on screen", () => {
    const hidden = { values, isShown: (name: FormFieldName) => name !== "projectId" };
    expect(errorTarget(problem("team_id", "Choose a project."), hidden)).toEqual({ kind: "form", message: "Choose a project." });
    expect(errorTarget(problem("destination__integration", "Invalid pk"), { values, isShown: () => false })).toEqual({
      kind: "destination",
      message: "Invalid pk",
    });
  });

  it("puts unknown attrs at the top of the form", () => {
    expect(errorTarget(problem("filters", "Each filter must be an object"), context)).toEqual({
      kind: "form",
      message: "Each filter must be an object",
    });
  });
});
