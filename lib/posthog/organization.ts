import { z } from "zod";
import { PostHogDateTime, PostHogId } from "./common";
import { limitOffsetPage } from "./pagination";

/** The requesting user's level in the organization: member, admin, owner (POSTHOG-API.md §7). */
export const MembershipLevel = z.union([z.literal(1), z.literal(8), z.literal(15)]);
export type MembershipLevel = z.infer<typeof MembershipLevel>;
export const MEMBERSHIP_LEVEL = { member: 1, admin: 8, owner: 15 } as const;

/** none / config / install / root; the model default is 3. */
export const PluginsAccessLevel = z.union([z.literal(0), z.literal(3), z.literal(6), z.literal(9)]);
export type PluginsAccessLevel = z.infer<typeof PluginsAccessLevel>;

export const ExperimentStatsMethod = z.enum(["bayesian", "frequentist"]);
export type ExperimentStatsMethod = z.infer<typeof ExperimentStatsMethod>;

/** `TeamBasicSerializer` / `ProjectBasicSerializer` entries: only the keys the dashboard relies on are typed. */
export const OrganizationTeam = z.looseObject({ id: z.int(), name: z.string() });
export type OrganizationTeam = z.infer<typeof OrganizationTeam>;
export const OrganizationProject = z.looseObject({ id: z.int(), name: z.string() });
export type OrganizationProject = z.infer<typeof OrganizationProject>;

export const ORGANIZATION_NAME_MAX_LENGTH = 64;
/** DRF `CharField(max_length=64)`: whitespace is trimmed first, blank is refused. */
export const OrganizationName = z
  .string()
  .trim()
  .min(1, "This field may not be blank.")
  .max(ORGANIZATION_NAME_MAX_LENGTH, `Ensure this field has no more than ${ORGANIZATION_NAME_MAX_LENGTH} characters.`);

/**
 * Organization, newest shape (POSTHOG-API.md §2.1). Every serializer field is always rendered, so all
 * are required here, except the newest-only trio (`is_active`, `is_not_active_reason`,
 * `is_pending_deletion`), which older PostHog versions do not send.
 */
export const Organization = z.object({
  id: PostHogId,
  name: z.string().max(ORGANIZATION_NAME_MAX_LENGTH),
  slug: z.string().regex(/^[-a-zA-Z0-9_]+$/),
  logo_media_id: PostHogId.nullable(),
  created_at: PostHogDateTime,
  updated_at: PostHogDateTime,
  membership_level: MembershipLevel.nullable(),
  plugins_access_level: PluginsAccessLevel,
  teams: z.array(OrganizationTeam),
  projects: z.array(OrganizationProject),
  available_product_features: z.array(z.looseObject({ key: z.string() })).nullable(),
  is_member_join_email_enabled: z.boolean(),
  /** `{"instance_tag": "<INSTANCE_TAG>"}`; the old OpenAPI document wrongly types it as a string. */
  metadata: z.record(z.string(), z.string()),
  customer_id: z.string().nullable(),
  enforce_2fa: z.boolean().nullable(),
  members_can_invite: z.boolean().nullable(),
  members_can_use_personal_api_keys: z.boolean(),
  allow_publicly_shared_resources: z.boolean(),
  /** Active members excluding internal bots; the old OpenAPI document wrongly types it as a string. */
  member_count: z.int().nonnegative(),
  is_ai_data_processing_approved: z.boolean().nullable(),
  default_experiment_stats_method: z.union([ExperimentStatsMethod, z.literal("")]).nullable(),
  default_anonymize_ips: z.boolean(),
  default_role_id: z.string().nullable(),
  is_active: z.boolean().nullable().optional(),
  is_not_active_reason: z.string().nullable().optional(),
  is_pending_deletion: z.boolean().nullable().optional(),
});
export type Organization = z.infer<typeof Organization>;

export const OrganizationPage = limitOffsetPage(Organization);
export type OrganizationPage = z.infer<typeof OrganizationPage>;

/** The fields a client may write (read-only ones are ignored by PostHog, so they are not accepted here). */
const OrganizationWritable = z.object({
  name: OrganizationName,
  logo_media_id: PostHogId.nullable(),
  enforce_2fa: z.boolean().nullable(),
  members_can_invite: z.boolean().nullable(),
  members_can_use_personal_api_keys: z.boolean(),
  allow_publicly_shared_resources: z.boolean(),
  is_ai_data_processing_approved: z.boolean().nullable(),
  default_experiment_stats_method: z.union([ExperimentStatsMethod, z.literal("")]).nullable(),
  default_anonymize_ips: z.boolean(),
  default_role_id: z.string().nullable(),
});

/** `POST /api/organizations/`: only `name` is required. */
export const OrganizationCreate = OrganizationWritable.partial().extend({ name: OrganizationName });
export type OrganizationCreate = z.infer<typeof OrganizationCreate>;

/** `PATCH /api/organizations/{id}/`: any subset of the writable fields. */
export const OrganizationUpdate = OrganizationWritable.partial();
export type OrganizationUpdate = z.infer<typeof OrganizationUpdate>;

/** `POST /api/organizations/{id}/environments_rollback/` answers 202 with this (not an Organization). */
export const EnvironmentsRollbackResponse = z.object({ success: z.literal(true), message: z.string() });
export type EnvironmentsRollbackResponse = z.infer<typeof EnvironmentsRollbackResponse>;
