import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiRequestError } from "@/lib/queries/api-client";
import { LATE_LINE_WINDOW_MICROS } from "./log-cursors";
import { LogFeed, type LogFeedOptions } from "./log-feed";
import { lineToken } from "./log-line";
import { at, LogTestServer } from "./log-test-server";
import type { VisibilitySource } from "./poll-scheduler";
import { formatMicros } from "./timestamps";

class FakeVisibility implements VisibilitySource {
  isHidden = false;
  private listeners = new Set<() => void>();
  hidden = () => this.isHidden;
  subscribe(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(hidden: boolean) {
    this.isHidden = hidden;
    for (const l of this.listeners) l();
  }
}

const apiError = (status: number) => new ApiRequestError(status, { type: "server_error", code: "x", detail: `HTTP ${status}`, attr: null });

let feeds: LogFeed[] = [];

function setup(options: Partial<LogFeedOptions> & { millisecondBounds?: boolean } = {}) {
  const server = new LogTestServer({ millisecondBounds: options.millisecondBounds });
  const visibility = new FakeVisibility();
  const feed = new LogFeed({ fetchPage: server.fetchPage, pageSize: 3, pollMs: 1000, visibility, ...options });
  feeds.push(feed);
  return { server, feed, visibility };
}

const held = (feed: LogFeed) => feed.getSnapshot().lines.map((l) => ({ micros: l.micros, message: l.message }));
const settle = () => vi.advanceTimersByTimeAsync(0);
/** Longer than the longest quiet delay (5 × 1 s), so at least one poll happens. */
const nextPoll = () => vi.advanceTimersByTimeAsync(6_000);

async function loadEverythingOlder(feed: LogFeed) {
  for (let i = 0; i < 1000 && feed.getSnapshot().older === "more"; i++) await feed.loadOlder();
}

beforeEach(() => {
  vi.useFakeTimers();
  feeds = [];
});
afterEach(() => {
  for (const feed of feeds) feed.stop();
  vi.useRealTimers();
});

describe.each([
  { precision: "microsecond bounds (PostHog)", millisecondBounds: false },
  { precision: "millisecond bounds (local PostHog)", millisecondBounds: true },
])("LogFeed with $precision", ({ millisecondBounds }) => {
  it("shows the newest page first, then pages back across a tie that the page limit splits", async () => {
    const { server, feed } = setup({ millisecondBounds });
    server.write(at(1), "a");
    server.write(at(2), "b");
    server.write(at(3), "c1");
    server.write(at(3), "c2");
    server.write(at(3), "c3");
    server.write(at(4), "d");
    feed.start();
    await settle();
    expect(held(feed).map((l) => l.message)).toEqual(["c2", "c3", "d"]);
    expect(feed.getSnapshot()).toMatchObject({ loaded: true, connection: "live", older: "more" });

    await feed.loadOlder();
    // `before` is exclusive: asked from just above the oldest held line, so c1 is not skipped.
    expect(server.requests.map((r) => r.before)).toContain(formatMicros(at(3) + 1000));
    // Three lines at c's timestamp filled that page: one may be missing, so the next query steps past it.
    expect(held(feed).map((l) => l.message)).toEqual(["a", "b", "c1", "c2", "c3", "d"]);
    await loadEverythingOlder(feed);
    expect(held(feed)).toEqual(server.all());
    expect(feed.getSnapshot().older).toBe("start");
  });

  it("picks up lines written at the same timestamp as the newest held one, and shows none twice", async () => {
    const { server, feed } = setup({ millisecondBounds });
    server.write(at(1), "a");
    server.write(at(2), "b");
    feed.start();
    await settle();
    server.write(at(2), "b-tie");
    server.write(at(2), "b");
    server.write(at(3), "c");
    await nextPoll();
    expect(held(feed)).toEqual(server.all());
    expect(server.requests.map((r) => r.after)).toContain(formatMicros(at(2) - LATE_LINE_WINDOW_MICROS));
  });

  it("pages down when a poll's page is exactly full, until it joins the held lines", async () => {
    const { server, feed } = setup({ millisecondBounds, lateWindowMicros: 1 });
    server.write(at(1), "a");
    server.write(at(2), "b");
    feed.start();
    await settle();
    // The poll asks for lines from b's timestamp on: b and two new ones fill the page of 3 exactly.
    server.write(at(3), "c");
    server.write(at(4), "d");
    const before = server.requests.length;
    await nextPoll();
    expect(held(feed)).toEqual(server.all());
    // A full page cannot tell whether more lines are below it: a second request makes sure.
    expect(server.requests.length - before).toBeGreaterThanOrEqual(2);
  });

  it("joins up several pages of new lines after a quiet spell", async () => {
    const { server, feed } = setup({ millisecondBounds });
    server.write(at(1), "a");
    feed.start();
    await settle();
    for (let i = 0; i < 11; i++) server.write(at(10 + (i >> 1)), `n${i}`);
    await nextPoll();
    expect(held(feed)).toEqual(server.all());
    expect(feed.getSnapshot().tailAdded).toBe(11);
  });

  it("takes in a line that arrives late with a slightly older timestamp", async () => {
    const { server, feed } = setup({ millisecondBounds });
    server.write(at(1000), "a");
    server.write(at(1500), "c");
    feed.start();
    await settle();
    server.write(at(1200), "b (late)");
    await nextPoll();
    expect(held(feed).map((l) => l.message)).toEqual(["a", "b (late)", "c"]);
  });

  it("keeps true duplicate lines, and never doubles them across polls", async () => {
    const { server, feed } = setup({ millisecondBounds });
    server.write(at(1), "same");
    server.write(at(1), "same");
    feed.start();
    await settle();
    await nextPoll();
    await nextPoll();
    expect(held(feed)).toEqual(server.all());
  });
});

describe("LogFeed gaps, cap and permalinks", () => {
  it("drops the held lines when too many new ones came to join up, and can page back to them", async () => {
    const { server, feed } = setup({ maxCatchUpPages: 2 });
    for (let i = 0; i < 3; i++) server.write(at(i), `old${i}`);
    feed.start();
    await settle();
    for (let i = 0; i < 10; i++) server.write(at(100 + i), `new${i}`);
    await nextPoll();
    const lines = held(feed);
    // No hole: what is held is the newest stretch, every line of it.
    expect(lines).toEqual(server.all().slice(-lines.length));
    expect(lines.some((l) => l.message.startsWith("old"))).toBe(false);
    expect(feed.getSnapshot().older).toBe("more");
    await loadEverythingOlder(feed);
    expect(held(feed)).toEqual(server.all());
  });

  it("keeps at most `cap` lines: the oldest go while following, and can be loaded again", async () => {
    const { server, feed } = setup({ cap: 6 });
    for (let i = 0; i < 12; i++) server.write(at(i), `l${i}`);
    feed.start();
    await settle();
    await loadEverythingOlder(feed);
    expect(feed.getSnapshot().lines).toHaveLength(6);
    // Paging back past the cap dropped the newest: the view is history now, and polling stopped.
    expect(feed.getSnapshot().connection).toBe("history");
    const requests = server.requests.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.requests.length).toBe(requests);

    feed.backToLatest();
    await settle();
    expect(feed.getSnapshot()).toMatchObject({ connection: "live", older: "more" });
    expect(held(feed).map((l) => l.message)).toEqual(["l9", "l10", "l11"]);
    for (let i = 12; i < 17; i++) server.write(at(i), `l${i}`);
    await nextPoll();
    expect(held(feed).map((l) => l.message)).toEqual(["l11", "l12", "l13", "l14", "l15", "l16"]);
    expect(feed.getSnapshot().older).toBe("more");
  });

  it("steps past a timestamp with more lines than a page rather than stalling", async () => {
    const { server, feed } = setup();
    server.write(at(1), "a");
    feed.start();
    await settle();
    for (let i = 0; i < 5; i++) server.write(at(5), `crowd${i}`);
    server.write(at(6), "b");
    await nextPoll();
    const messages = held(feed).map((l) => l.message);
    // PostHog cannot page inside one timestamp: the newest page's worth of it is what can be seen.
    expect(messages).toEqual(["a", "crowd2", "crowd3", "crowd4", "b"]);
    server.write(at(7), "c");
    await nextPoll();
    expect(held(feed).map((l) => l.message).at(-1)).toBe("c");
  });

  it("loads back as far as a permalink's line", async () => {
    const { server, feed } = setup();
    for (let i = 0; i < 20; i++) server.write(at(i), `l${i}`);
    feed.start();
    await settle();
    expect(await feed.reveal(at(4))).toBe(true);
    const index = feed.getSnapshot().lines.findIndex((l) => l.message === "l4");
    expect(index).toBeGreaterThanOrEqual(0);
    expect(feed.getSnapshot().lines.findIndex((l) => lineToken(l) === lineToken(feed.getSnapshot().lines[index]!))).toBe(index);
    expect(await feed.reveal(at(-50))).toBe(false);
  });

  it("gives up on a permalink too many pages back", async () => {
    const { server, feed } = setup({ maxRevealPages: 2 });
    for (let i = 0; i < 30; i++) server.write(at(i), `l${i}`);
    feed.start();
    await settle();
    expect(await feed.reveal(at(0))).toBe(false);
  });
});

