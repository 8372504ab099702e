import { SUPPORTED_COMPRESSIONS, type DestinationType, type FileFormat } from "@/lib/posthog";

/**
 * What the batch export form shows for each destination type: one entry per config key, in the order
 * PostHog's own form lists them (FEATURES.md §2.3), with the defaults and rules of PostHog's config
 * dataclasses (POSTHOG-API.md §2.3). The form, its validation, the create body and the PATCH diff all
 * read this one catalogue, so a field added here is shown, checked and sent consistently.
 */

/** Form values of config fields: text-like inputs hold strings, checkboxes booleans. */
export type ConfigValue = string | boolean;
export type FormConfig = Record<string, ConfigValue>;

export interface FieldOption {
  value: string;
  label: string;
}

export type ConfigFieldKind = "text" | "number" | "select" | "checkbox" | "integration";

export interface ConfigFieldSpec {
  /** Form key. `__` separates nested config keys: `copy_inputs__s3_bucket` is `config.copy_inputs.s3_bucket`. */
  key: string;
  label: string;
  kind: ConfigFieldKind;
  hint?: string;
  placeholder?: string;
  required?: boolean;
  /** What a new export starts with. */
  default?: ConfigValue;
  /**
   * What PostHog assumes when a saved config lacks the key (its dataclass default), where that differs
   * from blank. Reading an existing export must show this, not the new-export `default`.
   */
  whenAbsent?: ConfigValue;
  /** A cleared value is sent as null (PostHog's `X | None` fields) instead of "". */
  nullable?: boolean;
  multiline?: boolean;
  options?: readonly FieldOption[] | ((config: FormConfig) => readonly FieldOption[]);
  visibleWhen?: (config: FormConfig) => boolean;
  /** Credentials that exports made before integrations keep in their config; shown only for those. */
  inline?: boolean;
  /** PostHog fixes it when the export is created. */
  createOnly?: boolean;
  pattern?: { regex: RegExp; message: string };
  min?: number;
  max?: number;
  /** For `integration` fields: the kind of integration to pick. */
  integrationKind?: string;
  /** Reads the stored value when it is not a plain string/number/boolean (e.g. an ARN or an integration id). */
  read?: (stored: unknown) => ConfigValue;
  /** Builds what PostHog stores from the form value (and its siblings). */
  write?: (value: ConfigValue, config: FormConfig) => unknown;
  /** The sent value derives from these keys too: when they change, this key is sent again. */
  dependsOn?: readonly string[];
}

export const AWS_REGIONS: readonly string[] = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "af-south-1",
  "ap-east-1",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-south-1",
  "eu-south-2",
  "eu-north-1",
  "il-central-1",
  "me-south-1",
  "me-central-1",
  "sa-east-1",
  "us-gov-east-1",
  "us-gov-west-1",
];

const regionOptions = AWS_REGIONS.map((region) => ({ value: region, label: region }));

export const POSTHOG_BATCH_URLS: readonly FieldOption[] = [
  { value: "https://us.i.posthog.com/batch/", label: "US Cloud (us.i.posthog.com)" },
  { value: "https://eu.i.posthog.com/batch/", label: "EU Cloud (eu.i.posthog.com)" },
];

const COMPRESSION_LABELS: Record<string, string> = {
  zstd: "zstd",
  lz4: "LZ4",
  snappy: "Snappy",
  gzip: "gzip",
  brotli: "Brotli",
};

function fileFormatOf(config: FormConfig): FileFormat {
  return config.file_format === "Parquet" ? "Parquet" : "JSONLines";
}

/** Only the codecs PostHog accepts for the chosen format, so an invalid pair cannot be picked. */
export function compressionOptions(config: FormConfig): readonly FieldOption[] {
  return [
    { value: "", label: "None" },
    ...SUPPORTED_COMPRESSIONS[fileFormatOf(config)].map((codec) => ({ value: codec, label: COMPRESSION_LABELS[codec] ?? codec })),
  ];
}

/** Parquet files are compressed by default (zstd, as PostHog's form does); JSON lines are not. */
export function defaultCompression(format: FileFormat): string {
  return format === "Parquet" ? "zstd" : "";
}

