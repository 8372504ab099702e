/**
 * Per-destination config catalogue, transcribed from PostHog's workflow input dataclasses.
 *
 * PostHog validates a destination's `config` against the dataclass its Temporal workflow takes
 * (`DESTINATION_WORKFLOWS` in `products/batch_exports/backend/service.py`), so the dataclass *is* the
 * schema: a field without a default is required, and only fields annotated with a plain class
 * (`str`, `int`, `bool`) are type-checked. Anything written `str | None`, `Literal[...]` or a nested
 * dataclass is waved through, which is why `checked` exists below instead of being derived from
 * `type`.
 *
 * Two catalogues exist because the dataclasses changed shape when credentials moved into Integrations:
 * - current (service.py @02b1f511, what PostHog Cloud runs): credentials are unknown fields;
 * - legacy (posthog/batch_exports/service.py @a9de36bb, older self-hosted): credentials are inline and
 *   several of them are required.
 */

export type ConfigFieldType = "str" | "int" | "bool" | "list" | "dict";

export interface ConfigField {
  readonly name: string;
  readonly type: ConfigFieldType;
  readonly required: boolean;
  /** False for `X | None`, `Literal[...]` and dataclass annotations, which PostHog never type-checks. */
  readonly checked: boolean;
  /** Dataclass default; absent for required fields and for secrets (never filled into stored config). */
  readonly default?: unknown;
  readonly secret: boolean;
}

export type IntegrationKind =
  | "aws-s3"
  | "s3-compatible"
  | "snowflake"
  | "postgresql"
  | "aws-redshift"
  | "google-cloud-service-account"
  | "databricks"
  | "azure-blob";

export const DESTINATION_TYPES = [
  "AwsS3",
  "S3Compatible",
  "Snowflake",
  "Postgres",
  "Redshift",
  "BigQuery",
  "Databricks",
  "AzureBlob",
  "HTTP",
  "NoOp",
  "Workflows",
  "S3",
] as const;

export type DestinationType = (typeof DESTINATION_TYPES)[number];

export interface DestinationSpec {
  readonly type: DestinationType;
  /** In dataclass declaration order, which is also the order errors are reported in. */
  readonly fields: readonly ConfigField[];
  /** Kind a linked Integration must have; null where PostHog never looks at the integration. */
  readonly integrationKind: IntegrationKind | null;
}

/**
 * MODELS `BatchExportDestination.secret_fields`. `user` is a secret for Snowflake, Postgres and Redshift,
 * so a naive "hide passwords" rule leaks it.
 */
const SECRET_FIELDS: Readonly<Record<DestinationType, readonly string[]>> = {
  S3: ["aws_access_key_id", "aws_secret_access_key"],
  AwsS3: ["aws_access_key_id", "aws_secret_access_key"],
  S3Compatible: ["aws_access_key_id", "aws_secret_access_key"],
  Snowflake: ["user", "password", "private_key", "private_key_passphrase"],
  Postgres: ["user", "password"],
  Redshift: ["user", "password", "aws_access_key_id", "aws_secret_access_key"],
  BigQuery: ["private_key", "private_key_id", "client_email", "token_uri"],
  Databricks: [],
  AzureBlob: [],
  HTTP: ["token"],
  NoOp: [],
  Workflows: [],
};

/**
 * `BaseBatchExportInputs` fields. PostHog subtracts these from the unknown-field check, so every one of
 * them (not only `exclude_events` / `include_events`) is accepted in any config, and none is type-checked.
 */
const BASE_KEYS_LEGACY = [
  "batch_export_id",
  "team_id",
  "interval",
  "data_interval_end",
  "exclude_events",
  "include_events",
  "is_backfill",
  "is_earliest_backfill",
  "backfill_details",
  "batch_export_model",
  "batch_export_schema",
  "integration_id",
] as const;
const BASE_KEYS_CURRENT = [...BASE_KEYS_LEGACY, "timezone"] as const;

export function baseConfigKeys(legacyProfile: boolean): ReadonlySet<string> {
  return new Set<string>(legacyProfile ? BASE_KEYS_LEGACY : BASE_KEYS_CURRENT);
}

function required(name: string, type: ConfigFieldType, secret = false): ConfigField {
  return { name, type, required: true, checked: true, secret };
}

/** A plain-typed field with a default: checked, and filled in on create. */
function withDefault(name: string, type: ConfigFieldType, value: unknown): ConfigField {
  return { name, type, required: false, checked: true, default: value, secret: false };
}

/** An `X | None = None` field (or Literal / dataclass): never type-checked. */
function loose(name: string, type: ConfigFieldType, value: unknown = null): ConfigField {
  return { name, type, required: false, checked: false, default: value, secret: false };
}

