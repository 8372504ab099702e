import { MEMBERSHIP_LEVEL } from "@/lib/posthog";

export function levelName(level: number | null | undefined): string {
  if (level === MEMBERSHIP_LEVEL.owner) return "Owner";
  if (level === MEMBERSHIP_LEVEL.admin) return "Admin";
  if (level === MEMBERSHIP_LEVEL.member) return "Member";
  return "No access";
}

/** PostHog's rules: settings need admin (8), deletion needs owner (15). */
export function canEditSettings(level: number | null | undefined): boolean {
  return (level ?? 0) >= MEMBERSHIP_LEVEL.admin;
}

export function canDelete(level: number | null | undefined): boolean {
  return (level ?? 0) >= MEMBERSHIP_LEVEL.owner;
}

export function settingsLockedReason(level: number | null | undefined): string | undefined {
  return canEditSettings(level)
    ? undefined
    : `Only admins and owners can change settings; you are a ${levelName(level).toLowerCase()} of this organization.`;
}

export function deleteLockedReason(level: number | null | undefined): string | undefined {
  return canDelete(level)
    ? undefined
    : `Only owners can delete an organization; you are ${level === MEMBERSHIP_LEVEL.admin ? "an admin" : "a member"}.`;
}
