import { describe, expect, it } from "vitest";
import { BATCH_EXPORT_INTEGRATION_KINDS, DESTINATION_INTEGRATION_KIND } from "@/lib/posthog";
import { defaultIntegrationValues, integrationConfig, integrationFieldsOf, integrationProblems, missingFieldsIn } from "./integration-fields";

describe("integration fields", () => {
  it("covers every kind a destination needs", () => {
    for (const kind of [...BATCH_EXPORT_INTEGRATION_KINDS, ...Object.values(DESTINATION_INTEGRATION_KIND)]) {
      expect(integrationFieldsOf(kind).length, kind).toBeGreaterThan(0);
    }
  });

  it("posts shown fields only, with numbers typed and blanks left out", () => {
    const values = { ...defaultIntegrationValues("postgresql"), host: " db.example.com ", database: "analytics", user: "posthog", password: " secret " };
    expect(integrationConfig("postgresql", values)).toEqual({
      host: "db.example.com",
      port: 5432,
      database: "analytics",
      user: "posthog",
      password: " secret ",
      has_self_signed_cert: false,
    });
  });

  it("asks for the key pair, not the password, when Snowflake uses key-pair auth", () => {
    const values = { ...defaultIntegrationValues("snowflake"), account: "acme", user: "POSTHOG", authentication_type: "keypair", password: "ignored" };
    expect(integrationProblems("snowflake", values)).toEqual({ private_key: "This field is required." });
    expect(integrationConfig("snowflake", { ...values, private_key: "-----BEGIN" })).toEqual({
      account: "acme",
      user: "POSTHOG",
      authentication_type: "keypair",
      private_key: "-----BEGIN",
    });
  });

  it("reads the keys PostHog says are missing", () => {
    expect(missingFieldsIn("Missing required fields: host, password")).toEqual(["host", "password"]);
    expect(missingFieldsIn("Config must be an object.")).toEqual([]);
  });
});
