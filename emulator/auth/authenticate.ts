import { ApiError } from "../http/api-error";
import type { Db } from "../store/open-database";
import { hashPersonalApiKey } from "../store/ids";
import { findPersonalApiKey } from "./find-personal-api-key";
import type { PersonalApiKeyRow, Principal, UserRow } from "./principal";

export const WWW_AUTHENTICATE = 'Bearer resource_metadata="http://localhost/.well-known/oauth-protected-resource"';

export function notAuthenticated(): ApiError {
  return new ApiError(
    401,
    {
      type: "authentication_error",
      code: "not_authenticated",
      detail: "Authentication credentials were not provided.",
      attr: null,
    },
    { "WWW-Authenticate": WWW_AUTHENTICATE },
  );
}

/** Resolves the caller from a personal API key; throws PostHog's 401 bodies; null when no key was sent. */
export function authenticate(
  db: Db,
  authorization: string | undefined,
  body: unknown,
  query: URLSearchParams,
  now: number,
): Principal | null {
  const found = findPersonalApiKey(authorization, body, query);
  if (!found) return null;
  const hash = hashPersonalApiKey(found.key);
  const key = db.prepare("SELECT * FROM personal_api_keys WHERE secure_value = ?").get(hash) as
    | PersonalApiKeyRow
    | undefined;
  const user = key
    ? (db.prepare("SELECT * FROM users WHERE id = ?").get(key.user_id) as UserRow | undefined)
    : undefined;
  if (!key || !user || !user.is_active) {
    throw new ApiError(
      401,
      {
        type: "authentication_error",
        code: "authentication_failed",
        detail: `Personal API key found in request ${found.source} is invalid.`,
        attr: null,
      },
      { "WWW-Authenticate": WWW_AUTHENTICATE },
    );
  }
  // PostHog records last use at most hourly; the emulator does the same to avoid a write per request.
  if (key.last_used_at === null || now - key.last_used_at > 3_600_000) {
    db.prepare("UPDATE personal_api_keys SET last_used_at = ? WHERE id = ?").run(now, key.id);
  }
  return {
    user,
    keyId: key.id,
    keyHash: hash,
    scopes: parseList<string>(key.scopes),
    scopedTeams: parseList<number>(key.scoped_teams),
    scopedOrganizations: parseList<string>(key.scoped_organizations),
  };
}

function parseList<T>(raw: string | null): T[] | null {
  if (raw === null) return null;
  const value = JSON.parse(raw) as T[] | null;
  return Array.isArray(value) && value.length > 0 ? value : null;
}