/**
 * An optional field PostHog keeps only when sent (Postgres/Redshift `host`, BigQuery `project_id`: with an
 * integration they live there), so a create does not fill it with null.
 */
function looseAbsent(name: string, type: ConfigFieldType): ConfigField {
  return { name, type, required: false, checked: false, secret: false };
}

/** A secret optional field: unchecked, and left out of stored config unless the client sends it. */
function looseSecret(name: string): ConfigField {
  return { name, type: "str", required: false, checked: false, secret: true };
}

const S3_FAMILY_FIELDS: readonly ConfigField[] = [
  required("bucket_name", "str"),
  required("region", "str"),
  required("prefix", "str"),
  loose("compression", "str"),
  withDefault("file_format", "str", "JSONLines"),
  loose("max_file_size_mb", "int"),
  // The dataclass says True so that old Temporal schedules keep their file names; creation overrides
  // it to False (see `createDefaults`).
  withDefault("legacy_parquet_extension", "bool", true),
];

const DATABRICKS: DestinationSpec = {
  type: "Databricks",
  integrationKind: "databricks",
  fields: [
    required("http_path", "str"),
    required("catalog", "str"),
    required("schema", "str"),
    required("table_name", "str"),
    withDefault("use_variant_type", "bool", true),
    withDefault("use_automatic_schema_evolution", "bool", true),
  ],
};

const HTTP: DestinationSpec = {
  type: "HTTP",
  integrationKind: null,
  fields: [required("url", "str"), required("token", "str", true)],
};

const NOOP: DestinationSpec = { type: "NoOp", integrationKind: null, fields: [withDefault("arg", "str", "")] };

const CURRENT: ReadonlyMap<DestinationType, DestinationSpec> = new Map<DestinationType, DestinationSpec>([
  [
    "AwsS3",
    {
      type: "AwsS3",
      integrationKind: "aws-s3",
      fields: [...S3_FAMILY_FIELDS, loose("encryption", "str"), loose("kms_key_id", "str")],
    },
  ],
  [
    "S3Compatible",
    {
      type: "S3Compatible",
      integrationKind: "s3-compatible",
      fields: [...S3_FAMILY_FIELDS, withDefault("use_virtual_style_addressing", "bool", false)],
    },
  ],
  [
    "Snowflake",
    {
      type: "Snowflake",
      integrationKind: "snowflake",
      fields: [
        required("database", "str"),
        required("warehouse", "str"),
        required("schema", "str"),
        withDefault("table_name", "str", "events"),
        loose("role", "str"),
      ],
    },
  ],
  [
    "Postgres",
    {
      type: "Postgres",
      integrationKind: "postgresql",
      fields: [
        required("database", "str"),
        withDefault("schema", "str", "public"),
        withDefault("table_name", "str", "events"),
        looseSecret("user"),
        looseAbsent("host", "str"),
        // `int | None = 5432`: has a default but, being a union, is not type-checked.
        loose("port", "int", 5432),
        looseSecret("password"),
        withDefault("has_self_signed_cert", "bool", false),
      ],
    },
  ],
  [
    "Redshift",
    {
      type: "Redshift",
      integrationKind: "aws-redshift",
      fields: [
        required("database", "str"),
        looseSecret("user"),
        looseSecret("password"),
        looseAbsent("host", "str"),
        withDefault("schema", "str", "public"),
        withDefault("table_name", "str", "events"),
        withDefault("port", "int", 5439),
        withDefault("properties_data_type", "str", "varchar"),
        loose("mode", "str", "INSERT"),
        loose("copy_inputs", "dict"),
      ],
    },
  ],
  [
    "BigQuery",
    {
      type: "BigQuery",
      integrationKind: "google-cloud-service-account",
      fields: [
        required("dataset_id", "str"),
        withDefault("table_id", "str", "events"),
        looseAbsent("project_id", "str"),
        looseSecret("private_key"),
        looseSecret("private_key_id"),
        looseSecret("token_uri"),
        looseSecret("client_email"),
        withDefault("use_json_type", "bool", false),
      ],
    },
  ],
  ["Databricks", DATABRICKS],
  [
    "AzureBlob",
    {
      type: "AzureBlob",
      integrationKind: "azure-blob",
      fields: [
        required("container_name", "str"),
        withDefault("prefix", "str", ""),
        loose("compression", "str"),
        withDefault("file_format", "str", "JSONLines"),
        loose("max_file_size_mb", "int"),
        withDefault("legacy_parquet_extension", "bool", true),
      ],
    },
  ],
  ["HTTP", HTTP],
  ["NoOp", NOOP],
  ["Workflows", { type: "Workflows", integrationKind: null, fields: [required("hog_function_id", "str")] }],
]);

