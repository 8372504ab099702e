import { createBackfill, seedHistory, tick } from "../scheduler";
import type { SimulationSettings } from "../scheduler/simulation-settings";
import { uuidT } from "../store/ids";
import type { Db } from "../store/open-database";
import { addMembership, insertOrganization, insertTeam } from "../store/organizations";
import { insertIntegration } from "../store/integrations";
import { insertBatchExport } from "../store/batch-exports";
import { getUserByEmail, insertPersonalApiKey, insertUser, setCurrentTeam } from "../store/users";
import { DEMO_COLLEAGUE_EMAIL, DEMO_ORGANIZATIONS, DEMO_USER_EMAIL } from "./demo-catalogue";

const DAY = 86_400_000;
/** Backfill bounds on whole hours, as a person would pick them. */
const hour = (ms: number) => ms - (ms % 3_600_000);
const DEMO_KEY_META = "demo_key";

/**
 * The demo key is kept in clear in `meta` (keys themselves are stored hashed) so that every start of
 * the local PostHog can print it. It is a local demo credential, never a real PostHog key.
 */
export function demoKeyOf(db: Db): string | null {
  const row = db.prepare("SELECT value FROM meta WHERE key = ?").get(DEMO_KEY_META) as { value: string } | undefined;
  return row?.value ?? null;
}

/**
 * Builds the demo world as of `now`: organizations at every membership level, projects, integrations,
 * a dozen exports with a week of run history and logs, one finished backfill and one still running.
 */
export function seedDemo(db: Db, now: number, settings: SimulationSettings): { key: string } {
  const created = now - 10 * DAY;
  const historyFrom = now - 7 * DAY;
  const exportsToBackfill: Array<{ id: string; teamId: number }> = [];

  const key = db.transaction(() => {
    const demo = getUserByEmail(db, DEMO_USER_EMAIL) ?? insertUser(db, DEMO_USER_EMAIL, "Demo", created);
    const colleague = getUserByEmail(db, DEMO_COLLEAGUE_EMAIL) ?? insertUser(db, DEMO_COLLEAGUE_EMAIL, "Maria", created);
    let firstTeam: { org: string; team: number } | null = null;

    for (const [orgIndex, spec] of DEMO_ORGANIZATIONS.entries()) {
      // A millisecond apart, so the list order is the catalogue's.
      const organization = insertOrganization(db, { name: spec.name, features: spec.features, createdAt: created + orgIndex });
      addMembership(db, organization.id, demo.id, spec.level, created);
      // Someone else owns the organizations the demo user does not.
      addMembership(db, organization.id, colleague.id, spec.level === 15 ? 8 : 15, created);
      const teams = new Map<string, number>();
      for (const project of spec.projects) {
        const team = insertTeam(db, organization.id, project.name, created, { flags: project.flags });
        teams.set(project.name, team.id);
        firstTeam ??= { org: organization.id, team: team.id };
      }
      const integrations = new Map<string, number>();
      for (const integration of spec.integrations) {
        const row = insertIntegration(db, {
          teamId: teams.get(integration.project)!,
          kind: integration.kind,
          config: integration.config,
          sensitive: integration.secret,
          userId: colleague.id,
          now: created,
        });
        integrations.set(integration.name, row.id);
      }
      spec.exports.forEach((e, index) => {
        const id = uuidT(created + index);
        const teamId = teams.get(e.project)!;
        const row = {
          id,
          team_id: teamId,
          name: e.name,
          model: e.model ?? "events",
          destination_type: e.type,
          destination_config: JSON.stringify(e.config),
          integration_id: e.integration ? integrations.get(e.integration)! : null,
          interval: e.interval,
          paused: e.paused ? 1 : 0,
          created_at: created + index,
          last_updated_at: created + index,
          last_paused_at: e.paused ? now - 2 * DAY : null,
          start_at: null,
          end_at: e.endedDaysAgo ? now - e.endedDaysAgo * DAY : null,
          hogql_query: null,
          filters: null,
          timezone: e.timezone ?? "UTC",
          interval_offset: e.intervalOffset ?? (e.interval === "day" || e.interval === "week" ? 0 : null),
          schedule_cursor: historyFrom,
        };
        insertBatchExport(db, row);
        const historyTo = e.paused ? now - 2 * DAY : row.end_at ?? now;
        seedHistory(db, row, historyFrom, historyTo, { ...settings, failureRate: e.failureRate ?? settings.failureRate });
        if (e.paused) db.prepare("UPDATE batch_exports SET schedule_cursor = ? WHERE id = ?").run(now, id);
        if (e.interval === "hour" && !e.paused && !e.endedDaysAgo) exportsToBackfill.push({ id, teamId });
      });
    }
    if (firstTeam) setCurrentTeam(db, demo.id, firstTeam.org, firstTeam.team);
    const minted = insertPersonalApiKey(db, { userId: demo.id, label: "Local demo", now: created });
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)").run(DEMO_KEY_META, minted.value);
    return minted.value;
  })();

  // A backfill that ran two days ago and finished: drive the simulation through its lifetime.
  const finished = exportsToBackfill[0];
  if (finished) {
    const startedAt = now - 2 * DAY;
    createBackfill(db, { batchExportId: finished.id, teamId: finished.teamId, startMs: hour(now - 12 * DAY), endMs: hour(now - 11 * DAY), now: startedAt });
    for (let t = startedAt; t <= startedAt + 30 * 60_000; t += 1_000) tick(db, t, settings);
  }
  // A month-long backfill started a minute ago that keeps moving while the demo runs.
  const running = exportsToBackfill[1] ?? exportsToBackfill[0];
  if (running) {
    createBackfill(db, { batchExportId: running.id, teamId: running.teamId, startMs: hour(now - 40 * DAY), endMs: hour(now - 10 * DAY), now: now - 60_000 });
    for (let t = now - 60_000; t <= now; t += 1_000) tick(db, t, settings);
  }
  return { key };
}
