import { isIP } from "node:net";
import { domainToASCII } from "node:url";

import { ApiError, permissionDenied, requiredField, serverError, validationError } from "../http/api-error";
import {
  type DestinationSpec,
  OBJECT_STORAGE_TYPES,
  baseConfigKeys,
  destinationSpec,
  destinationTypesFor,
} from "./destinations";

/**
 * Validation of a batch export's `destination` as PostHog's serializers do it, in the same order, so the
 * first error a client sees is the one PostHog would report. Three layers, as in DRF:
 *  1. field checks on `type`, `config`, `integration`, `integration_id` (attr `destination__<field>`);
 *  2. `BatchExportDestinationSerializer.validate`: the config against the workflow dataclass
 *     (attr `destination__non_field_errors`);
 *  3. `BatchExportSerializer.validate_destination`: cross-field rules (attr `destination`), then the
 *     serializer-wide HTTP model rule (attr null).
 * Sources: BE-new `exports.py` @0551d5e8 and `destinations.py` @475d263f; legacy rules from BE-old
 * `posthog/batch_exports/http.py`.
 */

export interface ExistingDestination {
  type: string;
  config: Record<string, unknown>;
  integrationId: number | null;
}

/** `config` is optional: give it and the Snowflake/Redshift checks that read an integration's own config run too. */
export interface IntegrationRef {
  id: number;
  kind: string;
  config?: Record<string, unknown>;
}

export interface DestinationContext {
  /** PATCH semantics: missing required config keys allowed. */
  partial: boolean;
  /** Set on update (PUT/PATCH); config is deep-merged into existing.config. */
  existing: ExistingDestination | null;
  /** Effective model of the export ("events", "persons", "sessions"). */
  model: string;
  /** Integrations of the export's team only. */
  findIntegration(id: number): IntegrationRef | null;
  /** Older self-hosted PostHog: inline credentials accepted, integrations optional, legacy "S3" accepted. */
  legacyProfile: boolean;
  /**
   * Feature flags PostHog consults here (`backfill-workflows-destination`, legacy
   * `databricks-batch-exports`). Absent means off, as for most teams.
   */
  featureEnabled?(flag: string): boolean;
}

export interface ValidDestination {
  type: string;
  config: Record<string, unknown>;
  integrationId: number | null;
}

const ALLOWED_HTTP_URLS = ["https://us.i.posthog.com/batch/", "https://eu.i.posthog.com/batch/"];

/** Insertion order matters: PostHog prints `list(dict.keys())` in its error. */
const SUPPORTED_COMPRESSIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ["Parquet", ["zstd", "lz4", "snappy", "gzip", "brotli"]],
  ["JSONLines", ["gzip", "brotli"]],
]);

const S3_DEPRECATED =
  "The 'S3' destination type is deprecated and can no longer be used. " +
  "Use 'AwsS3' for AWS S3, or 'S3Compatible' for S3-compatible storage.";
const LEGACY_PARQUET_REFUSED =
  "'legacy_parquet_extension' can only stay on for an export that already writes the compression codec " +
  "into its Parquet file names. It cannot be turned on for a new export, or turned back on once an export " +
  "moved to the standard '.parquet' extension.";
const INVALID_HOST = "Invalid host. Enter a hostname or IP address without credentials, scheme, or path.";
const UNREACHABLE_HOST =
  "Could not reach this host. Check that the hostname is correct and reachable from the internet.";
const AWS_CREDENTIAL_KEYS = ["aws_access_key_id", "aws_secret_access_key"];

