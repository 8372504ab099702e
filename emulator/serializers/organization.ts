import { formatDateTime } from "../http/datetime";
import type { Db } from "../store/open-database";
import { memberCount, teamsOf } from "../store/organizations";
import type { OrganizationRow, TeamRow } from "../store/rows";

const bool = (v: number | null): boolean | null => (v === null ? null : v === 1);

function teamBasic(team: TeamRow) {
  return {
    id: team.id,
    uuid: team.uuid,
    organization: team.organization_id,
    project_id: team.id,
    api_token: team.api_token,
    name: team.name,
    completed_snippet_onboarding: true,
    has_completed_onboarding_for: null,
    ingested_event: true,
    is_demo: false,
    timezone: team.timezone,
    access_control: false,
  };
}

/** PostHog's OrganizationSerializer, newest field set, as seen by a user with `level`. */
export function serializeOrganization(db: Db, row: OrganizationRow, level: number | null) {
  const teams = teamsOf(db, row.id);
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    logo_media_id: row.logo_media_id,
    created_at: formatDateTime(row.created_at),
    updated_at: formatDateTime(row.updated_at),
    membership_level: level,
    plugins_access_level: row.plugins_access_level,
    teams: teams.map(teamBasic),
    projects: teams.map((t) => ({ id: t.id, organization_id: t.organization_id, name: t.name })),
    available_product_features: JSON.parse(row.available_product_features) as unknown[],
    is_member_join_email_enabled: row.is_member_join_email_enabled === 1,
    metadata: { instance_tag: "none" },
    customer_id: row.customer_id,
    enforce_2fa: bool(row.enforce_2fa),
    members_can_invite: bool(row.members_can_invite),
    members_can_use_personal_api_keys: row.members_can_use_personal_api_keys === 1,
    allow_publicly_shared_resources: row.allow_publicly_shared_resources === 1,
    member_count: memberCount(db, row.id),
    is_ai_data_processing_approved: bool(row.is_ai_data_processing_approved),
    default_experiment_stats_method: row.default_experiment_stats_method,
    default_anonymize_ips: row.default_anonymize_ips === 1,
    default_role_id: row.default_role_id,
    is_active: true,
    is_not_active_reason: null,
    is_pending_deletion: false,
  };
}
