import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { createEmulator, startEmulator } from "./create-emulator";
import type { Profile } from "./emulator-context";
import { demoKeyOf, seedDemo } from "./seed/demo";
import { ensureApiKey } from "./seed/ensure-api-key";
import { isEmpty, openDatabase } from "./store/open-database";

const USAGE = `Usage: npm run emulator -- [options]
  --port <n>             port to listen on (default 8010)
  --host <addr>          address to bind (default 127.0.0.1)
  --db <file>|:memory:   SQLite database (default .data/emulator.sqlite)
  --seed demo|empty      data for a new database (default demo)
  --api-key <phx_...>    make sure this personal API key exists (full access)
  --profile cloud|legacy PostHog Cloud today, or an older self-hosted PostHog (default cloud)
  --run-seconds <n>      how long a scheduled run takes (default 6)
  --failure-rate <0..1>  share of runs that fail (default 0.1)
  --rate-per-minute <n>  per-key burst limit (default 480)
  --rate-per-hour <n>    per-key sustained limit (default 4800)
  --no-control           disable the /_emulator/ control API
  --manual-clock         start on a manual clock (advance it through /_emulator/clock)`;

function fail(message: string): never {
  console.error(`emulator: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function numberOption(raw: string | undefined, name: string, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) fail(`--${name} must be a number from ${min} to ${max}, got "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string", default: process.env.EMULATOR_PORT ?? "8010" },
        host: { type: "string", default: "127.0.0.1" },
        db: { type: "string", default: resolve(".data/emulator.sqlite") },
        seed: { type: "string", default: "demo" },
        "api-key": { type: "string" },
        profile: { type: "string", default: "cloud" },
        "run-seconds": { type: "string" },
        "failure-rate": { type: "string" },
        "rate-per-minute": { type: "string" },
        "rate-per-hour": { type: "string" },
        "no-control": { type: "boolean", default: false },
        "manual-clock": { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = numberOption(values.port, "port", 0, 65535)!;
  if (values.profile !== "cloud" && values.profile !== "legacy") fail(`--profile must be cloud or legacy`);
  if (values.seed !== "demo" && values.seed !== "empty") fail(`--seed must be demo or empty`);
  const apiKey = values["api-key"];
  if (apiKey !== undefined && !/^phx_[A-Za-z0-9]{8,}$/.test(apiKey)) fail("--api-key must look like phx_ followed by letters and digits");

  const db = openDatabase(values.db!);
  const now = Date.now();
  const isNew = isEmpty(db);
  const emulator = createEmulator({
    db,
    profile: values.profile as Profile,
    manualClockAt: values["manual-clock"] ? now : undefined,
    control: !values["no-control"],
    rateLimits: {
      ...(values["rate-per-minute"] ? { perMinute: numberOption(values["rate-per-minute"], "rate-per-minute", 1, 1e9) } : {}),
      ...(values["rate-per-hour"] ? { perHour: numberOption(values["rate-per-hour"], "rate-per-hour", 1, 1e9) } : {}),
    },
    simulation: {
      ...(values["run-seconds"] ? { runSeconds: numberOption(values["run-seconds"], "run-seconds", 0.1, 3600) } : {}),
      ...(values["failure-rate"] ? { failureRate: numberOption(values["failure-rate"], "failure-rate", 0, 1) } : {}),
    },
  });
  if (isNew && values.seed === "demo") seedDemo(db, now, emulator.simulation);
  if (apiKey) ensureApiKey(db, apiKey, now);
  emulator.tick();

  const running = await startEmulator(emulator, port, values.host);
  console.log(`Local PostHog (${emulator.profile} profile) listening on ${running.url}`);
  console.log(`Database: ${values.db}${isNew ? " (new)" : ""}`);
  const demoKey = demoKeyOf(db);
  if (demoKey) console.log(`Demo user key: ${demoKey}`);
  if (apiKey) console.log(`API key ready: ${apiKey}`);
  console.log(`Try: curl -H "Authorization: Bearer ${demoKey ?? apiKey ?? "<key>"}" ${running.url}/api/organizations/`);

  const stop = () => {
    void running.close().then(() => {
      db.close();
      process.exit(0);
    });
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

void main();
