/**
 * The emulator's SQLite schema. Times are integer milliseconds since the epoch (UTC), rendered to
 * ISO strings only at the HTTP edge. JSON columns hold what PostHog keeps in JSON fields.
 */
export const SCHEMA_VERSION = 1;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL UNIQUE,
  first_name TEXT NOT NULL DEFAULT '',
  is_active INTEGER NOT NULL DEFAULT 1,
  current_organization_id TEXT,
  current_team_id INTEGER,
  created_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS organizations (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  logo_media_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  plugins_access_level INTEGER NOT NULL DEFAULT 3,
  is_member_join_email_enabled INTEGER NOT NULL DEFAULT 1,
  customer_id TEXT,
  enforce_2fa INTEGER,
  members_can_invite INTEGER DEFAULT 1,
  members_can_use_personal_api_keys INTEGER NOT NULL DEFAULT 1,
  allow_publicly_shared_resources INTEGER NOT NULL DEFAULT 1,
  is_ai_data_processing_approved INTEGER,
  default_experiment_stats_method TEXT DEFAULT 'bayesian',
  default_anonymize_ips INTEGER NOT NULL DEFAULT 0,
  default_role_id TEXT,
  available_product_features TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS organizations_created ON organizations (created_at, id);

CREATE TABLE IF NOT EXISTS memberships (
  organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  level INTEGER NOT NULL,
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, organization_id)
);
CREATE INDEX IF NOT EXISTS memberships_org ON memberships (organization_id);

CREATE TABLE IF NOT EXISTS teams (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  organization_id TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  api_token TEXT NOT NULL UNIQUE,
  timezone TEXT NOT NULL DEFAULT 'UTC',
  feature_flags TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS teams_org ON teams (organization_id);

CREATE TABLE IF NOT EXISTS personal_api_keys (
  id TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  secure_value TEXT NOT NULL UNIQUE,
  mask_value TEXT NOT NULL,
  scopes TEXT,
  scoped_teams TEXT,
  scoped_organizations TEXT,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER
);

CREATE TABLE IF NOT EXISTS integrations (
  id INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  integration_id TEXT,
  config TEXT NOT NULL DEFAULT '{}',
  sensitive_config TEXT NOT NULL DEFAULT '{}',
  errors TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  created_by_id INTEGER
);
CREATE INDEX IF NOT EXISTS integrations_team_kind ON integrations (team_id, kind);

CREATE TABLE IF NOT EXISTS batch_exports (
  id TEXT PRIMARY KEY,
  team_id INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  model TEXT,
  destination_type TEXT NOT NULL,
  destination_config TEXT NOT NULL,
  integration_id INTEGER,
  interval TEXT NOT NULL,
  paused INTEGER NOT NULL DEFAULT 0,
  deleted INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  last_updated_at INTEGER NOT NULL,
  last_paused_at INTEGER,
  start_at INTEGER,
  end_at INTEGER,
  hogql_query TEXT,
  filters TEXT,
  timezone TEXT NOT NULL DEFAULT 'UTC',
  interval_offset INTEGER,
  schedule_cursor INTEGER
);
CREATE INDEX IF NOT EXISTS batch_exports_team_list ON batch_exports (team_id, deleted, created_at DESC);
CREATE INDEX IF NOT EXISTS batch_exports_list ON batch_exports (deleted, created_at DESC);
CREATE INDEX IF NOT EXISTS batch_exports_active ON batch_exports (deleted, paused);

CREATE TABLE IF NOT EXISTS batch_export_backfills (
  id TEXT PRIMARY KEY,
  team_id INTEGER NOT NULL,
  batch_export_id TEXT NOT NULL REFERENCES batch_exports (id) ON DELETE CASCADE,
  start_at INTEGER,
  end_at INTEGER,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  last_updated_at INTEGER NOT NULL,
  total_records_count INTEGER,
  adjusted_start_at INTEGER,
  workflow_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS backfills_export ON batch_export_backfills (batch_export_id, created_at DESC);
CREATE INDEX IF NOT EXISTS backfills_status ON batch_export_backfills (status);

CREATE TABLE IF NOT EXISTS batch_export_runs (
  id TEXT PRIMARY KEY,
  batch_export_id TEXT NOT NULL REFERENCES batch_exports (id) ON DELETE CASCADE,
  backfill_id TEXT REFERENCES batch_export_backfills (id) ON DELETE SET NULL,
  status TEXT NOT NULL,
  records_completed INTEGER,
  records_failed INTEGER,
  latest_error TEXT,
  data_interval_start INTEGER,
  data_interval_end INTEGER NOT NULL,
  cursor TEXT,
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  last_updated_at INTEGER NOT NULL,
  records_total_count INTEGER,
  bytes_exported INTEGER,
  -- The simulation's plan for this run, decided when it starts; never rendered.
  sim_running_at INTEGER NOT NULL,
  sim_finish_at INTEGER NOT NULL,
  sim_outcome TEXT NOT NULL,
  sim_records INTEGER NOT NULL,
  sim_error TEXT
);
CREATE INDEX IF NOT EXISTS runs_export_created ON batch_export_runs (batch_export_id, created_at DESC, id);
CREATE INDEX IF NOT EXISTS runs_export_interval ON batch_export_runs (batch_export_id, data_interval_start DESC, id);
CREATE INDEX IF NOT EXISTS runs_backfill ON batch_export_runs (backfill_id);
CREATE INDEX IF NOT EXISTS runs_active ON batch_export_runs (status) WHERE status IN ('Starting', 'Running');

CREATE TABLE IF NOT EXISTS log_entries (
  seq INTEGER PRIMARY KEY,
  team_id INTEGER NOT NULL,
  log_source_id TEXT NOT NULL,
  instance_id TEXT NOT NULL DEFAULT '',
  timestamp INTEGER NOT NULL,
  level TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS logs_source_time ON log_entries (log_source_id, timestamp DESC, seq DESC);
-- One run's lines (instance_id), in the query's full order: without seq the planner walked the whole source.
DROP INDEX IF EXISTS logs_source_instance_time;
CREATE INDEX IF NOT EXISTS logs_source_instance_time_seq ON log_entries (log_source_id, instance_id, timestamp DESC, seq DESC);
-- Level filters (level=ERROR): rare levels would otherwise walk the whole source newest-first.
CREATE INDEX IF NOT EXISTS logs_source_level_time ON log_entries (log_source_id, level, timestamp DESC, seq DESC);
`;
