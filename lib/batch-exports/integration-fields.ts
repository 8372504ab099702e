import type { ConfigValue, FieldOption, FormConfig } from "./destination-fields";

/**
 * The credentials each integration kind holds (PostHog keeps the secret ones in `sensitive_config`,
 * never returned). The form's "Create new" sub-form shows these and POSTs them as the integration's
 * `config`; the kinds and keys follow the local PostHog's `emulator/domain/integration-kinds.ts`.
 */
export interface IntegrationFieldSpec {
  key: string;
  label: string;
  kind: "text" | "number" | "select" | "checkbox";
  required?: boolean;
  secret?: boolean;
  multiline?: boolean;
  default?: ConfigValue;
  hint?: string;
  placeholder?: string;
  options?: readonly FieldOption[];
  visibleWhen?: (values: FormConfig) => boolean;
}

const awsKeys: IntegrationFieldSpec[] = [
  { key: "aws_access_key_id", label: "Access key ID", kind: "text", required: true },
  { key: "aws_secret_access_key", label: "Secret access key", kind: "text", required: true, secret: true },
];

const host = (hint: string): IntegrationFieldSpec => ({ key: "host", label: "Host", kind: "text", required: true, hint });
const port = (value: string): IntegrationFieldSpec => ({ key: "port", label: "Port", kind: "number", default: value });
const database: IntegrationFieldSpec = { key: "database", label: "Database", kind: "text", required: true };
const user: IntegrationFieldSpec = { key: "user", label: "User", kind: "text", required: true };
const password: IntegrationFieldSpec = { key: "password", label: "Password", kind: "text", required: true, secret: true };
const isKeypair = (values: FormConfig) => values.authentication_type === "keypair";

export const INTEGRATION_FIELDS: Readonly<Record<string, readonly IntegrationFieldSpec[]>> = {
  "aws-s3": [...awsKeys, { key: "region", label: "Default region", kind: "text", placeholder: "us-east-1" }],
  "s3-compatible": [
    { key: "endpoint_url", label: "Endpoint URL", kind: "text", required: true, placeholder: "https://minio.example.com" },
    ...awsKeys,
    { key: "region", label: "Region", kind: "text", placeholder: "us-east-1" },
  ],
  snowflake: [
    { key: "account", label: "Account identifier", kind: "text", required: true, placeholder: "myorg-account123" },
    user,
    {
      key: "authentication_type",
      label: "Authentication",
      kind: "select",
      default: "password",
      options: [
        { value: "password", label: "Password" },
        { value: "keypair", label: "Key pair" },
      ],
    },
    { ...password, visibleWhen: (values) => !isKeypair(values) },
    { key: "private_key", label: "Private key", kind: "text", required: true, secret: true, multiline: true, visibleWhen: isKeypair },
    { key: "private_key_passphrase", label: "Private key passphrase", kind: "text", secret: true, visibleWhen: isKeypair },
    { key: "role", label: "Role", kind: "text" },
  ],
  postgresql: [
    host("A hostname or IP address reachable from PostHog, without scheme or port."),
    port("5432"),
    database,
    user,
    password,
    { key: "has_self_signed_cert", label: "The server uses a self-signed certificate", kind: "checkbox", default: false },
  ],
  "aws-redshift": [host("The cluster or workgroup endpoint."), port("5439"), database, user, password],
  "google-cloud-service-account": [
    { key: "project_id", label: "Project ID", kind: "text", required: true },
    { key: "client_email", label: "Service account email", kind: "text", required: true },
    { key: "private_key_id", label: "Private key ID", kind: "text", required: true, secret: true },
    { key: "private_key", label: "Private key", kind: "text", required: true, secret: true, multiline: true },
    { key: "token_uri", label: "Token URI", kind: "text", default: "https://oauth2.googleapis.com/token" },
  ],
  databricks: [
    { key: "server_hostname", label: "Server hostname", kind: "text", required: true, placeholder: "dbc-1234.cloud.databricks.com" },
    { key: "client_id", label: "Service principal client ID", kind: "text", required: true },
    { key: "client_secret", label: "Service principal secret", kind: "text", required: true, secret: true },
  ],
  "azure-blob": [
    { key: "connection_string", label: "Connection string", kind: "text", required: true, secret: true, multiline: true },
    { key: "storage_account_name", label: "Storage account name", kind: "text" },
  ],
};

export function integrationFieldsOf(kind: string): readonly IntegrationFieldSpec[] {
  return INTEGRATION_FIELDS[kind] ?? [];
}

export function visibleIntegrationFields(kind: string, values: FormConfig): IntegrationFieldSpec[] {
  return integrationFieldsOf(kind).filter((field) => field.visibleWhen?.(values) ?? true);
}

export function defaultIntegrationValues(kind: string): FormConfig {
  return Object.fromEntries(integrationFieldsOf(kind).map((field) => [field.key, field.default ?? (field.kind === "checkbox" ? false : "")]));
}

/** The `config` to POST: shown fields only, blanks left out, numbers as numbers; secrets exactly as typed. */
export function integrationConfig(kind: string, values: FormConfig): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of visibleIntegrationFields(kind, values)) {
    const value = values[field.key];
    if (typeof value === "boolean") config[field.key] = value;
    else if (typeof value === "string") {
      const text = field.secret ? value : value.trim();
      if (text.trim() === "") continue;
      config[field.key] = field.kind === "number" ? Number(text) : text;
    }
  }
  return config;
}

/** Problems the sub-form can see before PostHog does, keyed by field. */
export function integrationProblems(kind: string, values: FormConfig): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const field of visibleIntegrationFields(kind, values)) {
    const value = values[field.key];
    if (typeof value !== "string") continue;
    if (field.required && value.trim() === "") problems[field.key] = "This field is required.";
    else if (field.kind === "number" && value.trim() !== "" && !/^\d+$/.test(value.trim())) problems[field.key] = "A valid integer is required.";
  }
  return problems;
}

/** PostHog's "Missing required fields: a, b" names keys; each lands on its field. */
export function missingFieldsIn(message: string): string[] {
  const match = /^Missing required fields: (.+)$/.exec(message);
  return match ? match[1]!.split(",").map((key) => key.trim()) : [];
}
