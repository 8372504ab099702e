export interface OrganizationRow {
  id: string;
  name: string;
  slug: string;
  logo_media_id: string | null;
  created_at: number;
  updated_at: number;
  plugins_access_level: number;
  is_member_join_email_enabled: number;
  customer_id: string | null;
  enforce_2fa: number | null;
  members_can_invite: number | null;
  members_can_use_personal_api_keys: number;
  allow_publicly_shared_resources: number;
  is_ai_data_processing_approved: number | null;
  default_experiment_stats_method: string | null;
  default_anonymize_ips: number;
  default_role_id: string | null;
  available_product_features: string;
}

export interface TeamRow {
  id: number;
  uuid: string;
  organization_id: string;
  name: string;
  api_token: string;
  timezone: string;
  feature_flags: string;
  created_at: number;
}

export interface BatchExportRow {
  id: string;
  team_id: number;
  name: string;
  model: string | null;
  destination_type: string;
  destination_config: string;
  integration_id: number | null;
  interval: string;
  paused: number;
  deleted: number;
  created_at: number;
  last_updated_at: number;
  last_paused_at: number | null;
  start_at: number | null;
  end_at: number | null;
  hogql_query: string | null;
  filters: string | null;
  timezone: string;
  interval_offset: number | null;
  schedule_cursor: number | null;
}

export interface RunRow {
  id: string;
  batch_export_id: string;
  backfill_id: string | null;
  status: string;
  records_completed: number | null;
  records_failed: number | null;
  latest_error: string | null;
  data_interval_start: number | null;
  data_interval_end: number;
  cursor: string | null;
  created_at: number;
  finished_at: number | null;
  last_updated_at: number;
  records_total_count: number | null;
  bytes_exported: number | null;
}

export interface BackfillRow {
  id: string;
  team_id: number;
  batch_export_id: string;
  start_at: number | null;
  end_at: number | null;
  status: string;
  created_at: number;
  finished_at: number | null;
  last_updated_at: number;
  total_records_count: number | null;
  adjusted_start_at: number | null;
  workflow_id: string;
}

export interface IntegrationRow {
  id: number;
  team_id: number;
  kind: string;
  integration_id: string | null;
  config: string;
  sensitive_config: string;
  errors: string;
  created_at: number;
  created_by_id: number | null;
}

export interface LogRow {
  seq: number;
  team_id: number;
  log_source_id: string;
  instance_id: string;
  timestamp: number;
  level: string;
  message: string;
}

export const MembershipLevel = { member: 1, admin: 8, owner: 15 } as const;