/** Lowercase letters, digits, dots and hyphens, 3–63 characters, starting and ending with a letter or digit. */
const BUCKET_NAME = {
  regex: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  message: "Use 3–63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit.",
};
const CONTAINER_NAME = {
  regex: /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
  message: "Use 3–63 lowercase letters, digits or single hyphens, starting and ending with a letter or digit.",
};
const PREFIX_HINT = "May use {year}, {month}, {day}, {hour}, {table} or {data_interval_start}.";

const fileFormat: ConfigFieldSpec = {
  key: "file_format",
  label: "File format",
  kind: "select",
  default: "Parquet",
  whenAbsent: "JSONLines",
  options: [
    { value: "Parquet", label: "Parquet" },
    { value: "JSONLines", label: "JSON lines" },
  ],
};
const compression: ConfigFieldSpec = {
  key: "compression",
  label: "Compression",
  kind: "select",
  default: "zstd",
  nullable: true,
  options: compressionOptions,
  hint: "Only the codecs PostHog supports for the chosen format are offered.",
};
const maxFileSize: ConfigFieldSpec = {
  key: "max_file_size_mb",
  label: "Max file size (MiB)",
  kind: "number",
  nullable: true,
  min: 0,
  hint: "Split a run's output into files of at most this size. Blank or 0: one file per run.",
};
const inlineAwsKeys: ConfigFieldSpec[] = [
  { key: "aws_access_key_id", label: "AWS access key ID", kind: "text", inline: true },
  { key: "aws_secret_access_key", label: "AWS secret access key", kind: "text", inline: true },
];

function s3FamilyHead(region: ConfigFieldSpec): ConfigFieldSpec[] {
  return [
    { key: "bucket_name", label: "Bucket", kind: "text", required: true, pattern: BUCKET_NAME, hint: "The bucket must already exist." },
    region,
    { key: "prefix", label: "Key prefix", kind: "text", required: true, default: "posthog/", hint: PREFIX_HINT },
    fileFormat,
    compression,
    maxFileSize,
  ];
}

const awsRegion: ConfigFieldSpec = { key: "region", label: "Region", kind: "select", required: true, default: "us-east-1", options: regionOptions };
const freeRegion: ConfigFieldSpec = {
  key: "region",
  label: "Region",
  kind: "text",
  required: true,
  default: "us-east-1",
  hint: "As your provider names it: e.g. auto for Cloudflare R2, us-central1 for Google Cloud Storage.",
};

const encryption: ConfigFieldSpec[] = [
  {
    key: "encryption",
    label: "Encryption",
    kind: "select",
    nullable: true,
    default: "",
    options: [
      { value: "", label: "None" },
      { value: "AES256", label: "AES-256 (SSE-S3)" },
      { value: "aws:kms", label: "AWS KMS (SSE-KMS)" },
    ],
  },
  {
    key: "kms_key_id",
    label: "KMS key ID",
    kind: "text",
    required: true,
    nullable: true,
    visibleWhen: (config) => config.encryption === "aws:kms",
  },
];

const virtualStyle: ConfigFieldSpec = {
  key: "use_virtual_style_addressing",
  label: "Use virtual-style addressing",
  kind: "checkbox",
  default: false,
  hint: "bucket.endpoint/key instead of endpoint/bucket/key; some providers require it.",
};

const tableName = (fallback: string, required = false): ConfigFieldSpec => ({
  key: "table_name",
  label: "Table",
  kind: "text",
  default: fallback,
  required,
  hint: required ? undefined : `Blank: ${fallback}.`,
});

const isKeypair = (config: FormConfig) => config.authentication_type === "keypair";

/** An IAM role ARN is kept as typed; a number means "the same S3 connection as the bucket". */
function readAuthorization(stored: unknown): ConfigValue {
  return typeof stored === "string" && !/^\d+$/.test(stored) ? stored : "";
}

function writeAuthorization(value: ConfigValue, config: FormConfig): unknown {
  const role = typeof value === "string" ? value.trim() : "";
  if (role) return role;
  const bucketConnection = config.copy_inputs__bucket_credentials;
  return typeof bucketConnection === "string" && bucketConnection ? Number(bucketConnection) : null;
}

const isCopy = (config: FormConfig) => config.mode === "COPY";

