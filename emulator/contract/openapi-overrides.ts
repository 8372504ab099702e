import type { z } from "zod";
import {
  BackfillIdResponse,
  BatchExport,
  BatchExportBackfill,
  BatchExportBackfillPage,
  BatchExportPage,
  BatchExportRun,
  BatchExportRunPage,
  CancelledResponse,
  EnvironmentsRollbackResponse,
  ErrorBody,
  LogEntryPage,
  Organization,
  OrganizationPage,
  PausedResponse,
  RunLogEntryPage,
  Integration,
  IntegrationPage,
} from "../../lib/posthog";
import {
  convertComponentSchemas,
  createSchemaValidator,
  matchOperation,
  matchPathTemplate,
  splitConcretePath,
  type JsonSchema,
  type OpenApiSchema,
  type SchemaValidator,
} from "./openapi-document";
import type { RecordedResponse, RecordingProfile } from "./recorder";

/**
 * THE ONE PLACE where the known artefacts of `posthog-openapi-subset.json` are corrected.
 *
 * The document is PostHog's drf-spectacular schema as of roughly Nov 2025, re-emitted by openapi-generator
 * (SOURCE.md). It is older than the PostHog the emulator emulates, and drf-spectacular could not see the
 * real type of a few `SerializerMethodField`s or the bodies of the custom actions. Every correction below
 * names the section of POSTHOG-API.md (or SOURCE.md) that documents the real behaviour.
 *
 * Newer fields: **no component schema in the subset sets `additionalProperties: false`** (the only
 * `additionalProperties` are the `{}` of Organization.teams/projects items), so fields the document does not
 * know (BatchExport `timezone`, `offset_day`, …) pass without any override. The `NEWER_FIELDS` overrides
 * below are therefore not needed to pass; they only give those fields a type, so a wrong type fails. They
 * are not added to `required`, because the `legacy` profile (an older self-hosted PostHog) omits them.
 *
 * The response bodies of the custom actions (pause, unpause, cancel, retry, backfill(s), logs) are `{}` in
 * the document, and it declares no error responses at all; those are checked with the zod schemas of
 * `lib/posthog` (RESPONSE_OVERRIDES, and ErrorBody for every non-2xx).
 */

type Definitions = Record<string, JsonSchema>;

export interface SchemaOverride {
  /** `Component` or `Component.property`. */
  target: string;
  why: string;
  apply(definitions: Definitions): void;
}

const nullable = (schema: Record<string, unknown>) => ({ ...schema, type: [schema.type as string, "null"] });
const dateTime = { type: "string", format: "date-time" };
const uuid = { type: "string", format: "uuid" };

function component(definitions: Definitions, name: string): Record<string, unknown> {
  const schema = definitions[name];
  if (typeof schema !== "object") throw new Error(`openapi-overrides: component ${name} is missing from the document`);
  return schema;
}

function properties(definitions: Definitions, name: string): Record<string, JsonSchema> {
  const props = component(definitions, name).properties;
  if (typeof props !== "object" || props === null) throw new Error(`openapi-overrides: ${name} has no properties`);
  return props as Record<string, JsonSchema>;
}

function replaceProperty(name: string, property: string, schema: Record<string, unknown>) {
  return (definitions: Definitions) => {
    const props = properties(definitions, name);
    if (!(property in props)) throw new Error(`openapi-overrides: ${name}.${property} is not in the document any more`);
    props[property] = schema;
  };
}

function addEnumValues(name: string, values: readonly string[]) {
  return (definitions: Definitions) => {
    const schema = component(definitions, name);
    if (!Array.isArray(schema.enum)) throw new Error(`openapi-overrides: ${name} is not an enum`);
    schema.enum = [...schema.enum, ...values.filter((v) => !(schema.enum as unknown[]).includes(v))];
  };
}

function addOptionalProperties(name: string, added: Record<string, Record<string, unknown>>) {
  return (definitions: Definitions) => {
    const props = properties(definitions, name);
    for (const [property, schema] of Object.entries(added)) {
      if (property in props) throw new Error(`openapi-overrides: ${name}.${property} is now in the document; drop the override`);
      props[property] = schema;
    }
  };
}

