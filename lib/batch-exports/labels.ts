export const DESTINATION_LABELS: Record<string, string> = {
  AwsS3: "Amazon S3",
  S3Compatible: "S3-compatible",
  S3: "S3 (legacy)",
  Snowflake: "Snowflake",
  Postgres: "PostgreSQL",
  Redshift: "Redshift",
  BigQuery: "BigQuery",
  Databricks: "Databricks",
  AzureBlob: "Azure Blob Storage",
  HTTP: "PostHog HTTP",
  NoOp: "No-op",
  Workflows: "Workflows",
  FileDownload: "File download",
};

export const INTERVAL_LABELS: Record<string, string> = {
  "every 5 minutes": "Every 5 minutes",
  "every 15 minutes": "Every 15 minutes",
  hour: "Hourly",
  day: "Daily",
  week: "Weekly",
};

export function destinationLabel(type: string): string {
  return DESTINATION_LABELS[type] ?? type;
}

export function intervalLabel(interval: string): string {
  return INTERVAL_LABELS[interval] ?? interval;
}
