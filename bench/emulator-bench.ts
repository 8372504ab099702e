/**
 * Load benchmark for the emulator's read paths on a large database.
 *
 *   npm run bench                      # 5 s per scenario at 16 connections
 *   BENCH_SECONDS=2 BENCH_CONCURRENCY=8 npm run bench
 *
 * 1. Builds `.data/bench/emulator-bench.sqlite` from scratch with the real schema (`openDatabase`): a few
 *    hundred organizations the bench user belongs to, ten thousand batch exports (one project holds most of
 *    them), ~200k runs (one "hot" export has ~10k in the last week) and one million log rows (~900k of them
 *    for the hot export).
 * 2. Starts the emulator on it (manual clock, rate limits out of the way) and, from a worker thread of this
 *    process (so the load generator does not compete with the server for its event loop), keeps a fixed
 *    number of keep-alive connections busy for a fixed time per scenario, timing every request.
 * 3. Prints per-scenario latency and throughput, cost ratios (does a deep page or a cursor cost more than the
 *    first page?), and SQLite's query plan for the statements behind each scenario.
 */
import { existsSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { createEmulator, startEmulator } from "../emulator/create-emulator";
import type { Emulator } from "../emulator/emulator-context";
import { exportTarget } from "../emulator/scheduler/destination-profile";
import { newProjectApiToken, uuidT } from "../emulator/store/ids";
import { openDatabase, type Db } from "../emulator/store/open-database";
import { MembershipLevel } from "../emulator/store/rows";
import { insertPersonalApiKey } from "../emulator/store/users";

// ---------------------------------------------------------------------------------------------------------
// Settings

function numberFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    console.error(`${name} must be a number from ${min} to ${max}, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const SECONDS = numberFromEnv("BENCH_SECONDS", 5, 0.2, 120);
const CONCURRENCY = Math.floor(numberFromEnv("BENCH_CONCURRENCY", 16, 1, 256));
/** Unmeasured load before each scenario, so JIT and SQLite's page cache are warm. */
const WARMUP_SECONDS = Math.min(0.5, SECONDS / 5);
/** A short single-connection pass per scenario: the latency of one request on an idle server. */
const SINGLE_SECONDS = Math.min(0.5, SECONDS / 5);
const DB_FILE = resolve(".data/bench/emulator-bench.sqlite");

/** Sizes of the generated world. */
const SIZE = {
  organizations: 300,
  colleagues: 60,
  exports: 10_000,
  /** Exports in the hot organization's "Web app" project (offset=5000 must land inside it). */
  hotProjectExports: 6_000,
  hotOrgOtherExports: [400, 150] as const,
  /** Runs of every export but the hot one, spread over them. */
  otherRuns: 166_000,
  /** Runs of the hot export's backfill, all started during the last week. */
  hotBackfillRuns: 8_000,
  logs: 1_000_000,
  /** Log lines kept for each of the latest runs of the other exports. */
  otherLogRunsPerExport: 2,
  otherLogLinesPerRun: 5,
};

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The emulator's (manual) clock: 2.5 minutes past a 5-minute boundary, so the hot export has a run in flight. */
const NOW = Date.UTC(2026, 0, 15, 12, 2, 30);
const INTERVAL_MS: Record<string, number> = {
  hour: HOUR,
  day: DAY,
  week: 7 * DAY,
  "every 5 minutes": 5 * MINUTE,
  "every 15 minutes": 15 * MINUTE,
};

// ---------------------------------------------------------------------------------------------------------
// Deterministic randomness (ids aside, which come from the emulator's own uuidT)

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(20260115);
const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
  let r = random() * choices.reduce((sum, [, w]) => sum + w, 0);
  for (const [value, weight] of choices) {
    r -= weight;
    if (r < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

/** Python's isoformat for a UTC instant, as the emulator's log lines render range bounds. */
function pyIso(ms: number): string {
  const iso = new Date(ms).toISOString();
  const millis = ms % 1000;
  return `${iso.slice(0, 19)}${millis === 0 ? "" : `.${String(millis).padStart(3, "0")}000`}+00:00`;
}

// ---------------------------------------------------------------------------------------------------------
// The world

const ORG_WORDS = ["Hedgehog", "Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell",
  "Cyberdyne", "Soylent", "Vandelay", "Hooli", "Pied Piper", "Aperture", "Wonka", "Oscorp", "Massive Dynamic"];
const ORG_SUFFIXES = ["Analytics", "Labs", "Data Platform", "Research", "Cloud", "Retail", "Health", "Games",
  "Media", "Finance", "Logistics", "Mobility"];
const PROJECT_NAMES = ["Production", "Staging", "Web app", "iOS app", "Android app", "Marketing site", "Internal tools"];
const EXPORT_NOUNS = ["Events", "Persons", "Sessions", "Pageviews", "Purchases", "Signups", "Feature flag calls"];

type Destination = { type: string; config: Record<string, unknown> };

function destination(n: number): Destination {
  const type = weighted([
    ["AwsS3", 35], ["BigQuery", 15], ["Snowflake", 12], ["Postgres", 10], ["Redshift", 6], ["Databricks", 6],
    ["AzureBlob", 5], ["S3Compatible", 4], ["HTTP", 6], ["Workflows", 1],
  ] as const);
  switch (type) {
    case "AwsS3":
    case "S3Compatible":
      return {
        type,
        config: {
          bucket_name: `posthog-exports-${n % 97}`,
          region: pick(["us-east-1", "eu-west-1", "eu-central-1"]),
          prefix: pick(["posthog/events/", "exports/{year}/{month}/{day}/", "raw/{table}/"]),
          file_format: pick(["Parquet", "JSONLines"]),
          compression: pick(["zstd", "gzip", "snappy", null]),
          ...(type === "S3Compatible" ? { endpoint_url: "https://minio.internal.example", use_virtual_style_addressing: false } : {}),
        },
      };
    case "AzureBlob":
      return { type, config: { container_name: `posthog-${n % 31}`, prefix: "daily/", file_format: "Parquet", compression: "snappy" } };
    case "BigQuery":
      return { type, config: { project_id: `analytics-${n % 53}`, dataset_id: "posthog", table_id: "events", use_json_type: true } };
    case "Snowflake":
      return { type, config: { database: "ANALYTICS", warehouse: "EXPORT_WH", schema: "POSTHOG", table_name: "EVENTS", role: "EXPORTER" } };
    case "Postgres":
    case "Redshift":
      return {
        type,
        config: { host: `warehouse-${n % 41}.internal.example`, port: type === "Postgres" ? 5432 : 5439, database: "analytics", schema: "public", table_name: "posthog_events" },
      };
    case "Databricks":
      return { type, config: { http_path: "/sql/1.0/warehouses/bench", catalog: "main", schema: "posthog", table_name: "events" } };
    case "HTTP":
      return { type, config: { url: "https://eu.i.posthog.com/batch/", token: "phc_benchforwardtoken" } };
    default:
      return { type, config: {} };
  }
}

const HOT_DESTINATION: Destination = {
  type: "AwsS3",
  config: { bucket_name: "hedgehog-datalake", region: "us-east-1", prefix: "posthog/events/", file_format: "Parquet", compression: "zstd" },
};
const TRANSIENT_ERRORS = [
  "An error occurred (SlowDown) when calling the UploadPart operation (reached max retries: 4): Please reduce your request rate.",
  "An error occurred (InternalError) when calling the CompleteMultipartUpload operation: We encountered an internal error. Please try again.",
  "ClickHouseError: Code: 159. DB::Exception: Timeout exceeded: elapsed 300.004 seconds, maximum: 300. (TIMEOUT_EXCEEDED)",
];
const FATAL_ERRORS = [
  "An error occurred (SlowDown) when calling the UploadPart operation (reached max retries: 10): Please reduce your request rate.",
  "ClientError: An error occurred (AccessDenied) when calling the CreateMultipartUpload operation: Access Denied",
  "TimeoutError: The batch export activity did not complete within its start-to-close timeout",
];
/** The word the `search` scenario looks for: in S3 throttling errors, about one log line in a thousand. */
const SEARCH_WORD = "SlowDown";
/** A word no log line contains: the search has to look at every line of the export. */
const ABSENT_WORD = "quota";

interface Fixture {
  key: string;
  hotOrgId: string;
  hotTeamId: number;
  hotExportId: string;
  newestLog: number;
  middleLog: number;
  seedMs: number;
  seedSteps: Array<[string, number]>;
}

function seed(db: Db): Fixture {
  const started = performance.now();
  const steps: Array<[string, number]> = [];
  let stepStart = started;
  const step = (name: string) => {
    const t = performance.now();
    steps.push([name, t - stepStart]);
    stepStart = t;
  };

  const insUser = db.prepare("INSERT INTO users (uuid, email, first_name, created_at) VALUES (?, ?, ?, ?)");
  const insOrg = db.prepare(
    "INSERT INTO organizations (id, name, slug, created_at, updated_at, available_product_features) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const insTeam = db.prepare(
    "INSERT INTO teams (uuid, organization_id, name, api_token, timezone, feature_flags, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const insMember = db.prepare("INSERT INTO memberships (organization_id, user_id, level, joined_at) VALUES (?, ?, ?, ?)");
  const insExport = db.prepare(
    `INSERT INTO batch_exports (id, team_id, name, model, destination_type, destination_config, integration_id, interval,
       paused, deleted, created_at, last_updated_at, last_paused_at, start_at, end_at, hogql_query, filters, timezone,
       interval_offset, schedule_cursor)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, 'UTC', ?, ?)`,
  );
  const insBackfill = db.prepare(
    `INSERT INTO batch_export_backfills (id, team_id, batch_export_id, start_at, end_at, status, created_at, finished_at,
       last_updated_at, total_records_count, adjusted_start_at, workflow_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insRun = db.prepare(
    `INSERT INTO batch_export_runs (id, batch_export_id, backfill_id, status, records_completed, records_failed,
       latest_error, data_interval_start, data_interval_end, cursor, created_at, finished_at, last_updated_at,
       records_total_count, bytes_exported, sim_running_at, sim_finish_at, sim_outcome, sim_records, sim_error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insLog = db.prepare(
    "INSERT INTO log_entries (team_id, log_source_id, instance_id, timestamp, level, message) VALUES (?, ?, ?, ?, ?, ?)",
  );

  // --- users, organizations, projects, memberships -------------------------------------------------------
  let hotOrgId = "";
  const hotTeams: number[] = [];
  const otherTeams: number[] = [];
  let benchUserId = 0;
  db.transaction(() => {
    const userCreated = NOW - 500 * DAY;
    benchUserId = Number(insUser.run(uuidT(userCreated), "bench@hedgehog.example", "Bench", userCreated).lastInsertRowid);
    const colleagues: number[] = [];
    for (let i = 0; i < SIZE.colleagues; i++) {
      const at = userCreated + i * HOUR;
      colleagues.push(Number(insUser.run(uuidT(at), `colleague${i}@example.com`, `Colleague ${i}`, at).lastInsertRowid));
    }
    for (let o = 0; o < SIZE.organizations; o++) {
      const created = NOW - 450 * DAY + o * 3 * HOUR + between(0, HOUR);
      const id = uuidT(created);
      const name = o === 0 ? "Hedgehog Analytics" : `${ORG_WORDS[o % ORG_WORDS.length]} ${ORG_SUFFIXES[Math.floor(o / ORG_WORDS.length) % ORG_SUFFIXES.length]}`;
      const slug = `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${o}`;
      insOrg.run(id, name, slug, created, created + between(0, 30) * DAY, "[]");
      const level = o === 0 ? MembershipLevel.owner : weighted([[MembershipLevel.owner, 3], [MembershipLevel.admin, 3], [MembershipLevel.member, 4]] as const);
      insMember.run(id, benchUserId, level, created);
      const others = new Set<number>();
      for (let k = between(1, 6); k > 0; k--) others.add(pick(colleagues));
      for (const c of others) insMember.run(id, c, pick([MembershipLevel.member, MembershipLevel.admin]), created + DAY);
      const projects = o === 0 ? ["Web app", "Mobile app", "Data warehouse"] : PROJECT_NAMES.slice(0, between(1, 3));
      for (const [p, projectName] of projects.entries()) {
        const flags = o === 0 && p === 0 ? '["high-frequency-batch-exports"]' : "[]";
        const teamId = Number(
          insTeam.run(uuidT(created + p), id, projectName, newProjectApiToken(), "UTC", flags, created + p).lastInsertRowid,
        );
        (o === 0 ? hotTeams : otherTeams).push(teamId);
      }
      if (o === 0) hotOrgId = id;
    }
  })();
  const key = insertPersonalApiKey(db, { userId: benchUserId, label: "bench", now: NOW - DAY }).value;
  db.prepare("UPDATE users SET current_organization_id = ?, current_team_id = ? WHERE id = ?").run(hotOrgId, hotTeams[0]!, benchUserId);
  step("users, organizations, projects");

  // --- batch exports ---------------------------------------------------------------------------------------
  interface ExportSeed {
    id: string;
    teamId: number;
    interval: string;
    created: number;
    paused: boolean;
    deleted: boolean;
    destination: Destination;
    model: string;
  }
  const exportsList: ExportSeed[] = [];
  const hotTeamId = hotTeams[0]!;
  const teamFor = (i: number): number => {
    if (i < SIZE.hotProjectExports) return hotTeamId;
    if (i < SIZE.hotProjectExports + SIZE.hotOrgOtherExports[0]) return hotTeams[1]!;
    if (i < SIZE.hotProjectExports + SIZE.hotOrgOtherExports[0] + SIZE.hotOrgOtherExports[1]) return hotTeams[2]!;
    return pick(otherTeams);
  };
  const holder: { hot?: ExportSeed } = {};
  db.transaction(() => {
    for (let i = 0; i < SIZE.exports; i++) {
      const isHot = i === 1234;
      const interval = isHot
        ? "every 5 minutes"
        : weighted([["hour", 50], ["day", 25], ["every 15 minutes", 10], ["every 5 minutes", 8], ["week", 7]] as const);
      const created = isHot ? NOW - 90 * DAY + 17_345 : NOW - 400 * DAY + Math.floor(random() * 399 * DAY);
      const dest = isHot ? HOT_DESTINATION : destination(i);
      const model = isHot ? "events" : weighted([["events", 80], ["persons", 15], ["sessions", 5]] as const);
      const paused = !isHot && random() < 0.1;
      const deleted = !isHot && random() < 0.03;
      const seedRow: ExportSeed = { id: uuidT(created), teamId: teamFor(i), interval, created, paused, deleted, destination: dest, model };
      const name = isHot ? "Events to S3 data lake" : `${pick(EXPORT_NOUNS)} to ${dest.type} #${i}`;
      const lastPaused = paused ? NOW - between(1, 60) * DAY : null;
      insExport.run(
        seedRow.id,
        seedRow.teamId,
        name,
        model,
        dest.type,
        JSON.stringify(dest.config),
        interval,
        paused ? 1 : 0,
        deleted ? 1 : 0,
        created,
        Math.max(created, lastPaused ?? created),
        lastPaused,
        interval === "day" || interval === "week" ? 0 : null,
        // Nothing is due at NOW, so the per-request scheduler tick has no runs to create.
        NOW,
      );
      exportsList.push(seedRow);
      if (isHot) holder.hot = seedRow;
    }
  })();
  step("batch exports");
  const hot = holder.hot;
  if (!hot) throw new Error("no hot export");

  // --- runs and logs -----------------------------------------------------------------------------------------
  const hotLogTimes: number[] = [];
  const log = (teamId: number, sourceId: string, instanceId: string, at: number, level: string, message: string) => {
    insLog.run(teamId, sourceId, instanceId, at, level, message);
    if (sourceId === hot.id) hotLogTimes.push(at);
  };
  interface RunSeed {
    exp: ExportSeed;
    start: number | null;
    end: number;
    created: number;
    backfillId: string | null;
    status: string;
    finished: number | null;
    error: string | null;
    records: number;
  }
  const writeRun = (r: RunSeed): string => {
    const id = uuidT(r.created);
    const running = r.created + SECOND;
    const finishAt = r.finished ?? NOW + 60 * SECOND;
    const done = r.status !== "Running";
    const failed = r.status.startsWith("Failed");
    insRun.run(
      id, r.exp.id, r.backfillId, r.status,
      r.status === "Completed" ? r.records : null,
      failed ? 0 : null,
      failed ? r.error : null,
      r.start, r.end,
      r.created, r.finished, r.finished ?? running,
      done ? r.records : null,
      r.status === "Completed" ? r.records * between(180, 260) : null,
      running, finishAt, failed ? "Failed" : "Completed", r.records, failed ? r.error : null,
    );
    return id;
  };
  /** A run's log lines, worded like the emulator's (and PostHog's) batch export activities. */
  const writeRunLogs = (r: RunSeed, runId: string, lines: number) => {
    const range = `${r.start === null ? "START" : pyIso(r.start)} - ${pyIso(r.end)}`;
    const target = exportTarget(r.exp.destination.type, r.exp.destination.config, r.start === null ? null : pyIso(r.start), pyIso(r.end), r.exp.model);
    const team = r.exp.teamId;
    const end = r.finished ?? NOW - 5 * SECOND;
    const closing = r.status === "Running" ? 0 : r.status.startsWith("Failed") ? 2 : 1;
    const middle = Math.max(0, lines - 2 - closing);
    log(team, r.exp.id, runId, r.created, "DEBUG", `Starting batch export for range ${range}`);
    log(team, r.exp.id, runId, r.created + 2 * SECOND, "INFO", `Batch exporting range ${range} to ${target}`);
    const span = Math.max(1, end - r.created - 4 * SECOND);
    const perPart = Math.max(1, Math.round(r.records / Math.max(1, middle)));
    for (let i = 0; i < middle; i++) {
      const at = r.created + 3 * SECOND + Math.floor(((i + 1) * span) / (middle + 1));
      if (i % 3 === 2) log(team, r.exp.id, runId, at, "DEBUG", `Heartbeat: ${perPart * (i + 1)} records exported, last inserted at ${pyIso(at - 1500)}`);
      else log(team, r.exp.id, runId, at, "INFO", `Uploaded part ${i + 1} of ${target.replace(/^S3: /, "s3://")} (${perPart} records, ${perPart * 213} bytes)`);
    }
    if (r.status === "Completed") {
      if (r.error) log(team, r.exp.id, runId, end - 3 * SECOND, "WARNING", `Batch export activity failed on attempt 1 and will be retried: ${r.error}`);
      log(team, r.exp.id, runId, end, "INFO", `Batch export for range ${range} finished successfully with ${r.records} records exported`);
    } else if (closing === 2) {
      log(team, r.exp.id, runId, end - 5 * SECOND, "WARNING", `Batch export activity failed on attempt 1 and will be retried: ${r.error}`);
      log(team, r.exp.id, runId, end, "ERROR", `Batch export for range ${range} failed with a non-recoverable error: ${r.error}`);
    } else if (r.status === "Cancelled") {
      log(team, r.exp.id, runId, end, "WARNING", `Batch export for range ${range} was cancelled`);
    }
  };
  const outcome = (failRate: number): { status: string; error: string | null } => {
    const r = random();
    if (r < failRate) return { status: "Failed", error: pick(FATAL_ERRORS) };
    if (r < failRate * 1.5) return { status: "FailedRetryable", error: pick(TRANSIENT_ERRORS) };
    if (r < failRate * 1.5 + 0.005) return { status: "Cancelled", error: null };
    // A few completed runs retried a transient error first: the WARNING line shows it.
    return { status: "Completed", error: random() < 0.03 ? pick(TRANSIENT_ERRORS) : null };
  };

  // The hot export: a run every 5 minutes for 90 days (the last one still Running), plus a backfill of the 28 days
  // before it was created, whose runs (one a minute) all started in the last week.
  const hotRuns: RunSeed[] = [];
  const step5 = 5 * MINUTE;
  for (let end = Math.ceil(hot.created / step5) * step5 + step5; end <= NOW; end += step5) {
    const { status, error } = end + step5 > NOW ? { status: "Running", error: null } : outcome(0.02);
    const finished = status === "Running" ? null : end + between(25, 95) * SECOND;
    hotRuns.push({ exp: hot, start: end - step5, end, created: end, backfillId: null, status, finished, error, records: between(2_000, 40_000) });
  }
  const backfillId = uuidT(NOW - 6 * DAY);
  const backfillStart = Math.floor((hot.created - 28 * DAY) / step5) * step5;
  const backfillEnd = backfillStart + SIZE.hotBackfillRuns * step5;
  let backfillTotal = 0;
  for (let i = 0; i < SIZE.hotBackfillRuns; i++) {
    const created = NOW - 6 * DAY + i * MINUTE;
    const { status, error } = outcome(0.01);
    const records = between(1_000, 30_000);
    if (status === "Completed") backfillTotal += records;
    hotRuns.push({ exp: hot, start: backfillStart + i * step5, end: backfillStart + (i + 1) * step5, created, backfillId, status, finished: created + between(20, 55) * SECOND, error, records });
  }
  const backfillFinished = NOW - 6 * DAY + SIZE.hotBackfillRuns * MINUTE;
  insBackfill.run(backfillId, hot.teamId, hot.id, backfillStart, backfillEnd, "Completed", NOW - 6 * DAY, backfillFinished, backfillFinished, backfillTotal, backfillStart, `${hot.id}-Backfill-${pyIso(backfillStart)}-${pyIso(backfillEnd)}`);

  // Everyone else: ~17 runs each at its interval up to now (paused exports stop when paused), logs for the last two.
  const others = exportsList.filter((e) => e !== hot);
  const otherLogLines = others.length * SIZE.otherLogRunsPerExport * SIZE.otherLogLinesPerRun;
  const hotLogBudget = SIZE.logs - otherLogLines;
  const runsPerOther = SIZE.otherRuns / others.length;

  const CHUNK = 2_000;
  for (let from = 0; from < others.length; from += CHUNK) {
    db.transaction(() => {
      for (const exp of others.slice(from, from + CHUNK)) {
        const iv = INTERVAL_MS[exp.interval]!;
        const until = exp.paused ? NOW - between(1, 60) * DAY : NOW;
        const n = between(Math.floor(runsPerOther / 2), Math.ceil(runsPerOther * 1.5));
        const last = Math.floor((until - iv) / iv) * iv + iv;
        const runs: RunSeed[] = [];
        for (let k = n - 1; k >= 0; k--) {
          const end = last - k * iv;
          if (end - iv < exp.created) continue;
          const { status, error } = outcome(0.06);
          runs.push({ exp, start: end - iv, end, created: end, backfillId: null, status, finished: end + between(10, 300) * SECOND, error, records: between(0, 200_000) });
        }
        runs.forEach((r, index) => {
          const id = writeRun(r);
          if (index >= runs.length - SIZE.otherLogRunsPerExport) writeRunLogs(r, id, SIZE.otherLogLinesPerRun);
        });
      }
    })();
  }
  step("runs + logs of 9,999 other exports");

  hotRuns.sort((a, b) => a.created - b.created);
  for (let from = 0, written = 0; from < hotRuns.length; from += CHUNK) {
    db.transaction(() => {
      hotRuns.slice(from, from + CHUNK).forEach((r, offset) => {
        const index = from + offset;
        // Spread the hot budget evenly: the log count comes out at exactly SIZE.logs.
        const target = Math.round((hotLogBudget * (index + 1)) / hotRuns.length);
        const id = writeRun(r);
        writeRunLogs(r, id, target - written);
        written = target;
      });
    })();
  }
  step("runs + logs of the hot export");

  db.pragma("wal_checkpoint(TRUNCATE)");
  step("checkpoint");

  hotLogTimes.sort((a, b) => a - b);
  return {
    key,
    hotOrgId,
    hotTeamId,
    hotExportId: hot.id,
    newestLog: hotLogTimes[hotLogTimes.length - 1]!,
    middleLog: hotLogTimes[Math.floor(hotLogTimes.length / 2)]!,
    seedMs: performance.now() - started,
    seedSteps: steps,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Query plans: a second emulator on the same connection, wrapped so that it records every statement a request
// runs (SQL and arguments); each distinct statement then goes through EXPLAIN QUERY PLAN. The measured emulator
// uses the bare connection, so recording costs it nothing.

interface RecordedStatement {
  sql: string;
  args: unknown[];
}

type AnyFunction = (...args: unknown[]) => unknown;
const EXECUTE = new Set<PropertyKey>(["all", "get", "run", "iterate"]);

function recordingDb(db: Db): { db: Db; record<T>(work: () => Promise<T> | T): Promise<RecordedStatement[]> } {
  let log: RecordedStatement[] | null = null;
  const wrapStatement = (statement: object, sql: string) =>
    new Proxy(statement, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (typeof value !== "function") return value;
        const fn = value as AnyFunction;
        if (!EXECUTE.has(prop)) return fn.bind(target);
        return (...args: unknown[]) => {
          log?.push({ sql, args });
          return fn.apply(target, args);
        };
      },
    });
  const proxy = new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrapStatement(target.prepare(sql), sql);
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as AnyFunction).bind(target) : value;
    },
  });
  return {
    db: proxy,
    async record(work) {
      log = [];
      try {
        await work();
        return log;
      } finally {
        log = null;
      }
    },
  };
}

