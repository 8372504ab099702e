/**
 * The integration kinds batch exports use, with which config keys are public and which are secret.
 * PostHog keeps secrets in `sensitive_config`, which no API response includes.
 */
export interface IntegrationKind {
  required: string[];
  public: string[];
  secret: string[];
  /** The config key whose value names the integration in lists. */
  displayKey: string;
}

export const INTEGRATION_KINDS: Record<string, IntegrationKind> = {
  "aws-s3": {
    required: ["aws_access_key_id", "aws_secret_access_key"],
    public: ["aws_access_key_id", "region"],
    secret: ["aws_secret_access_key"],
    displayKey: "aws_access_key_id",
  },
  "s3-compatible": {
    required: ["endpoint_url", "aws_access_key_id", "aws_secret_access_key"],
    public: ["endpoint_url", "aws_access_key_id", "region"],
    secret: ["aws_secret_access_key"],
    displayKey: "endpoint_url",
  },
  snowflake: {
    required: ["account", "user"],
    public: ["account", "user", "role", "authentication_type"],
    secret: ["password", "private_key", "private_key_passphrase"],
    displayKey: "account",
  },
  postgresql: {
    required: ["host", "database", "user", "password"],
    public: ["host", "port", "database", "user", "has_self_signed_cert"],
    secret: ["password"],
    displayKey: "host",
  },
  "aws-redshift": {
    required: ["host", "database", "user", "password"],
    public: ["host", "port", "database", "user"],
    secret: ["password"],
    displayKey: "host",
  },
  "google-cloud-service-account": {
    required: ["project_id", "client_email", "private_key", "private_key_id"],
    public: ["project_id", "client_email", "token_uri"],
    secret: ["private_key", "private_key_id"],
    displayKey: "client_email",
  },
  databricks: {
    required: ["server_hostname", "client_id", "client_secret"],
    public: ["server_hostname", "client_id"],
    secret: ["client_secret"],
    displayKey: "server_hostname",
  },
  "azure-blob": {
    required: ["connection_string"],
    public: ["storage_account_name"],
    secret: ["connection_string"],
    displayKey: "storage_account_name",
  },
};