describe("LogFeed failures and visibility", () => {
  it("shows 'reconnecting' on a 429 or an outage, keeps the lines, and recovers", async () => {
    const { server, feed } = setup();
    server.write(at(1), "a");
    feed.start();
    await settle();
    server.failWith = { error: apiError(429), times: 2 };
    await vi.advanceTimersByTimeAsync(1000);
    expect(feed.getSnapshot()).toMatchObject({ connection: "reconnecting", lines: [expect.objectContaining({ message: "a" })] });
    await vi.advanceTimersByTimeAsync(1000);
    expect(feed.getSnapshot()).toMatchObject({ connection: "reconnecting", lines: [expect.objectContaining({ message: "a" })] });
    server.write(at(2), "b");
    await vi.advanceTimersByTimeAsync(30_000);
    expect(feed.getSnapshot()).toMatchObject({ connection: "live", problem: null });
    expect(held(feed).map((l) => l.message)).toEqual(["a", "b"]);
  });

  it("stops on a refusal that retrying will not fix, until the user retries", async () => {
    const { server, feed } = setup();
    server.failWith = { error: apiError(404), times: 1 };
    feed.start();
    await settle();
    expect(feed.getSnapshot()).toMatchObject({ connection: "failed", problem: "HTTP 404", loaded: false });
    const requests = server.requests.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.requests.length).toBe(requests);
    feed.retry();
    await settle();
    expect(feed.getSnapshot()).toMatchObject({ connection: "live", loaded: true });
  });

  it("does not poll while the tab is hidden, and catches up on return", async () => {
    const { server, feed, visibility } = setup();
    feed.start();
    await settle();
    visibility.set(true);
    const requests = server.requests.length;
    server.write(at(5), "while away");
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.requests.length).toBe(requests);
    expect(feed.getSnapshot().hidden).toBe(true);
    visibility.set(false);
    await settle();
    expect(held(feed).map((l) => l.message)).toEqual(["while away"]);
    expect(feed.getSnapshot().hidden).toBe(false);
  });

  it("reports a failed page back without touching the live state", async () => {
    const { server, feed } = setup();
    for (let i = 0; i < 5; i++) server.write(at(i), `l${i}`);
    feed.start();
    await settle();
    server.failWith = { error: apiError(503), times: 1 };
    await feed.loadOlder();
    expect(feed.getSnapshot()).toMatchObject({ older: "more", olderProblem: "HTTP 503", connection: "live" });
    await loadEverythingOlder(feed);
    expect(feed.getSnapshot()).toMatchObject({ older: "start", olderProblem: null });
    expect(held(feed)).toEqual(server.all());
  });
});

