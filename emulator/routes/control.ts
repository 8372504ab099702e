import { ManualClock, RealClock } from "../clock";
import { notFound, requiredField, validationError } from "../http/api-error";
import { formatDateTime, parseIsoDateTime } from "../http/datetime";
import type { FaultSettings } from "../http/fault-injector";
import { requireObjectBody } from "../http/fields";
import type { RequestContext } from "../http/request-context";
import { Router } from "../http/router";
import { resetDatabase } from "../seed/reset-database";
import { demoKeyOf, seedDemo } from "../seed/demo";
import { addMembership, getOrganization, insertOrganization, insertTeam } from "../store/organizations";
import { deletePersonalApiKey, getUser, getUserByEmail, insertPersonalApiKey, insertUser, setCurrentTeam } from "../store/users";

/**
 * The local-only control API tests use to arrange the world: users, memberships, scoped keys, the
 * clock, simulation settings and faults. Never part of PostHog's API.
 */
function body(ctx: RequestContext): Record<string, unknown> {
  return requireObjectBody(ctx.body);
}

function state(ctx: RequestContext) {
  const e = ctx.emulator;
  return {
    status: 200,
    body: {
      profile: e.profile,
      clock: { mode: e.clock.mode, now: formatDateTime(e.clock.now()) },
      simulation: e.simulation,
      rate_limits: e.rateLimiter.limits,
      faults: e.faults.settings,
      api_requests: e.stats.apiRequests,
    },
  };
}

/** The demo user's key, for the dashboard's "Try the local demo" (local callers only, like all of this API). */
function demoKey(ctx: RequestContext) {
  return { status: 200, body: { key: demoKeyOf(ctx.emulator.db) } };
}

/**
 * What the emulator stores for an export, secrets included, so a test can prove an edit kept a secret
 * that the API (rightly) never returns.
 */
function storedExport(ctx: RequestContext) {
  const db = ctx.emulator.db;
  const row = db.prepare("SELECT * FROM batch_exports WHERE id = ?").get(ctx.params.id) as
    | { destination_type: string; destination_config: string; integration_id: number | null; paused: number; deleted: number }
    | undefined;
  if (!row) throw notFound();
  const integration =
    row.integration_id === null
      ? null
      : (db.prepare("SELECT kind, sensitive_config FROM integrations WHERE id = ?").get(row.integration_id) as
          | { kind: string; sensitive_config: string }
          | undefined);
  return {
    status: 200,
    body: {
      destination_type: row.destination_type,
      config: JSON.parse(row.destination_config) as unknown,
      integration_id: row.integration_id,
      integration_secrets: integration ? (JSON.parse(integration.sensitive_config) as unknown) : null,
      paused: row.paused === 1,
      deleted: row.deleted === 1,
    },
  };
}

function reset(ctx: RequestContext) {
  const seed = body(ctx).seed ?? "empty";
  const e = ctx.emulator;
  resetDatabase(e.db);
  e.rateLimiter.reset();
  e.faults.clear();
  const demo = seed === "demo" ? seedDemo(e.db, e.clock.now(), e.simulation) : null;
  return { status: 200, body: { seed, demo_key: demo?.key ?? null } };
}

function createOrganization(ctx: RequestContext) {
  const b = body(ctx);
  if (typeof b.name !== "string" || !b.name) throw requiredField("name");
  const now = ctx.emulator.clock.now();
  const db = ctx.emulator.db;
  const teamNames = Array.isArray(b.teams) && b.teams.length > 0 ? (b.teams as string[]) : ["Default project"];
  const features = Array.isArray(b.features) ? (b.features as string[]) : [];
  const flags = Array.isArray(b.flags) ? (b.flags as string[]) : [];
  const result = db.transaction(() => {
    const organization = insertOrganization(db, { name: b.name as string, features, createdAt: now });
    const teams = teamNames.map((name) => insertTeam(db, organization.id, name, now, { flags }));
    return { id: organization.id, name: organization.name, teams: teams.map((t) => ({ id: t.id, name: t.name })) };
  })();
  return { status: 201, body: result };
}

