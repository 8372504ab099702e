import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadOpenApiDocument, matchOperation, rawDocumentValidator } from "./openapi-document";
import { RESPONSE_OVERRIDES, SCHEMA_OVERRIDES, checkResponse, overriddenDocumentValidator } from "./openapi-overrides";
import { RECORDINGS_DIR_ENV, clearRecordings, readRecordings, recordResponse, type RecordedResponse } from "./recorder";

const ORG_ID = "0190b7f2-0000-7000-8000-000000000001";
const EXPORT_ID = "0190b7f2-1c2d-7e3f-8a4b-5c6d7e8f9a0b";
const RUN_ID = "0190b7f2-2222-7e3f-8a4b-5c6d7e8f9a0b";
const BACKFILL_ID = "0190b7f2-3333-7e3f-8a4b-5c6d7e8f9a0b";
const P = `/api/projects/2/batch_exports`;

function organization(): Record<string, unknown> {
  return {
    id: ORG_ID,
    name: "Acme",
    slug: "acme",
    logo_media_id: null,
    created_at: "2025-06-01T08:00:00Z",
    updated_at: "2025-06-02T08:00:00Z",
    membership_level: 15,
    plugins_access_level: 9,
    teams: [{ id: 2, name: "Default project" }],
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

function batchExport(): Record<string, unknown> {
  return {
    id: EXPORT_ID,
    team_id: 2,
    name: "S3 export",
    model: "events",
    destination: {
      type: "AwsS3",
      integration: 17,
      config: { bucket_name: "b", region: "us-east-1", prefix: "ph/", file_format: "JSONLines", compression: null },
    },
    interval: "every 15 minutes",
    paused: false,
    created_at: "2026-01-05T10:00:00Z",
    last_updated_at: "2026-01-05T10:00:00.123456Z",
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
  };
}

function backfill(): Record<string, unknown> {
  return {
    id: BACKFILL_ID,
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
}

function omit(body: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([k]) => !keys.includes(k)));
}

function check(entry: Partial<RecordedResponse> & Pick<RecordedResponse, "method" | "path" | "status">) {
  return checkResponse({ profile: "cloud", body: null, ...entry });
}

describe("matchOperation", () => {
  it("ignores the trailing slash and the query string, and accepts @current for ids", () => {
    const withSlash = matchOperation("GET", `${P}/${EXPORT_ID}/runs/?status=Failed&status=Running`);
    const without = matchOperation("get", `${P}/${EXPORT_ID}/runs?ordering=-created_at`);
    expect(withSlash?.operationId).toBe("batch_exports_runs_list");
    expect(without?.operationId).toBe("batch_exports_runs_list");
    expect(withSlash?.params).toEqual({ project_id: "2", batch_export_id: EXPORT_ID });
    expect(withSlash?.query.getAll("status")).toEqual(["Failed", "Running"]);
    expect(matchOperation("GET", "/api/organizations/@current")?.operationId).toBe("retrieve");
    expect(matchOperation("GET", "/api/projects/@current/batch_exports/")?.operationId).toBe("batch_exports_list_2");
    expect(matchOperation("GET", "http://localhost:8010/api/environments/2/batch_exports/")?.actionKey).toBe("batch_exports_list");
  });

  it("prefers literal segments over parameters, and knows undeclared methods and statuses", () => {
    expect(matchOperation("GET", `${P}/test/?destination=S3`)?.operationId).toBe("batch_exports_test_retrieve_2");
    expect(matchOperation("GET", `${P}/${EXPORT_ID}/`)?.operationId).toBe("batch_exports_retrieve_2");
    expect(matchOperation("PUT", `${P}/${EXPORT_ID}/runs/${RUN_ID}/`)).toBeNull();
    expect(matchOperation("GET", "/api/users/@me/")).toBeNull();
    const create = matchOperation("POST", `${P}/${EXPORT_ID}/backfills/`)!;
    expect(create.responseSchema(201)).toEqual({ declared: true, schema: { $ref: "#/components/schemas/BatchExportBackfill" } });
    expect(create.responseSchema(200)).toEqual({ declared: false });
    expect(matchOperation("POST", `${P}/${EXPORT_ID}/pause/`)!.responseSchema(200)).toEqual({ declared: true, schema: null });
  });
});

describe("schema overrides", () => {
  it("the document never forbids additional properties, so newer fields need no override to pass", () => {
    const text = JSON.stringify(loadOpenApiDocument().components.schemas);
    expect(text).not.toContain('"additionalProperties":false');
  });

  it("every override says why, citing the contract notes", () => {
    for (const o of [...SCHEMA_OVERRIDES, ...RESPONSE_OVERRIDES]) expect(o.why).toMatch(/POSTHOG-API\.md|SOURCE\.md/);
  });

  it("member_count 3 and an object metadata pass, where the raw document would reject them", () => {
    const raw = rawDocumentValidator().validateComponent("Organization", organization());
    expect(raw.join("\n")).toMatch(/\/member_count must be string/);
    expect(raw.join("\n")).toMatch(/\/metadata must be string/);
    expect(overriddenDocumentValidator().validateComponent("Organization", organization())).toEqual([]);
    expect(check({ method: "GET", path: `/api/organizations/${ORG_ID}/`, status: 200, body: organization() }).outcome).toBe("valid");
  });

  it("still fails a body that misses a required field or has a wrong type", () => {
    const withoutName = omit(batchExport(), "name");
    const missing = check({ method: "GET", path: `${P}/${EXPORT_ID}/`, status: 200, body: withoutName });
    expect(missing.outcome).toBe("invalid");
    expect(missing.errors.join("\n")).toMatch(/\[openapi\] \(body\) must have required property 'name'/);
    const wrongCount = check({ method: "GET", path: `/api/organizations/${ORG_ID}/`, status: 200, body: { ...organization(), member_count: "3" } });
    expect(wrongCount.errors.join("\n")).toMatch(/\/member_count must be integer/);
  });

  it("accepts the newer interval, destination types and model, and types the newer fields", () => {
    expect(check({ method: "GET", path: `${P}/${EXPORT_ID}`, status: 200, body: batchExport() }).outcome).toBe("valid");
    const hogql = { ...batchExport(), model: "hogql", destination: { type: "AzureBlob", integration: 3, config: { container_name: "c" } } };
    expect(check({ method: "GET", path: `${P}/${EXPORT_ID}`, status: 200, body: hogql }).outcome).toBe("valid");
    const badInterval = check({ method: "GET", path: `${P}/${EXPORT_ID}`, status: 200, body: { ...batchExport(), interval: "every minute" } });
    expect(badInterval.errors.join("\n")).toMatch(/\/interval must be equal to one of the allowed values/);
    const badOffset = check({ method: "GET", path: `${P}/${EXPORT_ID}`, status: 200, body: { ...batchExport(), offset_hour: 24 } });
    expect(badOffset.errors.join("\n")).toMatch(/\[openapi\] \/offset_hour must be <= 23/);
  });

  it("a backfill's progress may be an object or null, which the raw document refuses", () => {
    expect(rawDocumentValidator().validateComponent("BatchExportBackfill", backfill()).join()).toMatch(/\/progress must be string/);
    for (const body of [backfill(), { ...backfill(), status: "Failed", progress: null }]) {
      expect(check({ method: "GET", path: `${P}/${EXPORT_ID}/backfills/${BACKFILL_ID}/`, status: 200, body }).outcome).toBe("valid");
    }
  });

  it("never lets a write-only field (integration_id) appear in a response", () => {
    const body = batchExport();
    body.destination = { ...(body.destination as object), integration_id: 17 };
    const result = check({ method: "GET", path: `${P}/${EXPORT_ID}/`, status: 200, body });
    expect(result.outcome).toBe("invalid");
    expect(result.errors.join("\n")).toMatch(/\/destination\/integration_id must not be present/);
  });

  it("cloud bodies must also parse with lib/posthog's newest shapes; legacy ones need not", () => {
    const old = omit(batchExport(), "timezone", "offset_day", "offset_hour");
    const cloud = check({ method: "GET", path: `${P}/${EXPORT_ID}/`, status: 200, body: old });
    expect(cloud.outcome).toBe("invalid");
    expect(cloud.errors.join("\n")).toMatch(/\[lib\/posthog BatchExport\] \/timezone/);
    expect(checkResponse({ method: "GET", path: `${P}/${EXPORT_ID}/`, status: 200, body: old, profile: "legacy" }).outcome).toBe("valid");
  });
});

describe("response overrides", () => {
  it("POST .../backfills/ answers 201 {backfill_id}, not a BatchExportBackfill (200 in the legacy profile)", () => {
    const path = `${P}/${EXPORT_ID}/backfills/`;
    expect(check({ method: "POST", path, status: 201, body: { backfill_id: "5b1e0a8e-7f43-4d8e-9d5a-2a4c1b7c9e10" } }).outcome).toBe("valid");
    expect(check({ method: "POST", path, status: 201, body: backfill() }).outcome).toBe("invalid");
    expect(checkResponse({ method: "POST", path, status: 200, body: { backfill_id: `${EXPORT_ID}-Backfill-START-END` }, profile: "legacy" }).outcome).toBe("valid");
    const cloud200 = check({ method: "POST", path, status: 200, body: { backfill_id: "x" } });
    expect(cloud200.errors.join()).toMatch(/status 200 is not declared/);
  });

  it("checks the action bodies the document leaves empty", () => {
    expect(check({ method: "POST", path: `${P}/${EXPORT_ID}/pause/`, status: 200, body: { paused: true } }).outcome).toBe("valid");
    expect(check({ method: "POST", path: `${P}/${EXPORT_ID}/pause/`, status: 200, body: { paused: false } }).outcome).toBe("invalid");
    expect(check({ method: "POST", path: `/api/organizations/${ORG_ID}/batch_exports/${EXPORT_ID}/unpause`, status: 200, body: { paused: false } }).outcome).toBe("valid");
    expect(check({ method: "POST", path: `${P}/${EXPORT_ID}/runs/${RUN_ID}/cancel/`, status: 200, body: { cancelled: true } }).outcome).toBe("valid");
    expect(check({ method: "POST", path: `${P}/${EXPORT_ID}/runs/${RUN_ID}/retry/`, status: 201, body: { backfill_id: "b" } }).outcome).toBe("valid");
    const logs = { count: 1, next: null, previous: null, results: [{ log_source_id: EXPORT_ID, instance_id: RUN_ID, timestamp: "2026-01-05T10:00:00Z", level: "ERROR", message: "boom" }] };
    expect(check({ method: "GET", path: `${P}/${EXPORT_ID}/logs/?level=ERROR`, status: 200, body: logs }).outcome).toBe("valid");
    expect(check({ method: "GET", path: `${P}/${EXPORT_ID}/logs/`, status: 200, body: logs.results }).outcome).toBe("invalid");
  });

  it("the deprecated backfill action must 404 in the cloud profile and answers {backfill_id} in the legacy one", () => {
    const path = `${P}/${EXPORT_ID}/backfill/`;
    expect(check({ method: "POST", path, status: 200, body: { backfill_id: "x" } }).errors.join()).toMatch(/must not happen/);
    expect(checkResponse({ method: "POST", path, status: 200, body: { backfill_id: "x" }, profile: "legacy" }).outcome).toBe("valid");
    const gone = { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null };
    expect(check({ method: "POST", path, status: 404, body: gone }).outcome).toBe("valid");
  });
});

describe("errors and empty bodies", () => {
  it("validates every non-2xx body against PostHog's error body", () => {
    const notFound = { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null };
    expect(check({ method: "GET", path: `${P}/${EXPORT_ID}/`, status: 404, body: notFound }).outcome).toBe("valid");
    const notAllowed = { type: "invalid_request", code: "method_not_allowed", detail: 'Method "PUT" not allowed.', attr: null };
    expect(check({ method: "PUT", path: `${P}/${EXPORT_ID}/runs/${RUN_ID}/`, status: 405, body: notAllowed }).outcome).toBe("valid");
    const bare = check({ method: "POST", path: `${P}/`, status: 400, body: { detail: "bad" } });
    expect(bare.outcome).toBe("invalid");
    expect(bare.errors.join("\n")).toMatch(/ErrorBody.*\/type/);
    // ...except where PostHog really answers an empty error (`test` without a destination).
    expect(check({ method: "GET", path: `${P}/test/`, status: 400, body: "" }).outcome).toBe("valid");
  });

  it("204 must have an empty body", () => {
    expect(check({ method: "DELETE", path: `${P}/${EXPORT_ID}/`, status: 204, body: null }).outcome).toBe("valid");
    expect(check({ method: "DELETE", path: `/api/organizations/${ORG_ID}/`, status: 204, body: {} }).outcome).toBe("invalid");
  });

  it("a 2xx on a method the document does not declare is a violation; unknown /api/ paths are too, other paths unchecked", () => {
    expect(check({ method: "PUT", path: `${P}/${EXPORT_ID}/runs/${RUN_ID}/`, status: 200, body: {} }).outcome).toBe("invalid");
    expect(check({ method: "GET", path: "/api/users/@me/", status: 200, body: {} }).outcome).toBe("invalid");
    expect(check({ method: "GET", path: "/api/projects/2/integrations/", status: 200, body: { count: 0, next: null, previous: null, results: [] } }).outcome).toBe("valid");
    expect(check({ method: "GET", path: "/api/projects/2/integrations/", status: 200, body: { results: "nope" } }).outcome).toBe("invalid");
    expect(check({ method: "POST", path: "/_emulator/clock", status: 200, body: {} }).outcome).toBe("unchecked");
  });
});

describe("recorder", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "contract-recordings-"));
    process.env[RECORDINGS_DIR_ENV] = dir;
  });
  afterEach(() => {
    delete process.env[RECORDINGS_DIR_ENV];
    rmSync(dir, { recursive: true, force: true });
  });

  it("appends one JSON line per response and reads them back for the contract suite", () => {
    recordResponse({ method: "post", path: `${P}/${EXPORT_ID}/pause/`, status: 200, body: { paused: true }, profile: "cloud" });
    recordResponse({ method: "DELETE", path: `${P}/${EXPORT_ID}/`, status: 204, body: undefined, profile: "cloud" });
    const recorded = readRecordings();
    expect(recorded.map((r) => [r.method, r.status, r.body])).toEqual([
      ["POST", 200, { paused: true }],
      ["DELETE", 204, null],
    ]);
    expect(recorded[0]?.file).toMatch(new RegExp(`^${process.pid}-.+\\.ndjson$`));
    expect(recorded.map((r) => checkResponse(r).outcome)).toEqual(["valid", "valid"]);
    clearRecordings();
    expect(readRecordings()).toEqual([]);
  });
});