/** Deterministic PRNG (mulberry32), so a failing run can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("LogFeed against random traffic", () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])("loses no line and shows none twice (seed %i)", async (seed) => {
    const rand = random(seed);
    const pageSize = 6;
    const { server, feed } = setup({ pageSize, millisecondBounds: seed % 2 === 0, maxCatchUpPages: seed % 3 === 0 ? 2 : 50 });
    // Fewer lines per millisecond than a page holds: PostHog offers no way to page inside a crowded one.
    const perMs = new Map<number, number>();
    const write = (micros: number, message: string, level: string) => {
      const ms = Math.floor(micros / 1000);
      if ((perMs.get(ms) ?? 0) >= pageSize - 2) return;
      perMs.set(ms, (perMs.get(ms) ?? 0) + 1);
      server.write(micros, message, level);
    };
    let clock = at(0);
    feed.start();
    for (let round = 0; round < 40; round++) {
      const burst = Math.floor(rand() * 7);
      for (let i = 0; i < burst; i++) {
        const roll = rand();
        if (roll < 0.15) {
          // Late: a little older than the newest line written, within the window a poll looks again.
          write(clock - Math.floor(rand() * 900_000), `late ${round}.${i}`, "INFO");
        } else {
          clock += roll < 0.5 ? 0 : Math.floor(rand() * 3) * 1000;
          // Identical lines at one timestamp now and then.
          write(clock, roll < 0.3 ? "dup" : `line ${round}.${i}`, rand() < 0.2 ? "ERROR" : "INFO");
        }
      }
      if (rand() < 0.2) void feed.loadOlder();
      await vi.advanceTimersByTimeAsync(Math.floor(rand() * 3000));
      // Never more copies of a line than the server has.
      const counts = new Map<string, number>();
      for (const line of server.all()) counts.set(`${line.micros}|${line.message}`, (counts.get(`${line.micros}|${line.message}`) ?? 0) + 1);
      for (const line of held(feed)) {
        const key = `${line.micros}|${line.message}`;
        counts.set(key, (counts.get(key) ?? 0) - 1);
        expect(counts.get(key), `duplicate ${key}`).toBeGreaterThanOrEqual(0);
      }
    }
    await nextPoll();
    await nextPoll();
    await loadEverythingOlder(feed);
    const sortKey = (l: { micros: number; message: string }) => `${String(l.micros).padStart(20, "0")}|${l.message}`;
    expect(held(feed).map(sortKey).sort()).toEqual(server.all().map(sortKey).sort());
  });
});