function createUser(ctx: RequestContext) {
  const b = body(ctx);
  if (typeof b.email !== "string" || !b.email) throw requiredField("email");
  const db = ctx.emulator.db;
  const now = ctx.emulator.clock.now();
  const memberships = Array.isArray(b.memberships) ? (b.memberships as Array<{ organization_id: string; level?: number }>) : [];
  const user = db.transaction(() => {
    const created = getUserByEmail(db, b.email as string) ?? insertUser(db, b.email as string, String(b.first_name ?? ""), now);
    for (const m of memberships) {
      if (!getOrganization(db, m.organization_id)) throw validationError(`Unknown organization ${m.organization_id}`, "memberships");
      addMembership(db, m.organization_id, created.id, m.level ?? 1, now);
    }
    const first = memberships[0];
    if (first && created.current_organization_id === null) {
      const team = db.prepare("SELECT id FROM teams WHERE organization_id = ? ORDER BY id LIMIT 1").get(first.organization_id) as
        | { id: number }
        | undefined;
      setCurrentTeam(db, created.id, first.organization_id, team?.id ?? null);
    }
    return getUser(db, created.id)!;
  })();
  return { status: 201, body: { id: user.id, email: user.email } };
}

function createKey(ctx: RequestContext) {
  const b = body(ctx);
  const db = ctx.emulator.db;
  const user = typeof b.user_id === "number" ? getUser(db, b.user_id) : typeof b.email === "string" ? getUserByEmail(db, b.email) : undefined;
  if (!user) throw validationError("Unknown user: pass user_id or email of an existing user.", "user_id");
  const key = insertPersonalApiKey(db, {
    userId: user.id,
    label: String(b.label ?? "test key"),
    value: typeof b.value === "string" ? b.value : undefined,
    scopes: Array.isArray(b.scopes) ? (b.scopes as string[]) : null,
    scopedTeams: Array.isArray(b.scoped_teams) ? (b.scoped_teams as number[]) : null,
    scopedOrganizations: Array.isArray(b.scoped_organizations) ? (b.scoped_organizations as string[]) : null,
    now: ctx.emulator.clock.now(),
  });
  return { status: 201, body: { id: key.id, key: key.value, user_id: user.id } };
}

function revokeKey(ctx: RequestContext) {
  if (!deletePersonalApiKey(ctx.emulator.db, ctx.params.id!)) throw notFound();
  return { status: 204 };
}

function setTeamFlags(ctx: RequestContext) {
  const flags = body(ctx).flags;
  if (!Array.isArray(flags)) throw requiredField("flags");
  const changed = ctx.emulator.db
    .prepare("UPDATE teams SET feature_flags = ? WHERE id = ?")
    .run(JSON.stringify(flags), Number(ctx.params.id)).changes;
  if (!changed) throw notFound();
  return { status: 200, body: { flags } };
}

function clock(ctx: RequestContext) {
  const e = ctx.emulator;
  if (ctx.method === "POST") {
    const b = body(ctx);
    const at = typeof b.now === "number" ? b.now : typeof b.now === "string" ? parseIsoDateTime(b.now)?.ms : undefined;
    if (b.now !== undefined && at === undefined) throw validationError("`now` must be an ISO datetime or epoch ms.", "now");
    if (b.mode === "real") e.clock.use(new RealClock());
    else if (b.mode === "manual" || at !== undefined) {
      const manual = e.clock.manual ?? new ManualClock(e.clock.now());
      if (at !== undefined) manual.set(at);
      e.clock.use(manual);
    }
    if (b.advance_seconds !== undefined) {
      const manual = e.clock.manual;
      if (!manual) throw validationError("Switch to the manual clock before advancing it.", "advance_seconds");
      const seconds = Number(b.advance_seconds);
      if (!Number.isFinite(seconds) || seconds < 0) throw validationError("advance_seconds must be >= 0.", "advance_seconds");
      // Step in small increments so each run's transitions happen in order, as they would live.
      const target = manual.now() + seconds * 1000;
      const step = Math.max(1000, Math.min(60_000, e.simulation.backfillRunSeconds * 500));
      while (manual.now() < target) {
        manual.set(Math.min(target, manual.now() + step));
        e.tick();
      }
    }
    e.tick();
  }
  return { status: 200, body: { mode: e.clock.mode, now: formatDateTime(e.clock.now()) } };
}

function faults(ctx: RequestContext) {
  if (ctx.method === "DELETE") ctx.emulator.faults.clear();
  else ctx.emulator.faults.configure(body(ctx) as Partial<FaultSettings>);
  return { status: 200, body: ctx.emulator.faults.settings };
}

