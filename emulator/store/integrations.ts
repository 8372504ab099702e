import type { Db } from "./open-database";
import type { IntegrationRow } from "./rows";

export function findTeamIntegration(db: Db, teamId: number, id: number): { id: number; kind: string } | null {
  const row = db.prepare("SELECT id, kind FROM integrations WHERE id = ? AND team_id = ?").get(id, teamId) as
    | { id: number; kind: string }
    | undefined;
  return row ?? null;
}

export function getIntegration(db: Db, id: number): IntegrationRow | undefined {
  return db.prepare("SELECT * FROM integrations WHERE id = ?").get(id) as IntegrationRow | undefined;
}

export function countIntegrations(db: Db, teamId: number, kind: string | null): number {
  const row = db
    .prepare(`SELECT COUNT(*) AS n FROM integrations WHERE team_id = ? ${kind ? "AND kind = ?" : ""}`)
    .get(...(kind ? [teamId, kind] : [teamId])) as { n: number };
  return row.n;
}

export function listIntegrations(db: Db, teamId: number, kind: string | null, limit: number, offset: number) {
  return db
    .prepare(
      `SELECT * FROM integrations WHERE team_id = ? ${kind ? "AND kind = ?" : ""} ORDER BY id DESC LIMIT ? OFFSET ?`,
    )
    .all(...(kind ? [teamId, kind] : [teamId]), limit, offset) as IntegrationRow[];
}

export function insertIntegration(
  db: Db,
  input: { teamId: number; kind: string; config: object; sensitive: object; userId: number | null; now: number },
): IntegrationRow {
  const result = db
    .prepare(
      `INSERT INTO integrations (team_id, kind, config, sensitive_config, created_at, created_by_id)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(input.teamId, input.kind, JSON.stringify(input.config), JSON.stringify(input.sensitive), input.now, input.userId);
  return getIntegration(db, Number(result.lastInsertRowid))!;
}
