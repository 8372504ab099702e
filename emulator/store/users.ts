import type { PersonalApiKeyRow, UserRow } from "../auth/principal";
import type { Db } from "./open-database";
import { hashPersonalApiKey, maskPersonalApiKey, newPersonalApiKey, uuid4, uuidT } from "./ids";

export function getUserByEmail(db: Db, email: string): UserRow | undefined {
  return db.prepare("SELECT * FROM users WHERE email = ?").get(email) as UserRow | undefined;
}

export function getUser(db: Db, id: number): UserRow | undefined {
  return db.prepare("SELECT * FROM users WHERE id = ?").get(id) as UserRow | undefined;
}

export function insertUser(db: Db, email: string, firstName: string, now: number): UserRow {
  const result = db
    .prepare("INSERT INTO users (uuid, email, first_name, created_at) VALUES (?, ?, ?, ?)")
    .run(uuidT(now), email, firstName, now);
  return getUser(db, Number(result.lastInsertRowid))!;
}

export function setCurrentTeam(db: Db, userId: number, organizationId: string, teamId: number | null): void {
  db.prepare("UPDATE users SET current_organization_id = ?, current_team_id = ? WHERE id = ?").run(
    organizationId,
    teamId,
    userId,
  );
}

export interface NewKey {
  userId: number;
  label: string;
  /** A chosen value (the CLI's `--api-key`); a fresh `phx_` token otherwise. */
  value?: string;
  scopes?: string[] | null;
  scopedTeams?: number[] | null;
  scopedOrganizations?: string[] | null;
  now: number;
}

/** Mints a personal API key. Only its hash is stored; the value is returned once, as PostHog does. */
export function insertPersonalApiKey(db: Db, input: NewKey): { id: string; value: string } {
  const value = input.value ?? newPersonalApiKey();
  const id = uuid4();
  db.prepare(
    `INSERT INTO personal_api_keys
      (id, user_id, label, secure_value, mask_value, scopes, scoped_teams, scoped_organizations, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    input.userId,
    input.label,
    hashPersonalApiKey(value),
    maskPersonalApiKey(value),
    input.scopes ? JSON.stringify(input.scopes) : null,
    input.scopedTeams ? JSON.stringify(input.scopedTeams) : null,
    input.scopedOrganizations ? JSON.stringify(input.scopedOrganizations) : null,
    input.now,
  );
  return { id, value };
}

export function findKeyByValue(db: Db, value: string): PersonalApiKeyRow | undefined {
  return db.prepare("SELECT * FROM personal_api_keys WHERE secure_value = ?").get(hashPersonalApiKey(value)) as
    | PersonalApiKeyRow
    | undefined;
}

export function deletePersonalApiKey(db: Db, id: string): boolean {
  return db.prepare("DELETE FROM personal_api_keys WHERE id = ?").run(id).changes > 0;
}