export const DESTINATION_FIELDS: Readonly<Partial<Record<DestinationType, readonly ConfigFieldSpec[]>>> = {
  AwsS3: [...s3FamilyHead(awsRegion), ...encryption],
  S3Compatible: [...s3FamilyHead(freeRegion), virtualStyle],
  S3: [
    ...s3FamilyHead({ ...freeRegion, hint: undefined }),
    ...inlineAwsKeys,
    { key: "endpoint_url", label: "Endpoint URL", kind: "text", nullable: true, hint: "Only for S3-compatible storage such as MinIO; blank means AWS." },
    ...encryption,
    virtualStyle,
  ],
  Snowflake: [
    { key: "account", label: "Account", kind: "text", required: true, inline: true },
    { key: "user", label: "User", kind: "text", inline: true },
    {
      key: "authentication_type",
      label: "Authentication",
      kind: "select",
      inline: true,
      default: "password",
      whenAbsent: "password",
      options: [
        { value: "password", label: "Password" },
        { value: "keypair", label: "Key pair" },
      ],
    },
    { key: "password", label: "Password", kind: "text", inline: true, visibleWhen: (config) => !isKeypair(config) },
    { key: "private_key", label: "Private key", kind: "text", multiline: true, inline: true, visibleWhen: isKeypair },
    { key: "private_key_passphrase", label: "Private key passphrase", kind: "text", inline: true, visibleWhen: isKeypair },
    { key: "database", label: "Database", kind: "text", required: true },
    { key: "schema", label: "Schema", kind: "text", required: true },
    tableName("events"),
    { key: "warehouse", label: "Warehouse", kind: "text", required: true },
    { key: "role", label: "Role", kind: "text", nullable: true, hint: "Optional: the role to use instead of the user's default." },
  ],
  Postgres: [
    { key: "host", label: "Host", kind: "text", required: true, inline: true, hint: "A hostname or IP address, without scheme, port or path." },
    { key: "port", label: "Port", kind: "number", default: "5432", inline: true, min: 1, max: 65535 },
    { key: "user", label: "User", kind: "text", inline: true },
    { key: "password", label: "Password", kind: "text", inline: true },
    { key: "has_self_signed_cert", label: "The server uses a self-signed certificate", kind: "checkbox", default: false, inline: true },
    { key: "database", label: "Database", kind: "text", required: true },
    { key: "schema", label: "Schema", kind: "text", default: "public", hint: "Blank: public." },
    tableName("events"),
  ],
  Redshift: [
    { key: "user", label: "User", kind: "text", inline: true },
    { key: "password", label: "Password", kind: "text", inline: true },
    {
      key: "host",
      label: "Host",
      kind: "text",
      nullable: true,
      hint: "The cluster or workgroup endpoint; only needed when the connection does not hold it.",
    },
    { key: "port", label: "Port", kind: "number", default: "5439", min: 1, max: 65535 },
    { key: "database", label: "Database", kind: "text", required: true },
    { key: "schema", label: "Schema", kind: "text", default: "public", hint: "Blank: public." },
    tableName("events"),
    {
      key: "properties_data_type",
      label: "Properties column type",
      kind: "select",
      default: "super",
      whenAbsent: "varchar",
      options: [
        { value: "super", label: "SUPER" },
        { value: "varchar", label: "VARCHAR(65535)" },
      ],
    },
    {
      key: "mode",
      label: "Load with",
      kind: "select",
      default: "INSERT",
      whenAbsent: "INSERT",
      options: [
        { value: "INSERT", label: "INSERT statements" },
        { value: "COPY", label: "COPY from an S3 staging bucket" },
      ],
    },
    { key: "copy_inputs__s3_bucket", label: "Staging bucket", kind: "text", required: true, pattern: BUCKET_NAME, visibleWhen: isCopy },
    { key: "copy_inputs__region_name", label: "Staging bucket region", kind: "select", required: true, default: "us-east-1", options: regionOptions, visibleWhen: isCopy },
    { key: "copy_inputs__s3_key_prefix", label: "Staging key prefix", kind: "text", visibleWhen: isCopy },
    {
      key: "copy_inputs__bucket_credentials",
      label: "S3 connection for the staging bucket",
      kind: "integration",
      integrationKind: "aws-s3",
      required: true,
      visibleWhen: isCopy,
    },
    {
      key: "copy_inputs__authorization",
      label: "IAM role ARN for COPY",
      kind: "text",
      placeholder: "arn:aws:iam::123456789012:role/redshift-copy",
      hint: "A role attached to the cluster that can read the bucket. Blank: Redshift uses the S3 connection above.",
      visibleWhen: isCopy,
      read: readAuthorization,
      write: writeAuthorization,
      dependsOn: ["copy_inputs__bucket_credentials"],
    },
  ],
  BigQuery: [
    { key: "project_id", label: "Google Cloud project ID", kind: "text", required: true, inline: true },
    { key: "client_email", label: "Service account email", kind: "text", inline: true },
    { key: "private_key_id", label: "Private key ID", kind: "text", inline: true },
    { key: "private_key", label: "Private key", kind: "text", multiline: true, inline: true },
    { key: "token_uri", label: "Token URI", kind: "text", inline: true },
    { key: "dataset_id", label: "Dataset ID", kind: "text", required: true },
    { key: "table_id", label: "Table ID", kind: "text", default: "events", hint: "Blank: events." },
    {
      key: "use_json_type",
      label: "Export properties, set and set_once as JSON columns",
      kind: "checkbox",
      default: false,
      createOnly: true,
      hint: "Chosen at creation; PostHog cannot change it later.",
    },
  ],
  Databricks: [
    { key: "http_path", label: "HTTP path", kind: "text", required: true, default: "/sql/1.0/warehouses/", hint: "The SQL warehouse's HTTP path, from its connection details." },
    { key: "catalog", label: "Catalog", kind: "text", required: true },
    { key: "schema", label: "Schema", kind: "text", required: true },
    tableName("events", true),
    {
      key: "use_variant_type",
      label: "Use the VARIANT type for JSON columns",
      kind: "checkbox",
      default: true,
      createOnly: true,
      hint: "Needs Databricks Runtime 15.3 or later. Chosen at creation; PostHog cannot change it later.",
    },
    {
      key: "use_automatic_schema_evolution",
      label: "Add new columns to the table automatically",
      kind: "checkbox",
      default: true,
    },
  ],
  AzureBlob: [
    { key: "container_name", label: "Container", kind: "text", required: true, pattern: CONTAINER_NAME, hint: "The container must already exist." },
    { key: "prefix", label: "Blob prefix", kind: "text", default: "", hint: PREFIX_HINT },
    fileFormat,
    compression,
    maxFileSize,
  ],
  HTTP: [
    { key: "url", label: "PostHog region", kind: "select", required: true, default: "https://us.i.posthog.com/batch/", options: POSTHOG_BATCH_URLS },
    { key: "token", label: "Destination project token", kind: "text", required: true, hint: "The project API key (phc_…) of the project that receives the events." },
  ],
  NoOp: [{ key: "arg", label: "Argument", kind: "text", default: "" }],
  Workflows: [{ key: "hog_function_id", label: "Workflow (Hog function) ID", kind: "text", required: true }],
};