export const SCHEMA_OVERRIDES: readonly SchemaOverride[] = [
  {
    target: "Organization.metadata",
    why:
      "POSTHOG-API.md §2.1: `metadata` is an object, `{\"instance_tag\": \"<INSTANCE_TAG>\"}`; drf-spectacular typed the " +
      "SerializerMethodField as string (artefact); the newest generated types have `{[k]: string}`.",
    apply: replaceProperty("Organization", "metadata", {
      type: "object",
      additionalProperties: { type: "string" },
      readOnly: true,
    }),
  },
  {
    target: "Organization.member_count",
    why:
      "POSTHOG-API.md §2.1: `member_count` is an integer (active members excluding bots); the document's string is a " +
      "drf-spectacular artefact of the SerializerMethodField.",
    apply: replaceProperty("Organization", "member_count", { type: "integer", minimum: 0, readOnly: true }),
  },
  {
    target: "BatchExportBackfill.progress",
    why:
      "POSTHOG-API.md §2.5: `progress` is `{total_runs, finished_runs, progress}` (each nullable) or null; the document's " +
      "string is an artefact (the newest backfills view declares the object with `extend_schema_field`).",
    apply: replaceProperty("BatchExportBackfill", "progress", {
      readOnly: true,
      type: ["object", "null"],
      properties: {
        total_runs: { type: ["integer", "null"] },
        finished_runs: { type: ["integer", "null"] },
        progress: { type: ["number", "null"], minimum: 0, maximum: 1 },
      },
      required: ["total_runs", "finished_runs", "progress"],
    }),
  },
  {
    target: "BatchExportDestinationTypeEnum",
    why:
      "POSTHOG-API.md §2.3 and SOURCE.md: the document predates the destination types AwsS3, S3Compatible, AzureBlob, " +
      "Workflows and FileDownload (MODELS `Destination`).",
    apply: addEnumValues("BatchExportDestinationTypeEnum", ["AwsS3", "S3Compatible", "AzureBlob", "Workflows", "FileDownload"]),
  },
  {
    target: "IntervalEnum",
    why: "POSTHOG-API.md §2.2 and SOURCE.md: the document's interval enum lacks `every 15 minutes` (MODELS `BATCH_EXPORT_INTERVALS`).",
    apply: addEnumValues("IntervalEnum", ["every 15 minutes"]),
  },
  {
    target: "BatchExport.model",
    why: "POSTHOG-API.md §2.2: the newest `BatchExport.Model` adds `hogql`, which the document's enum lacks.",
    apply: replaceProperty("BatchExport", "model", {
      type: ["string", "null"],
      enum: ["events", "persons", "sessions", "hogql", "", null],
    }),
  },
  {
    target: "BatchExport.hogql_query",
    why:
      "POSTHOG-API.md §2.2 (newest example has `\"hogql_query\": null`): the newest serializer declares it " +
      "`CharField(required=False, allow_null=True)`; the document's non-null string predates that.",
    apply: replaceProperty("BatchExport", "hogql_query", { type: ["string", "null"] }),
  },
  // --- NEWER_FIELDS: typed when present, never required (see the header) ---------------------------------
  {
    target: "BatchExport (newer fields)",
    why:
      "SOURCE.md age caveat, POSTHOG-API.md §2.2: timezone, offset_day (0-6), offset_hour (0-23), and the hogql-model " +
      "fields are newer than the document. Not required: the legacy profile omits them.",
    apply: addOptionalProperties("BatchExport", {
      timezone: { type: ["string", "null"] },
      offset_day: { type: ["integer", "null"], minimum: 0, maximum: 6 },
      offset_hour: { type: ["integer", "null"], minimum: 0, maximum: 23 },
      hogql_modifiers: { type: ["object", "null"] },
      primary_key: { type: ["array", "null"], items: { type: "string" } },
      version_key: { type: ["array", "null"], items: { type: "string" } },
      incremental_mode: { type: ["string", "null"] },
    }),
  },
  {
    target: "BatchExportRun (newer fields)",
    why: "SOURCE.md, POSTHOG-API.md §2.4: `records_failed` and `batch_export_on_demand` are newer than the document.",
    apply: addOptionalProperties("BatchExportRun", {
      records_failed: nullable({ type: "integer" }),
      batch_export_on_demand: { ...uuid, type: ["string", "null"] },
    }),
  },
  {
    target: "BatchExportBackfill (newer fields)",
    why: "SOURCE.md, POSTHOG-API.md §2.5: `total_records_count` and `adjusted_start_at` are newer than the document.",
    apply: addOptionalProperties("BatchExportBackfill", {
      total_records_count: nullable({ type: "integer" }),
      adjusted_start_at: { ...dateTime, type: ["string", "null"] },
    }),
  },
  {
    target: "Organization (newer fields)",
    why:
      "SOURCE.md, POSTHOG-API.md §2.1: `is_active`, `is_not_active_reason`, `is_pending_deletion` are newest-only " +
      "(`default_anonymize_ips` is already in the document).",
    apply: addOptionalProperties("Organization", {
      is_active: nullable({ type: "boolean" }),
      is_not_active_reason: nullable({ type: "string" }),
      is_pending_deletion: nullable({ type: "boolean" }),
    }),
  },
];