function settings(ctx: RequestContext) {
  const b = body(ctx);
  const e = ctx.emulator;
  const sim = b.simulation;
  if (sim && typeof sim === "object") Object.assign(e.simulation, sim);
  const limits = b.rate_limits as { perMinute?: number; perHour?: number } | undefined;
  if (limits) {
    e.rateLimiter.limits = { ...e.rateLimiter.limits, ...limits };
    e.rateLimiter.reset();
  }
  return state(ctx);
}

const LOG_LEVELS = new Set(["DEBUG", "INFO", "WARNING", "ERROR"]);
const MAX_BULK_LOGS = 1_000_000;

function stringList(value: unknown, attr: string, fallback: string[]): string[] {
  if (value === undefined) return fallback;
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== "string")) {
    throw validationError(`${attr} must be a non-empty list of strings.`, attr);
  }
  return value as string[];
}

/**
 * Bulk log lines for one export, so log views can be tested and benchmarked at volume without running
 * thousands of runs. Row i is at `start + floor(i × step_ms)` (a fractional step makes rows share a
 * timestamp) and cycles through `levels` and `instance_ids`.
 */
function insertLogs(ctx: RequestContext) {
  const b = body(ctx);
  const db = ctx.emulator.db;
  const exportId = b.batch_export_id;
  if (typeof exportId !== "string" || !exportId) throw requiredField("batch_export_id");
  const exportRow = db.prepare("SELECT team_id FROM batch_exports WHERE id = ?").get(exportId) as { team_id: number } | undefined;
  if (!exportRow) throw validationError(`Unknown batch export ${exportId}`, "batch_export_id");
  const count = b.count;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_BULK_LOGS) {
    throw validationError(`count must be an integer from 1 to ${MAX_BULK_LOGS}.`, "count");
  }
  const stepMs = b.step_ms ?? 1000;
  if (typeof stepMs !== "number" || !Number.isFinite(stepMs) || stepMs < 0) {
    throw validationError("step_ms must be a number >= 0.", "step_ms");
  }
  // By default the lines end just before now, so they read as history rather than as lines still to come.
  const start =
    b.start === undefined
      ? ctx.emulator.clock.now() - Math.floor(count * stepMs)
      : typeof b.start === "string"
        ? parseIsoDateTime(b.start)?.ms
        : undefined;
  if (start === undefined) throw validationError("start must be an ISO datetime.", "start");
  const levels = stringList(b.levels, "levels", ["INFO"]).map((l) => l.toUpperCase());
  if (levels.some((l) => !LOG_LEVELS.has(l))) throw validationError("levels must be DEBUG, INFO, WARNING or ERROR.", "levels");
  const instanceIds = stringList(b.instance_ids, "instance_ids", [""]);
  const prefix = typeof b.message_prefix === "string" ? b.message_prefix : "Log line ";
  const insert = db.prepare(
    "INSERT INTO log_entries (team_id, log_source_id, instance_id, timestamp, level, message) VALUES (?, ?, ?, ?, ?, ?)",
  );
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const at = start + Math.floor(i * stepMs);
      insert.run(exportRow.team_id, exportId, instanceIds[i % instanceIds.length], at, levels[i % levels.length], `${prefix}${i}`);
    }
  })();
  return { status: 201, body: { inserted: count } };
}

function tickNow(ctx: RequestContext) {
  ctx.emulator.tick();
  return state(ctx);
}

export function buildControlRouter(): Router {
  return new Router()
    .add("GET", "/_emulator/state", state)
    .add("POST", "/_emulator/reset", reset)
    .add("GET", "/_emulator/demo-key", demoKey)
    .add("GET", "/_emulator/batch_exports/:id", storedExport)
    .add("POST", "/_emulator/organizations", createOrganization)
    .add("POST", "/_emulator/users", createUser)
    .add("POST", "/_emulator/keys", createKey)
    .add("DELETE", "/_emulator/keys/:id", revokeKey)
    .add("POST", "/_emulator/teams/:id/flags", setTeamFlags)
    .add("GET", "/_emulator/clock", clock)
    .add("POST", "/_emulator/clock", clock)
    .add("POST", "/_emulator/faults", faults)
    .add("DELETE", "/_emulator/faults", faults)
    .add("POST", "/_emulator/settings", settings)
    .add("POST", "/_emulator/tick", tickNow)
    .add("POST", "/_emulator/logs", insertLogs);
}