export function fieldsOf(type: DestinationType): readonly ConfigFieldSpec[] {
  return DESTINATION_FIELDS[type] ?? [];
}

export interface VisibilityContext {
  /** The export keeps its credentials inline and no integration is chosen. */
  inlineCredentials: boolean;
}

/** The fields shown now: inline credentials only for exports that use them, conditional ones when their condition holds. */
export function visibleFields(type: DestinationType, config: FormConfig, context: VisibilityContext): ConfigFieldSpec[] {
  return fieldsOf(type).filter(
    (field) => (!field.inline || context.inlineCredentials || type === "S3") && (field.visibleWhen?.(config) ?? true),
  );
}

export function optionsOf(field: ConfigFieldSpec, config: FormConfig): readonly FieldOption[] {
  const options = typeof field.options === "function" ? field.options(config) : (field.options ?? []);
  const current = config[field.key];
  if (typeof current !== "string" || options.some((option) => option.value === current)) return options;
  // Blank must read as blank, not as whichever option the browser shows first.
  if (current === "") return [{ value: "", label: "Choose…" }, ...options];
  // A value saved by another client (a region we do not list) stays selectable rather than silently changing.
  return [...options, { value: current, label: current }];
}

/**
 * Values that must follow another field: a compression the new file format does not support is
 * replaced by that format's default, so the form never holds a pair PostHog refuses.
 */
export function adjustDependentValues(config: FormConfig): FormConfig {
  if (!("compression" in config) || !("file_format" in config)) return {};
  const allowed = SUPPORTED_COMPRESSIONS[fileFormatOf(config)];
  const current = config.compression;
  if (current === "" || (typeof current === "string" && allowed.includes(current))) return {};
  return { compression: defaultCompression(fileFormatOf(config)) };
}