let patched: Definitions | undefined;
let patchedValidator: SchemaValidator | undefined;

/** The document's component schemas (converted to JSON Schema) with every SCHEMA_OVERRIDE applied. */
export function overriddenDefinitions(): Definitions {
  if (!patched) {
    const definitions = structuredClone(convertComponentSchemas());
    for (const override of SCHEMA_OVERRIDES) override.apply(definitions);
    patched = definitions;
  }
  return patched;
}

/** A validator over the overridden component schemas. */
export function overriddenDocumentValidator(): SchemaValidator {
  patchedValidator ??= createSchemaValidator(overriddenDefinitions());
  return patchedValidator;
}

// -----------------------------------------------------------------------------------------------------------
// Response overrides: bodies the document does not (correctly) describe.

export type BodyRule =
  | { kind: "zod"; label: string; schema: z.ZodType }
  /** No body at all. */
  | { kind: "empty" }
  /** Any JSON body: the shape is unverified, so only its presence is checked. */
  | { kind: "any-json" }
  /** This status must not happen for this operation in this profile. */
  | { kind: "forbidden" };

export interface ResponseOverride {
  /** `actionKey`s (see openapi-document.ts): one entry covers the organization, project and environment variants. */
  actions: readonly string[];
  status: number;
  profiles: readonly RecordingProfile[];
  why: string;
  body: BodyRule;
}

const BOTH: readonly RecordingProfile[] = ["cloud", "legacy"];
const backfillId: BodyRule = { kind: "zod", label: "lib/posthog BackfillIdResponse", schema: BackfillIdResponse };