interface Plan {
  sql: string;
  times: number;
  detail: string;
}

/** Distinct statements with their plans, leaving out single-row lookups by primary key or unique column. */
function plansOf(db: Db, statements: RecordedStatement[]): { plans: Plan[]; hidden: number } {
  const distinct = new Map<string, { statement: RecordedStatement; times: number }>();
  for (const statement of statements) {
    const seen = distinct.get(statement.sql);
    if (seen) seen.times++;
    else distinct.set(statement.sql, { statement, times: 1 });
  }
  const plans: Plan[] = [];
  let hidden = 0;
  for (const { statement, times } of distinct.values()) {
    const rows = db.prepare(`EXPLAIN QUERY PLAN ${statement.sql}`).all(...statement.args) as Array<{ detail: string }>;
    const detail = rows.map((r) => r.detail).join("; ");
    if (/^SEARCH \w+ USING (INTEGER PRIMARY KEY|(COVERING )?INDEX sqlite_autoindex_\w+) \([^)]*\)$/.test(detail)) {
      hidden += times;
      continue;
    }
    plans.push({ sql: statement.sql.replace(/\s+/g, " ").trim(), times, detail });
  }
  return { plans, hidden };
}

const BIG_TABLES = ["log_entries", "batch_export_runs", "batch_exports"];

