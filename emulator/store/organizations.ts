import type { Db } from "./open-database";
import { newProjectApiToken, uuidT } from "./ids";
import type { OrganizationRow, TeamRow } from "./rows";
import { MembershipLevel } from "./rows";

export function getOrganization(db: Db, id: string): OrganizationRow | undefined {
  return db.prepare("SELECT * FROM organizations WHERE id = ?").get(id) as OrganizationRow | undefined;
}

export function membershipLevel(db: Db, organizationId: string, userId: number): number | null {
  const row = db
    .prepare("SELECT level FROM memberships WHERE organization_id = ? AND user_id = ?")
    .get(organizationId, userId) as { level: number } | undefined;
  return row?.level ?? null;
}

export function countUserOrganizations(db: Db, userId: number, onlyIds: string[] | null): number {
  const filter = onlyIds ? `AND o.id IN (${onlyIds.map(() => "?").join(",")})` : "";
  const row = db
    .prepare(
      `SELECT COUNT(*) AS n FROM organizations o JOIN memberships m ON m.organization_id = o.id
       WHERE m.user_id = ? ${filter}`,
    )
    .get(userId, ...(onlyIds ?? [])) as { n: number };
  return row.n;
}

export function listUserOrganizations(
  db: Db,
  userId: number,
  onlyIds: string[] | null,
  limit: number,
  offset: number,
): OrganizationRow[] {
  const filter = onlyIds ? `AND o.id IN (${onlyIds.map(() => "?").join(",")})` : "";
  return db
    .prepare(
      `SELECT o.* FROM organizations o JOIN memberships m ON m.organization_id = o.id
       WHERE m.user_id = ? ${filter} ORDER BY o.created_at, o.id LIMIT ? OFFSET ?`,
    )
    .all(userId, ...(onlyIds ?? []), limit, offset) as OrganizationRow[];
}

export function teamsOf(db: Db, organizationId: string): TeamRow[] {
  return db.prepare("SELECT * FROM teams WHERE organization_id = ? ORDER BY id").all(organizationId) as TeamRow[];
}

export function memberCount(db: Db, organizationId: string): number {
  const row = db.prepare("SELECT COUNT(*) AS n FROM memberships WHERE organization_id = ?").get(organizationId) as {
    n: number;
  };
  return row.n;
}

function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9_\s-]/g, "")
    .trim()
    .replace(/[\s-]+/g, "-")
    .slice(0, 48);
  return base || "organization";
}

function uniqueSlug(db: Db, name: string): string {
  const base = slugify(name);
  const taken = db.prepare("SELECT 1 FROM organizations WHERE slug = ?");
  if (!taken.get(base)) return base;
  for (let i = 0; ; i++) {
    const candidate = `${base}-${Math.random().toString(36).slice(2, 6)}`;
    if (!taken.get(candidate)) return candidate;
    if (i > 50) return `${base}-${Date.now().toString(36)}`;
  }
}

export interface NewOrganization {
  name: string;
  features?: string[];
  createdAt: number;
}

export function insertOrganization(db: Db, input: NewOrganization): OrganizationRow {
  const id = uuidT(input.createdAt);
  db.prepare(
    `INSERT INTO organizations (id, name, slug, created_at, updated_at, available_product_features)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    input.name,
    uniqueSlug(db, input.name),
    input.createdAt,
    input.createdAt,
    JSON.stringify((input.features ?? []).map((key) => ({ key, name: key }))),
  );
  return getOrganization(db, id)!;
}

export function insertTeam(
  db: Db,
  organizationId: string,
  name: string,
  createdAt: number,
  options: { flags?: string[]; timezone?: string } = {},
): TeamRow {
  const result = db
    .prepare(
      `INSERT INTO teams (uuid, organization_id, name, api_token, timezone, feature_flags, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      uuidT(createdAt),
      organizationId,
      name,
      newProjectApiToken(),
      options.timezone ?? "UTC",
      JSON.stringify(options.flags ?? []),
      createdAt,
    );
  return db.prepare("SELECT * FROM teams WHERE id = ?").get(result.lastInsertRowid) as TeamRow;
}

export function addMembership(db: Db, organizationId: string, userId: number, level: number, at: number): void {
  db.prepare(
    `INSERT INTO memberships (organization_id, user_id, level, joined_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (user_id, organization_id) DO UPDATE SET level = excluded.level`,
  ).run(organizationId, userId, level, at);
}

/**
 * PostHog's `OrganizationManager.bootstrap`: the organization, a default project, the caller as owner,
 * and the caller switched to it.
 */
export function bootstrapOrganization(db: Db, userId: number, name: string, now: number): OrganizationRow {
  return db.transaction(() => {
    const organization = insertOrganization(db, { name, createdAt: now });
    const team = insertTeam(db, organization.id, "Default project", now);
    addMembership(db, organization.id, userId, MembershipLevel.owner, now);
    db.prepare("UPDATE users SET current_organization_id = ?, current_team_id = ? WHERE id = ?").run(
      organization.id,
      team.id,
      userId,
    );
    return organization;
  })();
}

export function updateOrganization(db: Db, id: string, changes: Record<string, unknown>, now: number): void {
  const keys = Object.keys(changes);
  if (keys.length === 0) {
    db.prepare("UPDATE organizations SET updated_at = ? WHERE id = ?").run(now, id);
    return;
  }
  const sets = keys.map((k) => `${k} = @${k}`).join(", ");
  db.prepare(`UPDATE organizations SET ${sets}, updated_at = @__now WHERE id = @__id`).run({
    ...changes,
    __now: now,
    __id: id,
  });
}

export function deleteOrganization(db: Db, id: string): void {
  db.transaction(() => {
    db.prepare(
      `DELETE FROM log_entries WHERE team_id IN (SELECT id FROM teams WHERE organization_id = ?)`,
    ).run(id);
    db.prepare("DELETE FROM organizations WHERE id = ?").run(id);
    // Users who were working in it move to another of their organizations, as PostHog does on delete.
    const users = db
      .prepare("SELECT id FROM users WHERE current_organization_id = ?")
      .all(id) as Array<{ id: number }>;
    for (const { id: userId } of users) {
      const next = db
        .prepare(
          `SELECT o.id AS org, (SELECT t.id FROM teams t WHERE t.organization_id = o.id ORDER BY t.id LIMIT 1) AS team
           FROM organizations o JOIN memberships m ON m.organization_id = o.id WHERE m.user_id = ?
           ORDER BY m.joined_at LIMIT 1`,
        )
        .get(userId) as { org: string; team: number | null } | undefined;
      db.prepare("UPDATE users SET current_organization_id = ?, current_team_id = ? WHERE id = ?").run(
        next?.org ?? null,
        next?.team ?? null,
        userId,
      );
    }
  })();
}

export function hasFeature(organization: OrganizationRow, key: string): boolean {
  const features = JSON.parse(organization.available_product_features) as Array<{ key: string }>;
  return features.some((f) => f.key === key);
}
