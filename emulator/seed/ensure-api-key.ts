import type { Db } from "../store/open-database";
import { bootstrapOrganization } from "../store/organizations";
import { findKeyByValue, getUserByEmail, insertPersonalApiKey, insertUser } from "../store/users";

const KEY_USER_EMAIL = "api-key-owner@posthog.local";

/**
 * `--api-key K`: makes sure K works, as a legacy (unscoped, full-access) key of a user who owns one
 * organization with one project. An existing key with that value is left as it is.
 */
export function ensureApiKey(db: Db, value: string, now: number): void {
  if (findKeyByValue(db, value)) return;
  db.transaction(() => {
    let user = getUserByEmail(db, KEY_USER_EMAIL);
    if (!user) {
      user = insertUser(db, KEY_USER_EMAIL, "API key owner", now);
      bootstrapOrganization(db, user.id, "Local PostHog", now);
    }
    insertPersonalApiKey(db, { userId: user.id, label: "--api-key", value, now });
  })();
}