// ---------------------------------------------------------------------------------------------------------
// Load generation, in a worker thread (plain JS, only Node built-ins).

const LOAD_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const { performance } = require("node:perf_hooks");
const { host, port, path, headers, warmupMs, durationMs, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function once() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get({ host, port, path, headers, agent }, (res) => {
      let bytes = 0;
      res.on("data", (chunk) => { bytes += chunk.length; });
      res.on("end", () => resolve({ ms: performance.now() - started, status: res.statusCode, bytes }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

async function phase(ms, record) {
  const until = performance.now() + ms;
  const latencies = [];
  const statuses = {};
  let bytes = 0;
  async function connection() {
    while (performance.now() < until) {
      const r = await once();
      if (!record) continue;
      latencies.push(r.ms);
      bytes += r.bytes;
      statuses[r.status] = (statuses[r.status] || 0) + 1;
    }
  }
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, connection));
  return { latencies: Float64Array.from(latencies), statuses, bytes, elapsedMs: performance.now() - t0 };
}

(async () => {
  if (warmupMs > 0) await phase(warmupMs, false);
  const result = await phase(durationMs, true);
  agent.destroy();
  parentPort.postMessage(result, [result.latencies.buffer]);
})().catch((error) => parentPort.postMessage({ error: String((error && error.stack) || error) }));
`;

interface LoadResult {
  latencies: Float64Array;
  statuses: Record<string, number>;
  bytes: number;
  elapsedMs: number;
}

function runLoad(base: URL, key: string, path: string, seconds: number, warmup: number, concurrency: number): Promise<LoadResult> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(LOAD_WORKER, {
      eval: true,
      workerData: {
        host: base.hostname,
        port: Number(base.port),
        path,
        headers: { Authorization: `Bearer ${key}`, Accept: "application/json" },
        warmupMs: warmup * 1000,
        durationMs: seconds * 1000,
        concurrency,
      },
    });
    worker.once("message", (message: LoadResult | { error: string }) => {
      void worker.terminate();
      if ("error" in message) reject(new Error(message.error));
      else resolvePromise(message);
    });
    worker.once("error", reject);
  });
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

// ---------------------------------------------------------------------------------------------------------
// Output helpers

function table(headers: string[], rows: string[][], alignLeft = 1): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i < alignLeft ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i < alignLeft ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(headers), rule, ...rows.map(line)].join("\n");
}

const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "-");
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

// ---------------------------------------------------------------------------------------------------------

interface Scenario {
  name: string;
  path: string;
  isLogQuery?: boolean;
  /** Run the per-request scheduler tick, as the emulator ships. */
  withTick?: boolean;
}

interface Measured {
  scenario: Scenario;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  kb: number;
  singleP50: number;
}

async function main(): Promise<void> {
  const totalStart = performance.now();
  const loadBefore = loadavg()[0]!;
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(DB_FILE + suffix)) rmSync(DB_FILE + suffix);
  console.log(`Building ${DB_FILE} ...`);
  const db = openDatabase(DB_FILE);
  db.pragma("synchronous = OFF"); // seeding only; restored below
  const fx = seed(db);
  db.pragma("synchronous = NORMAL");
  console.log(`Seeded in ${fmt(fx.seedMs / 1000, 1)} s (${fx.seedSteps.map(([n, ms]) => `${n} ${fmt(ms / 1000, 1)} s`).join(", ")})\n`);

  const count = (sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;
  const weekAgo = NOW - 7 * DAY;
  const hotLogsMatching = (word: string) =>
    int(count("SELECT COUNT(*) AS n FROM log_entries WHERE log_source_id = ? AND message LIKE ?", fx.hotExportId, `%${word}%`));
  const sizes: Array<[string, string]> = [
    ["organizations (the bench user is in all)", int(count("SELECT COUNT(*) AS n FROM organizations"))],
    ["projects", int(count("SELECT COUNT(*) AS n FROM teams"))],
    ["batch exports", int(count("SELECT COUNT(*) AS n FROM batch_exports"))],
    [
      "  in the hot organization / its 'Web app' project",
      `${int(count("SELECT COUNT(*) AS n FROM batch_exports e JOIN teams t ON t.id = e.team_id WHERE t.organization_id = ?", fx.hotOrgId))} / ${int(count("SELECT COUNT(*) AS n FROM batch_exports WHERE team_id = ?", fx.hotTeamId))}`,
    ],
    ["runs", int(count("SELECT COUNT(*) AS n FROM batch_export_runs"))],
    [
      "  of the hot export (all / created in the last 7 days)",
      `${int(count("SELECT COUNT(*) AS n FROM batch_export_runs WHERE batch_export_id = ?", fx.hotExportId))} / ${int(count("SELECT COUNT(*) AS n FROM batch_export_runs WHERE batch_export_id = ? AND created_at >= ?", fx.hotExportId, weekAgo))}`,
    ],
    ["log rows", int(count("SELECT COUNT(*) AS n FROM log_entries"))],
    ["  of the hot export", int(count("SELECT COUNT(*) AS n FROM log_entries WHERE log_source_id = ?", fx.hotExportId))],
    [
      `  of it: ERROR / WARNING / containing "${SEARCH_WORD}" / "${ABSENT_WORD}"`,
      `${int(count("SELECT COUNT(*) AS n FROM log_entries WHERE log_source_id = ? AND level = 'ERROR'", fx.hotExportId))} / ${int(count("SELECT COUNT(*) AS n FROM log_entries WHERE log_source_id = ? AND level = 'WARNING'", fx.hotExportId))} / ${hotLogsMatching(SEARCH_WORD)} / ${hotLogsMatching(ABSENT_WORD)}`,
    ],
    ["database file", `${fmt(statSync(DB_FILE).size / 1024 / 1024, 0)} MB`],
  ];

  const options = {
    manualClockAt: NOW,
    rateLimits: { perMinute: Number.MAX_SAFE_INTEGER, perHour: Number.MAX_SAFE_INTEGER },
  };
  // Every API request runs one scheduler tick before its handler (emulator/http/handle-request.ts), even on a
  // manual clock that has not moved. Its cost does not depend on the route, so it is timed on its own and
  // skipped in the scenarios, except the last one, which shows a request as the emulator ships.
  const inner = createEmulator({ db, ...options });
  let tickPerRequest = false;
  const emulator: Emulator = { ...inner, tick: () => (tickPerRequest ? inner.tick() : undefined) };
  const running = await startEmulator(emulator, 0);
  // With 16 requests queued behind a slow one, a socket can wait longer than the server's 5 s keep-alive
  // timeout for its next request to be read, and the server would reset it; that is the queue, not the route.
  running.server.keepAliveTimeout = 120_000;
  const base = new URL(running.url);
  const recorder = recordingDb(db);
  const planInner = createEmulator({ db: recorder.db, ...options });
  const planRunning = await startEmulator({ ...planInner, tick: () => undefined }, 0);
  const planBase = new URL(planRunning.url);

  inner.tick();
  const tickStart = performance.now();
  const TICKS = 50;
  for (let i = 0; i < TICKS; i++) inner.tick();
  const tickMs = (performance.now() - tickStart) / TICKS;

  async function getJson(path: string, at = base): Promise<{ next: string | null; results: Array<{ id?: string }> }> {
    const response = await fetch(new URL(path, at), { headers: { Authorization: `Bearer ${fx.key}` } });
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as { next: string | null; results: Array<{ id?: string }> };
  }
  const toPath = (absolute: string) => {
    const u = new URL(absolute);
    return `${u.pathname}${u.search}`;
  };

  const exportPath = `/api/projects/${fx.hotTeamId}/batch_exports/${fx.hotExportId}`;
  const runsPath = `${exportPath}/runs/`;
  const logsPath = `${exportPath}/logs/`;
  // Follow the runs cursor: page 2, and the last page of the default 7-day window.
  const page1 = await getJson(runsPath);
  if (!page1.next) throw new Error("runs page 1 has no next");
  const page2Path = toPath(page1.next);
  // A run in the middle of page 1 (~30 log lines), for the run logs route (instance_id filter).
  const runId = page1.results[50]?.id;
  if (!runId) throw new Error("runs page 1 has no 51st run");
  let deepPath = page2Path;
  let deepPage = 1;
  for (let next: string | null = page1.next; next; ) {
    deepPage++;
    deepPath = toPath(next);
    next = (await getJson(deepPath)).next;
  }

  const iso = (ms: number) => new Date(ms).toISOString();
  // A typical small organization: two or three projects, a dozen exports or so.
  const smallOrg = db
    .prepare(
      `SELECT t.organization_id AS id, COUNT(DISTINCT t.id) AS projects, COUNT(e.id) AS exports
       FROM teams t LEFT JOIN batch_exports e ON e.team_id = t.id AND e.deleted = 0
       WHERE t.organization_id != ? GROUP BY t.organization_id HAVING projects >= 2 ORDER BY exports DESC LIMIT 1 OFFSET 50`,
    )
    .get(fx.hotOrgId) as { id: string; projects: number; exports: number };
  const scenarios: Scenario[] = [
    { name: "organizations: list (default page)", path: "/api/organizations/" },
    { name: "exports: org list, page 1", path: `/api/organizations/${fx.hotOrgId}/batch_exports/` },
    { name: `exports: small org list (${smallOrg.exports} exports)`, path: `/api/organizations/${smallOrg.id}/batch_exports/` },
    { name: "exports: project list, offset 0", path: `/api/projects/${fx.hotTeamId}/batch_exports/?limit=100` },
    { name: "exports: project list, offset 5000", path: `/api/projects/${fx.hotTeamId}/batch_exports/?limit=100&offset=5000` },
    { name: "runs: page 1", path: runsPath },
    { name: "runs: page 2 (next cursor)", path: page2Path },
    { name: `runs: page ${deepPage} (last of 7 days)`, path: deepPath },
    { name: "logs: newest 50", path: `${logsPath}?limit=50`, isLogQuery: true },
    { name: "logs: after=newest-1min (tail)", path: `${logsPath}?limit=50&after=${iso(fx.newestLog - MINUTE)}`, isLogQuery: true },
    { name: "logs: before=middle (paging back)", path: `${logsPath}?limit=50&before=${iso(fx.middleLog)}`, isLogQuery: true },
    { name: "logs: level=ERROR", path: `${logsPath}?limit=50&level=ERROR`, isLogQuery: true },
    { name: "logs: level=WARNING,ERROR", path: `${logsPath}?limit=50&level=WARNING,ERROR`, isLogQuery: true },
    { name: `logs: search=${SEARCH_WORD}`, path: `${logsPath}?limit=50&search=${SEARCH_WORD}`, isLogQuery: true },
    { name: `logs: search=${ABSENT_WORD} (no match)`, path: `${logsPath}?limit=50&search=${ABSENT_WORD}`, isLogQuery: true },
    { name: "run logs: one run (instance_id)", path: `${runsPath}${runId}/logs/?limit=50`, isLogQuery: true },
    { name: "logs: newest 50, with the tick", path: `${logsPath}?limit=50`, isLogQuery: true, withTick: true },
  ];

  console.log(
    `Load: ${CONCURRENCY} keep-alive connections for ${SECONDS} s per scenario (after ${WARMUP_SECONDS} s warm-up), ` +
      `then 1 connection for ${SINGLE_SECONDS} s; load generator in a worker thread, emulator on the main thread.\n`,
  );
  const measured: Measured[] = [];
  for (const scenario of scenarios) {
    tickPerRequest = scenario.withTick ?? false;
    const load = await runLoad(base, fx.key, scenario.path, SECONDS, WARMUP_SECONDS, CONCURRENCY);
    const single = await runLoad(base, fx.key, scenario.path, SINGLE_SECONDS, 0, 1);
    for (const result of [load, single]) {
      if (Object.keys(result.statuses).some((status) => status !== "200")) {
        throw new Error(`${scenario.name}: non-200 responses ${JSON.stringify(result.statuses)}`);
      }
    }
    const sorted = load.latencies.slice().sort();
    const m: Measured = {
      scenario,
      requests: sorted.length,
      rps: (sorted.length / load.elapsedMs) * 1000,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      max: sorted[sorted.length - 1] ?? NaN,
      kb: load.bytes / Math.max(1, sorted.length) / 1024,
      singleP50: percentile(single.latencies.slice().sort(), 50),
    };
    measured.push(m);
    console.log(`  ${scenario.name.padEnd(38)} ${int(m.requests).padStart(7)} req  ${fmt(m.rps, 0).padStart(6)} req/s  p50 ${fmt(m.p50)} ms`);
  }
  tickPerRequest = false;

  const plans = new Map<Scenario, { plans: Plan[]; hidden: number }>();
  for (const scenario of scenarios) {
    const statements = await recorder.record(() => getJson(scenario.path, planBase));
    plans.set(scenario, plansOf(db, statements));
  }
  const tickPlans = plansOf(db, await recorder.record(() => planInner.tick()));
  await running.close();
  await planRunning.close();

  console.log("\n## Data\n");
  console.log(table(["what", "rows"], sizes));
  console.log(`\nSeeding (prepared statements in transactions): ${fmt(fx.seedMs / 1000, 1)} s.`);
  console.log(`Scheduler tick that precedes every API request: ${fmt(tickMs)} ms (mean of ${TICKS}, timed alone; skipped in all rows but the last).`);

  console.log(`\n## Latency (${CONCURRENCY} connections, ${SECONDS} s each)\n`);
  console.log(
    table(
      ["scenario", "requests", "req/s", "p50 ms", "p99 ms", "max ms", "ms/req", "1-conn p50 ms", "KB/resp"],
      measured.map((m) => [
        m.scenario.name,
        int(m.requests),
        fmt(m.rps, 0),
        fmt(m.p50),
        fmt(m.p99),
        fmt(m.max),
        fmt(1000 / m.rps),
        fmt(m.singleP50),
        fmt(m.kb, 1),
      ]),
    ),
  );
  console.log(
    "\nms/req = 1000 / (req/s): server time per request (one event loop serves them one at a time, so p50 ≈ " +
      "connections × ms/req). 1-conn p50: one request at a time, nothing queued.",
  );

  const byName = (prefix: string) => {
    const found = measured.find((m) => m.scenario.name.startsWith(prefix));
    if (!found) throw new Error(`no scenario ${prefix}`);
    return found;
  };
  const ratios: Array<[string, Measured, Measured]> = [
    ["logs: after-cursor vs newest 50", byName("logs: after"), byName("logs: newest 50")],
    ["logs: before=middle vs newest 50", byName("logs: before"), byName("logs: newest 50")],
    ["logs: level=ERROR vs newest 50", byName("logs: level=ERROR"), byName("logs: newest 50")],
    ["logs: level=WARNING,ERROR vs newest 50", byName("logs: level=WARNING"), byName("logs: newest 50")],
    [`logs: search=${SEARCH_WORD} vs newest 50`, byName(`logs: search=${SEARCH_WORD}`), byName("logs: newest 50")],
    [`logs: search=${ABSENT_WORD} vs newest 50`, byName(`logs: search=${ABSENT_WORD}`), byName("logs: newest 50")],
    ["run logs: one run vs newest 50 of the export", byName("run logs:"), byName("logs: newest 50")],
    ["runs: page 2 vs page 1", byName("runs: page 2"), byName("runs: page 1")],
    [`runs: page ${deepPage} vs page 1`, byName(`runs: page ${deepPage}`), byName("runs: page 1")],
    ["exports: offset 5000 vs offset 0", byName("exports: project list, offset 5000"), byName("exports: project list, offset 0")],
    ["logs: newest 50 with vs without the tick", byName("logs: newest 50, with"), byName("logs: newest 50")],
  ];
  console.log("\n## Does cost grow with offset / cursor / filter? (A vs B)\n");
  console.log(
    table(
      ["comparison", "ms/req A", "ms/req B", "A / B", "1-conn p50 A", "1-conn p50 B", "A / B "],
      ratios.map(([name, a, b]) => [
        name,
        fmt(1000 / a.rps),
        fmt(1000 / b.rps),
        `${fmt(b.rps / a.rps)}x`,
        fmt(a.singleP50),
        fmt(b.singleP50),
        `${fmt(a.singleP50 / b.singleP50)}x`,
      ]),
    ),
  );

  console.log("\n## Query plans (EXPLAIN QUERY PLAN detail of each distinct statement a request ran)\n");
  const warnings: string[] = [];
  const printPlans = (name: string, result: { plans: Plan[]; hidden: number }, isLogQuery = false) => {
    console.log(name);
    for (const plan of result.plans) {
      console.log(`  ${String(plan.times).padStart(3)}× ${clip(plan.sql, 130)}`);
      console.log(`       ${plan.detail}`);
      const scan = new RegExp(`\\bSCAN (${BIG_TABLES.join("|")})\\b(?! USING)`).exec(plan.detail);
      if (scan) warnings.push(`${name}: full scan of ${scan[1]}: ${clip(plan.sql, 80)}`);
    }
    if (result.hidden > 0) console.log(`       (+ ${result.hidden} single-row lookups by primary key / unique column)`);
    if (isLogQuery) {
      const logPlan = result.plans.find((p) => p.sql.includes("FROM log_entries"));
      if (!logPlan || !/USING (COVERING )?INDEX logs_/.test(logPlan.detail)) warnings.push(`${name}: log query without a logs_ index`);
    }
  };
  for (const m of measured) printPlans(m.scenario.name, plans.get(m.scenario)!, m.scenario.isLogQuery);
  printPlans("scheduler tick (before every API request)", tickPlans);
  console.log(warnings.length > 0 ? `\nWARNINGS:\n  ${warnings.join("\n  ")}` : "\nNo full table scans; every log query uses a logs_ index.");

  db.close();
  console.log(
    `\nTotal time ${fmt((performance.now() - totalStart) / 1000, 1)} s. Machine: ${cpus().length} CPUs, ` +
      `1-min load average ${fmt(loadBefore)} at start, ${fmt(loadavg()[0]!)} at end (above ~1 means other work shared the CPUs).`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