export const RESPONSE_OVERRIDES: readonly ResponseOverride[] = [
  {
    actions: ["batch_exports_backfills_create"],
    status: 201,
    profiles: ["cloud"],
    why:
      "POSTHOG-API.md §1.2 / §3.3 and §9.1: POST .../backfills/ answers 201 `{\"backfill_id\": \"<uuid4>\"}`, not the " +
      "BatchExportBackfill object the document declares (drf-spectacular's default for `create`).",
    body: backfillId,
  },
  {
    actions: ["batch_exports_backfills_create"],
    status: 200,
    profiles: ["legacy"],
    why: "POSTHOG-API.md §1.2: BE-old answered 200 `{\"backfill_id\": \"<temporal workflow id>\"}`.",
    body: backfillId,
  },
  {
    actions: ["batch_exports_runs_retry_create"],
    status: 201,
    profiles: ["cloud"],
    why: "POSTHOG-API.md §1.2: retry answers 201 `{\"backfill_id\"}` in BE-mid/new; the document declares 200 with no body.",
    body: backfillId,
  },
  {
    actions: ["batch_exports_runs_retry_create"],
    status: 200,
    profiles: ["legacy"],
    why: "POSTHOG-API.md §1.2: BE-old answered retry with 200 `{\"backfill_id\"}`.",
    body: backfillId,
  },
  {
    actions: ["batch_exports_backfill_create"],
    status: 200,
    profiles: ["legacy"],
    why: "POSTHOG-API.md §1.2: the deprecated POST .../{id}/backfill/ answered 200 `{\"backfill_id\"}`; the document has no body schema.",
    body: backfillId,
  },
  {
    actions: ["batch_exports_backfill_create"],
    status: 200,
    profiles: ["cloud"],
    why:
      "POSTHOG-API.md §1.2 and §9.1: the deprecated backfill action was removed in BE-mid/BE-new; newest PostHog answers 404 " +
      "(the document still lists it).",
    body: { kind: "forbidden" },
  },
  {
    actions: ["batch_exports_pause_create"],
    status: 200,
    profiles: BOTH,
    why: "POSTHOG-API.md §1.2: pause answers 200 `{\"paused\": true}` (idempotent); the document has no body schema.",
    body: { kind: "zod", label: "lib/posthog PausedResponse (paused: true)", schema: PausedResponse.refine((b) => b.paused, "paused must be true after pause") },
  },
  {
    actions: ["batch_exports_unpause_create"],
    status: 200,
    profiles: BOTH,
    why: "POSTHOG-API.md §1.2: unpause answers 200 `{\"paused\": false}`; the document has no body schema.",
    body: { kind: "zod", label: "lib/posthog PausedResponse (paused: false)", schema: PausedResponse.refine((b) => !b.paused, "paused must be false after unpause") },
  },
  {
    actions: ["batch_exports_runs_cancel_create", "batch_exports_backfills_cancel_create"],
    status: 200,
    profiles: BOTH,
    why: "POSTHOG-API.md §1.2: cancel answers 200 `{\"cancelled\": true}`; the document has no body schema.",
    body: { kind: "zod", label: "lib/posthog CancelledResponse", schema: CancelledResponse },
  },
  {
    actions: ["batch_exports_logs_retrieve"],
    status: 200,
    profiles: BOTH,
    why: "POSTHOG-API.md §2.6: export logs are a limit/offset page of log entries; the document has no body schema.",
    body: { kind: "zod", label: "lib/posthog LogEntryPage", schema: LogEntryPage },
  },
  {
    actions: ["batch_exports_runs_logs_retrieve"],
    status: 200,
    profiles: BOTH,
    why:
      "POSTHOG-API.md §2.6: run logs are a page of log entries (envelope unverified: limit/offset or cursor); the " +
      "document has no body schema.",
    body: { kind: "zod", label: "lib/posthog RunLogEntryPage", schema: RunLogEntryPage },
  },
  {
    actions: ["environments_rollback_create"],
    status: 202,
    profiles: BOTH,
    why:
      "POSTHOG-API.md §1.1: environments_rollback answers 202 `{\"success\": true, \"message\": \"Migration started\"}`; the " +
      "document's 200 Organization is drf-spectacular's default.",
    body: { kind: "zod", label: "lib/posthog EnvironmentsRollbackResponse", schema: EnvironmentsRollbackResponse },
  },
  {
    actions: ["environments_rollback_create"],
    status: 200,
    profiles: BOTH,
    why: "POSTHOG-API.md §1.1: environments_rollback answers 202, never 200 with an Organization.",
    body: { kind: "forbidden" },
  },
  {
    actions: ["batch_exports_test_retrieve", "batch_exports_run_test_step_create", "batch_exports_run_test_step_new_create"],
    status: 200,
    profiles: BOTH,
    why: "POSTHOG-API.md §1.2: the destination-test bodies are unverified; the document has no body schema.",
    body: { kind: "any-json" },
  },
  {
    actions: ["batch_exports_test_retrieve"],
    status: 400,
    profiles: BOTH,
    why: "POSTHOG-API.md §1.2: `test` without `destination` answers 400 with an empty body (a bare Response, not an exception).",
    body: { kind: "empty" },
  },
  {
    actions: ["batch_exports_test_retrieve"],
    status: 404,
    profiles: BOTH,
    why: "POSTHOG-API.md §1.2: `test` with an unknown destination answers 404 with an empty body.",
    body: { kind: "empty" },
  },
];

/**
 * Cross-check for the `cloud` profile: 2xx bodies described by these components are also parsed with the
 * newest-shape schemas of `lib/posthog`, because that is what the dashboard parses PostHog's answers with.
 * A body the old document accepts but the dashboard cannot read is still a broken contract.
 */
export const NEWEST_SHAPES: Readonly<Record<string, { label: string; schema: z.ZodType }>> = {
  Organization: { label: "lib/posthog Organization", schema: Organization },
  PaginatedOrganizationList: { label: "lib/posthog OrganizationPage", schema: OrganizationPage },
  BatchExport: { label: "lib/posthog BatchExport", schema: BatchExport },
  PaginatedBatchExportList: { label: "lib/posthog BatchExportPage", schema: BatchExportPage },
  BatchExportRun: { label: "lib/posthog BatchExportRun", schema: BatchExportRun },
  PaginatedBatchExportRunList: { label: "lib/posthog BatchExportRunPage", schema: BatchExportRunPage },
  BatchExportBackfill: { label: "lib/posthog BatchExportBackfill", schema: BatchExportBackfill },
  PaginatedBatchExportBackfillList: { label: "lib/posthog BatchExportBackfillPage", schema: BatchExportBackfillPage },
};

// -----------------------------------------------------------------------------------------------------------
// Checking one recorded response