export function validateDestination(input: unknown, ctx: DestinationContext): ValidDestination {
  const fields = readFields(input, ctx);
  const spec = destinationSpec(fields.type, ctx.legacyProfile);
  // Placed ahead of the config checks (PostHog @009018c1 raises it from validate_destination) so an old
  // client sending inline AWS keys learns about the rename instead of getting an unknown-field error.
  if (spec === undefined) throw destinationError(S3_DEPRECATED);

  const config = validateConfig(spec, fields.config, ctx);
  const result = ctx.legacyProfile ? checkLegacy(fields, config, ctx) : checkCurrent(fields, spec, config, ctx);

  // BatchExportSerializer.validate runs after every field, so this loses to any destination error.
  if (result.type === "HTTP" && ctx.model !== "events") {
    throw validationError("HTTP batch exports only support the events model", null);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Layer 1: DRF field checks

interface GivenIntegration {
  /** Whether `integration` or `integration_id` was in the body at all (an explicit null counts). */
  given: boolean;
  value: IntegrationRef | null;
}

interface DestinationFields {
  type: string;
  config: Record<string, unknown>;
  integration: GivenIntegration;
}

function readFields(input: unknown, ctx: DestinationContext): DestinationFields {
  if (input === undefined) throw requiredField("destination");
  if (input === null) throw nullField("destination");
  if (!isPlainObject(input)) {
    throw validationError(
      `Invalid data. Expected a dictionary, but got ${pyTypeName(input)}.`,
      "destination__non_field_errors",
    );
  }

  // DRF validates every field and the handler reports the first in declaration order; throwing in that
  // order gives the same answer.
  const type = getOwn(input, "type");
  if (type === undefined) {
    if (!ctx.partial) throw requiredField("destination__type");
  } else if (type === null) {
    throw nullField("destination__type");
  } else if (!(destinationTypesFor(ctx.legacyProfile) as readonly string[]).includes(pyStr(type))) {
    throw validationError(`"${pyStr(type)}" is not a valid choice.`, "destination__type", "invalid_choice");
  }

  const config = getOwn(input, "config");
  if (config === undefined) {
    if (!ctx.partial) throw requiredField("destination__config");
  } else if (config === null) {
    throw nullField("destination__config");
  }

  const integration = readIntegration(input, "integration", ctx);
  const integrationId = readIntegration(input, "integration_id", ctx);

  // PATCH skips required fields, then PostHog's validate() indexes attrs["type"] / attrs["config"] and
  // a non-dict config has no .keys(): all three are unhandled exceptions upstream.
  if (type === undefined || config === undefined || !isPlainObject(config)) throw serverError();

  return {
    type: pyStr(type),
    config,
    // Both fields write to the same source, and integration_id is declared last, so it wins.
    integration: integrationId.given ? integrationId : integration,
  };
}

function readIntegration(input: Record<string, unknown>, key: string, ctx: DestinationContext): GivenIntegration {
  const raw = getOwn(input, key);
  if (raw === undefined) return { given: false, value: null };
  // RelatedField turns "" into None before the null check.
  if (raw === null || raw === "") return { given: true, value: null };

  const attr = `destination__${key}`;
  const pk = parsePrimaryKey(raw);
  if (pk === null) {
    throw validationError(`Incorrect type. Expected pk value, received ${pyTypeName(raw)}.`, attr, "incorrect_type");
  }
  const found = ctx.findIntegration(pk);
  if (found === null) {
    throw validationError(`Invalid pk "${pyStr(raw)}" - object does not exist.`, attr, "does_not_exist");
  }
  return { given: true, value: found };
}

/** What Django's integer pk lookup accepts: ints (floats truncate), and strings `int()` can parse. */
function parsePrimaryKey(raw: unknown): number | null {
  if (typeof raw === "number") return Math.trunc(raw);
  if (typeof raw === "string") return parsePythonInt(raw);
  return null;
}

// ---------------------------------------------------------------------------------------------------
// Layer 2: the config against the workflow dataclass

function validateConfig(
  spec: DestinationSpec,
  input: Record<string, unknown>,
  ctx: DestinationContext,
): Record<string, unknown> {
  const known = new Set([...spec.fields.map((field) => field.name), ...baseConfigKeys(ctx.legacyProfile)]);
  const unknown = Object.keys(input)
    .filter((key) => !known.has(key))
    .sort();
  if (unknown.length > 0) {
    throw configError(`Configuration has unknown field/s: ${unknown.map((key) => `'${key}'`).join(", ")}`);
  }

  const config = cloneJson(input);
  // PostHog walks a set of dataclass fields, so its order is arbitrary; declaration order is stable.
  for (const field of spec.fields) {
    if (!Object.hasOwn(config, field.name)) {
      if (field.required && !ctx.partial) throw configError(`Configuration missing required field: '${field.name}'`);
      continue;
    }
    if (!field.checked) continue;

    const value = config[field.name];
    const coerced = coerceToDeclared(value, field.type);
    if (!coerced.ok) {
      throw configError(`Configuration has invalid type: got '${pyTypeName(value)}', expected '${field.type}'`);
    }
    setOwn(config, field.name, coerced.value);
  }
  return config;
}

type Coerced = { ok: true; value: unknown } | { ok: false };

/** `isinstance` first, then PostHog's only two casts: str→bool (`str_to_bool`) and str→int (`int()`). */
function coerceToDeclared(value: unknown, type: string): Coerced {
  switch (type) {
    case "str":
      return typeof value === "string" ? { ok: true, value } : { ok: false };
    case "int": {
      // isinstance(True, int) holds in Python, so booleans pass unchanged.
      const isInt = typeof value === "number" && Number.isInteger(value);
      if (isInt || typeof value === "boolean") return { ok: true, value };
      const parsed = typeof value === "string" ? parsePythonInt(value) : null;
      return parsed === null ? { ok: false } : { ok: true, value: parsed };
    }
    case "bool":
      if (typeof value === "boolean") return { ok: true, value };
      return typeof value === "string" ? { ok: true, value: strToBool(value) } : { ok: false };
    case "list":
      return Array.isArray(value) ? { ok: true, value } : { ok: false };
    default:
      return isPlainObject(value) ? { ok: true, value } : { ok: false };
  }
}

/** posthog.utils.str_to_bool: never fails, anything unrecognised is false. */
function strToBool(value: string): boolean {
  return ["y", "yes", "t", "true", "on", "1"].includes(value.toLowerCase());
}

/** Python's `int(str)`: surrounding whitespace, a sign, digits with single underscores between them. */
function parsePythonInt(text: string): number | null {
  const match = /^\s*([+-]?\d+(?:_\d+)*)\s*$/.exec(text);
  return match?.[1] === undefined ? null : Number(match[1].replaceAll("_", ""));
}

// ---------------------------------------------------------------------------------------------------
// Layer 3, current PostHog (BE-new validate_destination)

function checkCurrent(
  fields: DestinationFields,
  spec: DestinationSpec,
  config: Record<string, unknown>,
  ctx: DestinationContext,
): ValidDestination {
  const { type } = fields;
  const existing = ctx.existing;

  if (existing !== null && type !== existing.type) {
    throw destinationError(
      `Cannot change destination type from '${existing.type}' to '${type}'. ` +
        "Delete this batch export and create a new one with the new destination type.",
    );
  }
  if (getOwn(config, "legacy_parquet_extension") === true && !usesLegacyParquetExtension(existing?.config ?? {})) {
    throw destinationError(LEGACY_PARQUET_REFUSED);
  }

  const existingConfig = existing === null ? {} : cloneJson(existing.config);
  const merged = recursiveMerge(existingConfig, config);
  const given = fields.integration;
  // S3 family and Snowflake fall back to the stored integration when the body names none; every other
  // type reads only what was sent, so a config-only PATCH can fail there (as it does upstream).
  const givenOrStored = (): IntegrationRef | null =>
    !given.given && existing !== null && existing.integrationId !== null
      ? ctx.findIntegration(existing.integrationId)
      : given.value;

  checkHttpUrl(type, merged);

  if (type === "Snowflake") {
    const integration = givenOrStored();
    if (integration === null) throw destinationError("Integration is required for Snowflake batch exports");
    if (integration.kind !== "snowflake") {
      throw destinationError(`Integration provided is not a Snowflake integration (got kind='${integration.kind}')`);
    }
    for (const key of ["account", "user", "authentication_type"]) {
      if (integration.config !== undefined && !Object.hasOwn(integration.config, key)) {
        throw destinationError(`Snowflake integration is not valid: '${key}' missing`);
      }
    }
  }

  if (type === "AwsS3" || type === "S3Compatible") {
    const integration = givenOrStored();
    if (integration === null) throw destinationError(`Integration is required for ${type} batch exports`);
    checkEmptyInputs(config, ["bucket_name", "region", "prefix"]);
    if (integration.kind !== spec.integrationKind) {
      // Upstream says "AWS S3" for S3Compatible too.
      throw destinationError(`Integration provided is not an AWS S3 integration (got kind='${integration.kind}')`);
    }
    checkFileFormatAndCompression(merged);
  }

  if (type === "Databricks") {
    requireIntegration(given.value, "Databricks", "databricks", "Integration is not a Databricks integration.");
  }

  if (type === "Postgres") {
    // Exports made before integrations keep inline credentials, so only creation needs one.
    if (given.value === null && existing === null) {
      throw destinationError("Integration is required for Postgres batch exports");
    }
    if (given.value !== null && given.value.kind !== "postgresql") {
      throw destinationError("Integration is not a PostgreSQL integration.");
    }
  }

  if (type === "BigQuery") {
    requireIntegration(
      given.value,
      "BigQuery",
      "google-cloud-service-account",
      "Integration is not a Google Cloud service account integration.",
    );
  }

  if (type === "AzureBlob") {
    requireIntegration(given.value, "Azure Blob", "azure-blob", "Integration is not an Azure Blob integration.");
    checkFileFormatAndCompression(merged);
  }

  if (type === "Redshift") checkRedshiftCurrent(given.value, merged, existing, ctx);

  if (type === "Workflows" && !(ctx.featureEnabled?.("backfill-workflows-destination") ?? false)) {
    throw permissionDenied("Backfilling Workflows is not enabled for this team.");
  }

  if (type === "Postgres" || type === "Redshift") {
    // The integration's own host wins when it has one, so a stale config host cannot dodge the check.
    const host = (given.value?.config ? getOwn(given.value.config, "host") : undefined) ?? getOwn(merged, "host");
    if (host !== undefined && host !== null) {
      const verdict = judgeHost(host);
      if (verdict === "shape") throw destinationError(INVALID_HOST);
      if (verdict === "unreachable") throw destinationError(UNREACHABLE_HOST);
    }
  }

  const integrationId = given.given ? (given.value?.id ?? null) : (existing?.integrationId ?? null);
  const stored =
    existing === null
      ? withCreateDefaults(spec, config)
      : recursiveMerge(pinParquetExtension(type, existingConfig), config);
  return { type, config: coerceDeclaredTypes(spec, stored), integrationId };
}

function requireIntegration(
  integration: IntegrationRef | null,
  label: string,
  kind: string,
  wrongKindMessage: string,
): void {
  if (integration === null) throw destinationError(`Integration is required for ${label} batch exports`);
  if (integration.kind !== kind) throw destinationError(wrongKindMessage);
}

function checkRedshiftCurrent(
  integration: IntegrationRef | null,
  merged: Record<string, unknown>,
  existing: ExistingDestination | null,
  ctx: DestinationContext,
): void {
  // Sticky: once an export authenticates through an integration it cannot drop back to inline
  // credentials, and omitting `integration` counts as dropping it.
  if (existing !== null && existing.integrationId !== null && integration === null) {
    throw destinationError(
      "Cannot remove the integration from a Redshift batch export that uses one. " +
        "Re-send its `integration` to keep it (or a different one to swap).",
    );
  }
  if (integration === null && existing === null) {
    throw destinationError("Integration is required for Redshift batch exports");
  }
  if (integration !== null) {
    if (integration.kind !== "aws-redshift") throw destinationError("Integration is not a Redshift integration.");
    // Only checkable when the caller shares the integration's config (plain Redshift ones hold a host).
    if (
      integration.config !== undefined &&
      !Object.hasOwn(integration.config, "host") &&
      !pyTruthy(getOwn(merged, "host"))
    ) {
      throw destinationError(
        "A 'host' is required when using an AWS Redshift integration: set it to the cluster or workgroup endpoint.",
      );
    }
  }
  if (getOwn(merged, "mode") === "COPY") checkCopyInputsCurrent(merged, existing, ctx);
}

function checkCopyInputsCurrent(
  merged: Record<string, unknown>,
  existing: ExistingDestination | null,
  ctx: DestinationContext,
): void {
  const copy = requireCopyInputs(merged);
  const bucketCredentials = copy["bucket_credentials"];
  const authorization = copy["authorization"];
  const bucketIntegrationId = integrationIdOf(bucketCredentials);
  const authorizationIntegrationId = integrationIdOf(authorization);
  const storedCopy = getOwn(existing?.config ?? {}, "copy_inputs");
  const existingCopy = isPlainObject(storedCopy) ? storedCopy : {};

  const referenced: [string, number | null][] = [
    ["bucket_credentials", bucketIntegrationId],
    ["authorization", authorizationIntegrationId],
  ];
  for (const [name, id] of referenced) {
    if (existing !== null && id === null && integrationIdOf(getOwn(existingCopy, name)) !== null) {
      throw destinationError(
        `Cannot switch '${name}' from an integration to inline credentials. ` +
          "Send a different integration ID to swap, or omit the field to keep the current one.",
      );
    }
    if (id === null) continue;
    // These ids sit inside config, outside the team-scoped field, so ownership is checked here.
    if (ctx.findIntegration(id)?.kind !== "aws-s3") {
      throw destinationError(`'${name}' does not reference an AWS S3 integration of this project.`);
    }
  }

  if (bucketIntegrationId === null && !hasAwsCredentials(bucketCredentials)) {
    throw destinationError("Missing required bucket credentials for 'COPY'");
  }
  if (authorizationIntegrationId === null) {
    if (isPlainObject(authorization)) {
      if (!hasAwsCredentials(authorization)) throw destinationError("Missing required credentials for 'COPY'");
    } else if (typeof authorization === "string") {
      if (authorization.trim() === "") throw destinationError("Missing required IAM role for 'COPY'");
    } else {
      throw destinationError(
        "Authorization for 'COPY' must be an IAM role ARN, AWS credentials, or an integration ID.",
      );
    }
  }
}

/** The stored config is encrypted JSON that may stringify ints, so digit strings are ids too. */
function integrationIdOf(value: unknown): number | null {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  return null;
}

function hasAwsCredentials(value: unknown): boolean {
  return isPlainObject(value) && AWS_CREDENTIAL_KEYS.every((key) => Object.hasOwn(value, key));
}

/** The Parquet-name rule reads the stored config: no stored value means "whatever it already writes". */
function usesLegacyParquetExtension(stored: Record<string, unknown>): boolean {
  const value = getOwn(stored, "legacy_parquet_extension");
  if (value === undefined || value === null) return writesCompressedParquet(stored);
  return typeof value === "string" ? value.toLowerCase() === "true" : pyTruthy(value);
}

function writesCompressedParquet(config: Record<string, unknown>): boolean {
  const compression = getOwn(config, "compression");
  return getOwn(config, "file_format") === "Parquet" && compression !== undefined && compression !== null;
}

/** Before a patch merges in, record what an old export's file names look like so the patch cannot change them. */
function pinParquetExtension(type: string, stored: Record<string, unknown>): Record<string, unknown> {
  if (OBJECT_STORAGE_TYPES.has(type) && !Object.hasOwn(stored, "legacy_parquet_extension")) {
    setOwn(stored, "legacy_parquet_extension", writesCompressedParquet(stored));
  }
  return stored;
}

/** The emulator stores dataclass defaults so reads look complete. */
function withCreateDefaults(spec: DestinationSpec, config: Record<string, unknown>): Record<string, unknown> {
  const filled = { ...config };
  for (const field of spec.fields) {
    if (Object.hasOwn(filled, field.name)) continue;
    // New exports write standard `.parquet` names; the dataclass default (true) only serves old schedules.
    const value = field.name === "legacy_parquet_extension" ? false : field.default;
    if (value !== undefined) setOwn(filled, field.name, value);
  }
  return filled;
}

/**
 * Current PostHog turns stringified ints and bools back into their declared types on every read
 * (`coerce_config_to_declared_types`), including `X | None` fields the write path never checks, such
 * as Postgres `port`. Doing it once on write gives the same responses.
 */
function coerceDeclaredTypes(spec: DestinationSpec, config: Record<string, unknown>): Record<string, unknown> {
  for (const field of spec.fields) {
    const value = getOwn(config, field.name);
    if (typeof value !== "string") continue;
    if (field.type === "bool") setOwn(config, field.name, value.toLowerCase() === "true");
    if (field.type === "int") {
      const parsed = parsePythonInt(value);
      if (parsed !== null) setOwn(config, field.name, parsed);
    }
  }
  const copy = getOwn(config, "copy_inputs");
  if (spec.type === "Redshift" && isPlainObject(copy)) {
    for (const key of ["authorization", "bucket_credentials"]) {
      const value = getOwn(copy, key);
      if (typeof value === "string" && /^\d+$/.test(value)) setOwn(copy, key, Number(value));
    }
  }
  return config;
}

// ---------------------------------------------------------------------------------------------------
// Layer 3, legacy profile (BE-old validate_destination)

function checkLegacy(
  fields: DestinationFields,
  config: Record<string, unknown>,
  ctx: DestinationContext,
): ValidDestination {
  const { type } = fields;
  const existing = ctx.existing;
  // Old PostHog had no type-change guard: the new type simply replaced the old one on update.
  const merged = recursiveMerge(existing === null ? {} : cloneJson(existing.config), config);

  checkHttpUrl(type, merged);

  if (type === "Snowflake") {
    const authenticationType = getOwn(config, "authentication_type");
    if (authenticationType === "password" && (getOwn(merged, "password") ?? null) === null) {
      throw destinationError("Password is required if authentication type is password");
    }
    if (authenticationType === "keypair" && (getOwn(merged, "private_key") ?? null) === null) {
      throw destinationError("Private key is required if authentication type is key pair");
    }
  }

  if (type === "S3") {
    checkEmptyInputs(config, ["bucket_name", "region", "prefix", ...AWS_CREDENTIAL_KEYS]);
    checkFileFormatAndCompression(merged);
    // An empty endpoint_url meant "reset to AWS"; PostHog stored None in its place.
    if (getOwn(merged, "endpoint_url") === "") setOwn(config, "endpoint_url", null);
  }

  if (type === "Databricks") {
    if (!(ctx.featureEnabled?.("databricks-batch-exports") ?? false)) {
      throw permissionDenied("The Databricks destination is not enabled for this team.");
    }
    const integration = fields.integration.value;
    requireIntegration(integration, "Databricks", "databricks", "Integration is not a Databricks integration.");
  }

  if (type === "Redshift" && getOwn(merged, "mode") === "COPY") {
    const copy = requireCopyInputs(merged);
    const bucketCredentials = copy["bucket_credentials"];
    // Old PostHog called .keys() on it unguarded.
    if (!isPlainObject(bucketCredentials)) throw serverError();
    if (!hasAwsCredentials(bucketCredentials)) throw destinationError("Missing required bucket credentials for 'COPY'");
    const authorization = copy["authorization"];
    if (isPlainObject(authorization) && !hasAwsCredentials(authorization)) {
      throw destinationError("Missing required credentials for 'COPY'");
    }
    if (typeof authorization === "string" && authorization.trim() === "") {
      throw destinationError("Missing required IAM role for 'COPY'");
    }
  }

  const given = fields.integration;
  const integrationId = given.given ? (given.value?.id ?? null) : (existing?.integrationId ?? null);
  const spec = destinationSpec(type, true);
  if (existing === null && spec !== undefined) return { type, config: withCreateDefaults(spec, config), integrationId };
  return { type, config: recursiveMerge(existing === null ? {} : cloneJson(existing.config), config), integrationId };
}

// ---------------------------------------------------------------------------------------------------
// Checks shared by both profiles

function checkHttpUrl(type: string, merged: Record<string, unknown>): void {
  if (type !== "HTTP") return;
  const url = getOwn(merged, "url");
  if (pyTruthy(url) && !ALLOWED_HTTP_URLS.includes(url as string)) {
    throw destinationError(`Invalid destination URL: ${pyStr(url)}`);
  }
}

/** Reads the request's config, not the merged one: only values being sent now can be blank. */
function checkEmptyInputs(config: Record<string, unknown>, keys: readonly string[]): void {
  const empty = keys.filter((key) => {
    const value = getOwn(config, key);
    return typeof value === "string" && value.trim() === "";
  });
  if (empty.length > 0) throw destinationError(`The following inputs are empty: ${pyRepr(empty)}`);
}

function checkFileFormatAndCompression(merged: Record<string, unknown>): void {
  // JSONLines is the default for legacy reasons.
  const fileFormat = Object.hasOwn(merged, "file_format") ? merged["file_format"] : "JSONLines";
  const compressions = typeof fileFormat === "string" ? SUPPORTED_COMPRESSIONS.get(fileFormat) : undefined;
  if (compressions === undefined) {
    throw destinationError(
      `File format ${pyStr(fileFormat)} is not supported. ` +
        `Supported file formats are ${pyRepr([...SUPPORTED_COMPRESSIONS.keys()])}`,
    );
  }
  const compression = getOwn(merged, "compression");
  if (pyTruthy(compression) && !compressions.includes(compression as string)) {
    throw destinationError(
      `Compression ${pyStr(compression)} is not supported for file format ${pyStr(fileFormat)}. ` +
        `Supported compressions are ${pyRepr(compressions)}`,
    );
  }
}

function requireCopyInputs(merged: Record<string, unknown>): Record<string, unknown> {
  const copy = Object.hasOwn(merged, "copy_inputs") ? merged["copy_inputs"] : {};
  if (!pyTruthy(copy)) throw destinationError("Missing required inputs for 'COPY'");
  // A non-empty string or list has no .keys() upstream: an unhandled error there, a 500 here.
  if (!isPlainObject(copy)) throw serverError();
  if (["s3_bucket", "region_name", "authorization", "bucket_credentials"].some((key) => !Object.hasOwn(copy, key))) {
    throw destinationError("Missing required input for 'COPY'");
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------------
// Host check (posthog/security/url_validation.py `validate_external_host`), without the DNS step

type HostVerdict = "ok" | "shape" | "unreachable";

const HOSTNAME_LABEL = "[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?";
const BARE_HOSTNAME = new RegExp(`^${HOSTNAME_LABEL}(?:\\.${HOSTNAME_LABEL})*\\.?$`);
const METADATA_HOSTS = new Set(["169.254.169.254", "metadata.google.internal"]);
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "::1"]);
const INTERNAL_SUFFIXES = [
  ".local",
  ".internal",
  ".svc.cluster.local",
  ".cluster.local",
  ".consul",
  ".lan",
  ".home",
  ".corp",
  ".localdomain",
  ".home.arpa",
  ".intranet",
  ".priv",
];

/**
 * "shape" when the value could not be a bare host (credentials, scheme, port, path), "unreachable" when
 * it names something internal. Upstream would also resolve the name and refuse private answers; a local
 * emulator has no business doing DNS, so names that resolve privately pass here.
 */
function judgeHost(host: unknown): HostVerdict {
  if (typeof host !== "string" || host.trim() === "") return "shape";
  const canonical = canonicalHost(host);
  if (isIP(host) === 0 && (canonical.length > 253 || !BARE_HOSTNAME.test(canonical))) return "shape";

  if (METADATA_HOSTS.has(canonical) || LOOPBACK_HOSTS.has(canonical)) return "unreachable";
  if (INTERNAL_SUFFIXES.some((suffix) => canonical.endsWith(suffix))) return "unreachable";
  return isInternalIp(canonical) ? "unreachable" : "ok";
}

/** Punycode for international names (lookalike characters map onto ASCII), lower case, no root dot. */
function canonicalHost(host: string): string {
  const ascii = /^[\x00-\x7f]*$/.test(host) ? host : domainToASCII(host) || host;
  return ascii.toLowerCase().replace(/\.+$/, "");
}

const PRIVATE_IPV4: readonly [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

function ipv4ToInt(text: string): number {
  return text.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

/** Private, loopback, link-local, multicast, reserved, unspecified or CGNAT, as Python's ipaddress sees them. */
function isInternalIp(text: string): boolean {
  const version = isIP(text);
  if (version === 4) {
    const value = ipv4ToInt(text);
    const network = (address: number, bits: number) => Math.floor(address / 2 ** (32 - bits));
    return PRIVATE_IPV4.some(([base, bits]) => network(value, bits) === network(ipv4ToInt(base), bits));
  }
  if (version !== 6) return false;

  const groups = ipv6Groups(text);
  const [first = 0, second = 0] = groups;
  // ::ffff:a.b.c.d reaches the IPv4 host it embeds, so judge that one.
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return isInternalIp(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  // Outside 2000::/3 everything is reserved, ULA, link-local or multicast; inside it, the
  // documentation and IETF-protocol blocks are private.
  if (first < 0x2000 || first > 0x3fff) return true;
  return (first === 0x2001 && second < 0x0200) || (first === 0x2001 && second === 0x0db8);
}

function ipv6Groups(text: string): number[] {
  let address = text.split("%")[0] ?? "";
  const lastColon = address.lastIndexOf(":");
  const tail = address.slice(lastColon + 1);
  if (tail.includes(".")) {
    const value = ipv4ToInt(tail);
    const high = Math.floor(value / 65536).toString(16);
    address = `${address.slice(0, lastColon + 1)}${high}:${(value % 65536).toString(16)}`;
  }
  const [head = "", rest] = address.split("::");
  const parse = (part: string): number[] => (part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

// ---------------------------------------------------------------------------------------------------
// Small helpers: error shapes, Python rendering, safe object access

function destinationError(detail: string): ApiError {
  return validationError(detail, "destination");
}

function configError(detail: string): ApiError {
  return validationError(detail, "destination__non_field_errors");
}

function nullField(attr: string): ApiError {
  return validationError("This field may not be null.", attr, "null");
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Own keys only: config comes from JSON, and `config.constructor` must not find Object's. */
function getOwn(object: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Defines rather than assigns, so a JSON key named `__proto__` stays data. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

/** PostHog's recursive_dict_merge: dicts merge at every depth, anything else is replaced. */
export function recursiveMerge(
  old: Record<string, unknown>,
  update: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...old, ...update };
  for (const [key, value] of Object.entries(merged)) {
    if (!isPlainObject(value)) continue;
    const before = getOwn(old, key);
    const after = getOwn(update, key);
    setOwn(merged, key, recursiveMerge(isPlainObject(before) ? before : {}, isPlainObject(after) ? after : {}));
  }
  return merged;
}

function pyTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isPlainObject(value)) return Object.keys(value).length > 0;
  return true;
}

function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "string") return "str";
  return Array.isArray(value) ? "list" : "dict";
}

/** Python `str()`: strings as they are, everything else as its repr. */
function pyStr(value: unknown): string {
  return typeof value === "string" ? value : pyRepr(value);
}

/** Python `repr()` for JSON values, which PostHog interpolates into several messages. */
function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value).toString() : String(value);
  if (typeof value === "string") return pyStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(", ")}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${pyStringRepr(key)}: ${pyRepr(item)}`)
      .join(", ")}}`;
  }
  return String(value);
}

function pyStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const body = text
    .replaceAll("\\", "\\\\")
    .replaceAll("\n", "\\n")
    .replaceAll("\r", "\\r")
    .replaceAll("\t", "\\t")
    .replaceAll(quote, `\\${quote}`);
  return `${quote}${body}${quote}`;
}
