import { createServer, type Server } from "node:http";
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimits } from "./auth/rate-limiter";
import { ManualClock, RealClock, SwitchableClock } from "./clock";
import type { Emulator, Profile } from "./emulator-context";
import { isLoopback } from "./http/control-guard";
import { FaultInjector } from "./http/fault-injector";
import { handleApiRequest, writeResult } from "./http/handle-request";
import { buildApiRouter } from "./routes/api-router";
import { buildControlRouter } from "./routes/control";
import { tick } from "./scheduler/tick";
import { DEFAULT_SIMULATION_SETTINGS, type SimulationSettings } from "./scheduler/simulation-settings";
import { openDatabase, type Db } from "./store/open-database";

export interface EmulatorOptions {
  db?: Db;
  dbFile?: string;
  profile?: Profile;
  /** Start on a manual clock at this time (ms); the real clock otherwise. */
  manualClockAt?: number;
  rateLimits?: Partial<RateLimits>;
  simulation?: Partial<SimulationSettings>;
  control?: boolean;
}

export interface RunningEmulator {
  emulator: Emulator;
  server: Server;
  url: string;
  close(): Promise<void>;
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const db = options.db ?? openDatabase(options.dbFile ?? ":memory:");
  const clock = new SwitchableClock(
    options.manualClockAt !== undefined ? new ManualClock(options.manualClockAt) : new RealClock(),
  );
  const simulation: SimulationSettings = { ...DEFAULT_SIMULATION_SETTINGS, ...options.simulation };
  let lastTick = Number.NEGATIVE_INFINITY;
  const emulator: Emulator = {
    db,
    clock,
    profile: options.profile ?? "cloud",
    rateLimiter: new RateLimiter({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits }),
    faults: new FaultInjector(),
    simulation,
    controlEnabled: options.control ?? true,
    stats: { apiRequests: 0 },
    tick: () => {
      // On the real clock, reads between background ticks (every 500 ms) would repeat a tick that costs
      // milliseconds per thousand exports; a quarter-second of staleness is invisible to a person.
      const now = clock.now();
      if (clock.mode === "real" && now - lastTick < 250) return;
      lastTick = now;
      tick(db, now, simulation);
    },
  };
  return emulator;
}

/** Serves the API and, unless disabled, the `/_emulator/` control API (loopback callers only). */
export async function startEmulator(
  emulator: Emulator,
  port: number,
  host = "127.0.0.1",
): Promise<RunningEmulator> {
  const api = buildApiRouter(emulator.profile);
  const control = buildControlRouter();
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path.startsWith("/_emulator")) {
      if (!emulator.controlEnabled || !isLoopback(req)) {
        writeResult(res, { status: 404, body: { type: "invalid_request", code: "not_found", detail: "Not found.", attr: null } });
        return;
      }
      void handleApiRequest(emulator, control, req, res, { faults: false, auth: false });
      return;
    }
    void handleApiRequest(emulator, api, req, res);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  let ticker: NodeJS.Timeout | null = null;
  ticker = setInterval(() => {
    if (emulator.clock.mode === "real") emulator.tick();
  }, 500);
  ticker.unref();
  return {
    emulator,
    server,
    url: `http://${shownHost}:${actualPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (ticker) clearInterval(ticker);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