export type CheckOutcome = "valid" | "invalid" | "unchecked";

export interface ResponseCheck {
  outcome: CheckOutcome;
  /** Stable grouping key for reports: operation (or path template) + method + status (+ profile when legacy). */
  group: string;
  operationId: string | null;
  actionKey: string | null;
  pathTemplate: string | null;
  /** What the body was checked against, e.g. `openapi #/components/schemas/BatchExport (+overrides)`. */
  checkedAgainst: string[];
  errors: string[];
}

export function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || body === "";
}

export function findResponseOverride(
  actionKey: string,
  status: number,
  profile: RecordingProfile,
): ResponseOverride | undefined {
  return RESPONSE_OVERRIDES.find((o) => o.status === status && o.profiles.includes(profile) && o.actions.includes(actionKey));
}

export interface CheckOptions {
  /** Parse cloud-profile bodies with lib/posthog's newest shapes too (default true). */
  newestShapes?: boolean;
}

/**
 * Checks one recorded response against the document (with SCHEMA_OVERRIDES applied), RESPONSE_OVERRIDES,
 * the error-body schema (every non-2xx) and the empty-body rule (every 204).
 */
/**
 * Paths the emulator serves that the OpenAPI subset leaves out (it holds only organization and batch
 * export paths). Their bodies are checked against the dashboard's own schemas instead, so nothing the
 * emulator answers goes unchecked. Integrations: `posthog/api/integration.py`, as read for lib/posthog.
 */
const OUTSIDE_DOCUMENT: Array<{ method: string; pattern: RegExp; schema: z.ZodType; why: string }> = [
  { method: "GET", pattern: /^\/api\/(projects|environments)\/[^/]+\/integrations\/?$/, schema: IntegrationPage, why: "integrations list" },
  { method: "POST", pattern: /^\/api\/(projects|environments)\/[^/]+\/integrations\/?$/, schema: Integration, why: "integration create" },
  { method: "GET", pattern: /^\/api\/(projects|environments)\/[^/]+\/integrations\/[^/]+\/?$/, schema: Integration, why: "integration retrieve" },
];

export function checkResponse(entry: RecordedResponse, options: CheckOptions = {}): ResponseCheck {
  const method = entry.method.toUpperCase();
  const { status, body, profile } = entry;
  const success = status >= 200 && status < 300;
  const match = matchOperation(method, entry.path);
  const template = match ?? matchPathTemplate(entry.path);
  const pathTemplate = template?.pathTemplate ?? null;
  const subject = match
    ? `${match.operationId} (${method} ${match.pathTemplate})`
    : `${method} ${pathTemplate ?? `${normalizePath(entry.path)} (not in the document)`}`;
  const group = `${subject} → ${status}${profile === "legacy" ? " [legacy]" : ""}`;
  const base = { group, operationId: match?.operationId ?? null, actionKey: match?.actionKey ?? null, pathTemplate };

  const { segments } = splitConcretePath(entry.path);
  if (segments[0] !== "api") {
    return { ...base, outcome: "unchecked", checkedAgainst: [], errors: ["not a PostHog API path (outside /api/)"] };
  }

  const override = match ? findResponseOverride(match.actionKey, status, profile) : undefined;
  if (override) return { ...base, ...applyBodyRule(override.body, body, `openapi-overrides: ${override.why}`) };

  if (!success) {
    return { ...base, ...checkZod("lib/posthog ErrorBody (every non-2xx, POSTHOG-API.md §3.1)", ErrorBody, body) };
  }

  if (!match) {
    if (pathTemplate) {
      return {
        ...base,
        outcome: "invalid",
        checkedAgainst: [],
        errors: [`${method} is not an operation of ${pathTemplate} in the document: PostHog answers 405 there, not ${status}`],
      };
    }
    const outside = OUTSIDE_DOCUMENT.find((rule) => rule.method === method && rule.pattern.test(normalizePath(entry.path)));
    if (outside) return { ...base, ...checkZod(`lib/posthog (${outside.why})`, outside.schema, body) };
    return { ...base, outcome: "invalid", checkedAgainst: [], errors: ["path not in the OpenAPI subset and no schema for it in OUTSIDE_DOCUMENT"] };
  }

  if (status === 204) {
    const declared = match.responseSchema(204);
    if (!declared.declared) return undeclared(base, match.declaredStatuses, status);
    return { ...base, ...applyBodyRule({ kind: "empty" }, body, "204 has no body") };
  }

  const declared = match.responseSchema(status);
  if (!declared.declared) return undeclared(base, match.declaredStatuses, status);
  if (!declared.schema) {
    return {
      ...base,
      outcome: "invalid",
      checkedAgainst: [],
      errors: [
        `the document declares ${status} for ${match.operationId} without a body schema, and openapi-overrides.ts has no ` +
          `RESPONSE_OVERRIDE for it: add one (with the source that documents the body)`,
      ],
    };
  }

  const checkedAgainst = [`openapi ${describeSchema(declared.schema)} (+overrides)`];
  const errors = overriddenDocumentValidator().validateOpenApi(declared.schema, body).map((e) => `[openapi] ${e}`);
  const componentName = componentOf(declared.schema);
  const newest = componentName ? NEWEST_SHAPES[componentName] : undefined;
  if (profile === "cloud" && newest && (options.newestShapes ?? true)) {
    checkedAgainst.push(newest.label);
    errors.push(...zodErrors(newest.schema, body).map((e) => `[${newest.label}] ${e}`));
  }
  return { ...base, outcome: errors.length ? "invalid" : "valid", checkedAgainst, errors };
}