const LEGACY: ReadonlyMap<DestinationType, DestinationSpec> = new Map<DestinationType, DestinationSpec>([
  [
    "S3",
    {
      type: "S3",
      integrationKind: null,
      fields: [
        required("bucket_name", "str"),
        required("region", "str"),
        required("prefix", "str"),
        looseSecret("aws_access_key_id"),
        looseSecret("aws_secret_access_key"),
        loose("compression", "str"),
        loose("encryption", "str"),
        loose("kms_key_id", "str"),
        loose("endpoint_url", "str"),
        withDefault("file_format", "str", "JSONLines"),
        loose("max_file_size_mb", "int"),
        withDefault("use_virtual_style_addressing", "bool", false),
      ],
    },
  ],
  [
    "Snowflake",
    {
      type: "Snowflake",
      integrationKind: null,
      fields: [
        required("account", "str"),
        required("user", "str", true),
        required("database", "str"),
        required("warehouse", "str"),
        required("schema", "str"),
        withDefault("table_name", "str", "events"),
        withDefault("authentication_type", "str", "password"),
        looseSecret("password"),
        looseSecret("private_key"),
        looseSecret("private_key_passphrase"),
        loose("role", "str"),
      ],
    },
  ],
  [
    "Postgres",
    {
      type: "Postgres",
      integrationKind: null,
      fields: [
        required("user", "str", true),
        required("password", "str", true),
        required("host", "str"),
        required("database", "str"),
        withDefault("schema", "str", "public"),
        withDefault("table_name", "str", "events"),
        withDefault("port", "int", 5432),
        withDefault("has_self_signed_cert", "bool", false),
      ],
    },
  ],
  [
    "Redshift",
    {
      type: "Redshift",
      integrationKind: null,
      fields: [
        required("user", "str", true),
        required("password", "str", true),
        required("host", "str"),
        required("database", "str"),
        withDefault("schema", "str", "public"),
        withDefault("table_name", "str", "events"),
        withDefault("port", "int", 5439),
        withDefault("properties_data_type", "str", "varchar"),
        loose("mode", "str", "INSERT"),
        loose("copy_inputs", "dict"),
      ],
    },
  ],
  [
    "BigQuery",
    {
      type: "BigQuery",
      integrationKind: null,
      fields: [
        required("project_id", "str"),
        required("dataset_id", "str"),
        withDefault("table_id", "str", "events"),
        required("private_key", "str", true),
        required("private_key_id", "str", true),
        required("token_uri", "str", true),
        required("client_email", "str", true),
        withDefault("use_json_type", "bool", false),
      ],
    },
  ],
  ["Databricks", DATABRICKS],
  ["HTTP", HTTP],
  ["NoOp", NOOP],
]);

/** Types the profile accepts as a valid `type` choice; anything else is a DRF invalid_choice. */
export function destinationTypesFor(legacyProfile: boolean): readonly DestinationType[] {
  return legacyProfile ? [...LEGACY.keys()] : [...CURRENT.keys(), "S3"];
}

/**
 * The spec a profile validates `type` against. Undefined for the legacy `S3` on the current profile:
 * PostHog refuses every write to it before looking at the config.
 */
export function destinationSpec(type: string, legacyProfile: boolean): DestinationSpec | undefined {
  return (legacyProfile ? LEGACY : CURRENT).get(type as DestinationType);
}

/** The integration kind a destination needs on current PostHog, or null (HTTP, NoOp, Workflows, S3). */
export function integrationKindFor(type: string): IntegrationKind | null {
  return CURRENT.get(type as DestinationType)?.integrationKind ?? null;
}

/** Destinations that write files named by format and codec, and so carry `legacy_parquet_extension`. */
export const OBJECT_STORAGE_TYPES: ReadonlySet<string> = new Set(["S3", "AwsS3", "S3Compatible", "AzureBlob"]);

export function secretFieldsFor(type: string): ReadonlySet<string> {
  return new Set(SECRET_FIELDS[type as DestinationType] ?? []);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Removes the type's secret keys at every depth of nested objects (Redshift hides AWS keys inside
 * `copy_inputs`). Lists are left alone, as PostHog's `remove_secret_fields_recursive` only walks dicts.
 * Returns a new object; the input is not touched.
 */
export function stripSecrets(type: string, config: Record<string, unknown>): Record<string, unknown> {
  const secrets = secretFieldsFor(type);
  const walk = (node: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(node)
        .filter(([key]) => !secrets.has(key))
        .map(([key, value]) => [key, isPlainObject(value) ? walk(value) : value]),
    );
  return walk(config);
}
