import { z } from "zod";
import { PostHogDateTime } from "./common";
import { limitOffsetPage } from "./pagination";

/**
 * Integration as `GET /api/projects/{project_id}/integrations/` returns it (PostHog `posthog/api/integration.py`,
 * `IntegrationSerializer`: fields `id, kind, config, created_at, created_by, errors, display_name` plus the
 * newer read-only `files_write_requestable`, `installation_shared`, `installation_status`). Batch-export
 * destinations reference one by its integer `id` (`destination.integration`). `config` holds only
 * non-sensitive settings; credentials live in `sensitive_config`, which is never serialized.
 */
export const BATCH_EXPORT_INTEGRATION_KINDS = [
  "aws-s3",
  "s3-compatible",
  "snowflake",
  "postgresql",
  "aws-redshift",
  "google-cloud-service-account",
  "databricks",
  "azure-blob",
] as const;

/** PostHog has dozens of integration kinds (slack, github, …); only the batch-export ones are listed above. */
export const IntegrationKind = z.string().min(1);
export type IntegrationKind = z.infer<typeof IntegrationKind>;

/** `UserBasicSerializer`, typed only where the dashboard reads it. */
export const IntegrationCreator = z.looseObject({
  id: z.int(),
  uuid: z.string(),
  email: z.string(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
});
export type IntegrationCreator = z.infer<typeof IntegrationCreator>;

export const Integration = z.object({
  id: z.int(),
  kind: IntegrationKind,
  config: z.record(z.string(), z.unknown()),
  created_at: PostHogDateTime,
  created_by: IntegrationCreator.nullable(),
  /** Free text; empty when healthy (e.g. `"TOKEN_REFRESH_FAILED"` after an OAuth refresh failure). */
  errors: z.string().nullable(),
  display_name: z.string(),
  files_write_requestable: z.boolean().optional(),
  installation_shared: z.boolean().nullable().optional(),
  installation_status: z.enum(["connected", "unavailable"]).nullable().optional(),
});
export type Integration = z.infer<typeof Integration>;

export const IntegrationPage = limitOffsetPage(Integration);
export type IntegrationPage = z.infer<typeof IntegrationPage>;