function undeclared(base: Omit<ResponseCheck, "outcome" | "checkedAgainst" | "errors">, declared: number[], status: number): ResponseCheck {
  return {
    ...base,
    outcome: "invalid",
    checkedAgainst: [],
    errors: [
      `status ${status} is not declared for ${base.operationId} (the document declares ${declared.join(", ") || "nothing"}) ` +
        `and openapi-overrides.ts has no RESPONSE_OVERRIDE for it`,
    ],
  };
}

function applyBodyRule(rule: BodyRule, body: unknown, source: string): Pick<ResponseCheck, "outcome" | "checkedAgainst" | "errors"> {
  switch (rule.kind) {
    case "empty":
      return isEmptyBody(body)
        ? { outcome: "valid", checkedAgainst: [`empty body (${source})`], errors: [] }
        : { outcome: "invalid", checkedAgainst: [`empty body (${source})`], errors: [`expected no body, got ${preview(body)}`] };
    case "any-json":
      return isEmptyBody(body)
        ? { outcome: "invalid", checkedAgainst: ["any JSON body"], errors: ["expected a JSON body, got none"] }
        : { outcome: "valid", checkedAgainst: ["any JSON body (shape unverified)"], errors: [] };
    case "forbidden":
      return { outcome: "invalid", checkedAgainst: [], errors: [`this status must not happen: ${source}`] };
    case "zod":
      return checkZod(rule.label, rule.schema, body);
  }
}

function checkZod(label: string, schema: z.ZodType, body: unknown): Pick<ResponseCheck, "outcome" | "checkedAgainst" | "errors"> {
  const errors = zodErrors(schema, body).map((e) => `[${label}] ${e}`);
  return { outcome: errors.length ? "invalid" : "valid", checkedAgainst: [label], errors };
}

/** Readable zod issues: `path: message`, union branches flattened. */
export function zodErrors(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  const out: string[] = [];
  const visit = (issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]) => {
    for (const issue of issues) {
      const path = [...prefix, ...issue.path];
      if (issue.code === "invalid_union" && issue.errors.length > 0) {
        issue.errors.forEach((branch, i) => {
          out.push(`${formatPath(path)}: matches no branch of the union; branch ${i + 1} of ${issue.errors.length} says:`);
          visit(branch, path);
        });
      } else {
        out.push(`${formatPath(path)}: ${issue.message}`);
      }
    }
  };
  visit(result.error.issues, []);
  return out;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.length ? `/${path.map(String).join("/")}` : "(body)";
}

function componentOf(schema: OpenApiSchema): string | undefined {
  const ref = schema.$ref;
  if (typeof ref !== "string") return undefined;
  return /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1];
}

function describeSchema(schema: OpenApiSchema): string {
  return typeof schema.$ref === "string" ? schema.$ref : JSON.stringify(schema).slice(0, 80);
}

/** Concrete path without query, ids replaced, for grouping responses outside the document. */
export function normalizePath(concretePath: string): string {
  const { segments } = splitConcretePath(concretePath);
  const shaped = segments.map((s) =>
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) || /^\d+$/.test(s) ? "{id}" : s,
  );
  return `/${shaped.join("/")}/`;
}

function preview(body: unknown): string {
  const text = typeof body === "string" ? JSON.stringify(body) : JSON.stringify(body) ?? String(body);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
