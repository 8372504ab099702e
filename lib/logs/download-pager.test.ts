import { afterEach, describe, expect, it, vi } from "vitest";
import type { LogLevel } from "@/lib/posthog/log-entry";
import { ApiRequestError } from "@/lib/queries/api-client";
import {
  downloadLogs,
  proxyLogPages,
  throttleSeconds,
  type DownloadedLine,
  type DownloadOptions,
  type DownloadProgress,
  type FetchLogPage,
  type PagerClock,
} from "./download-pager";
import type { LogFilters } from "./log-filters";
import { formatMicros } from "./timestamps";

const EXPORT_ID = "0190c3d4-aaaa-bbbb-cccc-000000000001";
const T = Date.UTC(2026, 0, 15, 12, 0, 0) * 1000; // µs
const NO_FILTERS: LogFilters = { levels: [], search: "", runId: null };

/** PostHog's rendering: whole seconds carry no fraction, anything else six digits. */
function iso(micros: number): string {
  const whole = new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19);
  const fraction = micros % 1_000_000;
  return fraction === 0 ? `${whole}Z` : `${whole}.${String(fraction).padStart(6, "0")}Z`;
}

/** Read independently of the code under test: seconds by Date.parse, then up to six fraction digits. */
function micros(timestamp: string): number {
  const m = /^(.{19})(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(timestamp)!;
  return Date.parse(`${m[1]}${m[3]}`) * 1000 + Number((m[2] ?? "").slice(0, 6).padEnd(6, "0"));
}

interface Row {
  seq: number;
  micros: number;
  entry: DownloadedLine;
}

function line(at: number, message: string, level: LogLevel = "INFO", instanceId = "run-1"): DownloadedLine {
  return { log_source_id: EXPORT_ID, instance_id: instanceId, timestamp: iso(at), level, message };
}

/** `count` lines, `perTimestamp` to each timestamp (1 ms apart), numbered in insertion order. */
function tiedLines(count: number, perTimestamp: number, stepMicros = 1000): DownloadedLine[] {
  return Array.from({ length: count }, (_, i) => line(T + Math.floor(i / perTimestamp) * stepMicros, `line ${i}`));
}

/**
 * PostHog's logs query over an in-memory table: filters, exclusive `before`, newest first with ties in
 * reverse insertion order (as ClickHouse/SQLite happen to), at most `limit` rows. `boundMillis` drops the
 * microseconds of the bound, as the local PostHog does.
 */
function fakePostHog(lines: DownloadedLine[], options: { boundMillis?: boolean; onFetch?: (call: number) => void } = {}) {
  const rows: Row[] = lines.map((entry, seq) => ({ seq, micros: micros(entry.timestamp), entry }));
  const calls: URLSearchParams[] = [];
  const fetchPage: FetchLogPage = async (query) => {
    calls.push(new URLSearchParams(query));
    options.onFetch?.(calls.length);
    const limit = Number(query.get("limit"));
    expect(limit).toBeGreaterThanOrEqual(1);
    expect(limit).toBeLessThanOrEqual(500);
    expect(query.has("after")).toBe(false);
    let before = query.has("before") ? micros(query.get("before")!) : Number.POSITIVE_INFINITY;
    if (options.boundMillis) before = Math.floor(before / 1000) * 1000;
    const levels = query.get("level")?.toUpperCase().split(",");
    const search = query.get("search")?.toLowerCase();
    const run = query.get("instance_id");
    return rows
      .filter((r) => r.micros < before)
      .filter((r) => !levels || levels.includes(r.entry.level))
      .filter((r) => !search || r.entry.message.toLowerCase().includes(search))
      .filter((r) => !run || r.entry.instance_id === run)
      .sort((a, b) => b.micros - a.micros || b.seq - a.seq)
      .slice(0, limit)
      .map((r) => ({ ...r.entry }));
  };
  return { fetchPage, calls };
}

function fakeClock(): PagerClock & { sleeps: number[]; advance(ms: number): void } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
    },
  };
}

function run(fetchPage: FetchLogPage, options: Partial<DownloadOptions> = {}) {
  return downloadLogs({ filters: NO_FILTERS, fetchPage, clock: fakeClock(), ...options });
}

const messagesOf = (entries: DownloadedLine[]) => entries.map((e) => e.message);

function throttled(detail = "Request was throttled. Expected available in 3 seconds.") {
  return new ApiRequestError(429, { type: "throttled_error", code: "throttled", detail, attr: null });
}

describe("downloadLogs: every line once, across ties", () => {
  it("600 lines on four timestamps: all of them, once each, oldest first, ties in insertion order", async () => {
    const lines = tiedLines(600, 150);
    const posthog = fakePostHog(lines);
    const result = await run(posthog.fetchPage);
    expect(messagesOf(result.entries)).toEqual(messagesOf(lines));
    expect(result).toMatchObject({ pages: 2, capped: false, crowdedTimestamps: [] });
    // The second page re-asks from just above the tie the first page cut (150 at the oldest timestamp, 50 seen).
    expect(posthog.calls[1]!.get("before")).toBe(formatMicros(T + 1000));
  });

  it("600 lines on a few timestamps, on a server that keeps only milliseconds of a bound", async () => {
    const lines = tiedLines(600, 120, 250); // 5 timestamps 250 µs apart, all within 2 ms
    const result = await run(fakePostHog(lines, { boundMillis: true }).fetchPage);
    expect(messagesOf(result.entries)).toEqual(messagesOf(lines));
  });

  it.each([1, 2, 3, 7, 10, 100, 250, 499])("2,345 lines, %i per timestamp: every line exactly once", async (perTimestamp) => {
    const lines = tiedLines(2345, perTimestamp);
    const result = await run(fakePostHog(lines).fetchPage);
    expect(messagesOf(result.entries)).toEqual(messagesOf(lines));
    expect(result.crowdedTimestamps).toEqual([]);
  });

  it("exactly a page of lines per timestamp: all of them, each tie named, since a 501st could not be told apart", async () => {
    const lines = tiedLines(1500, 500);
    const result = await run(fakePostHog(lines).fetchPage);
    expect(messagesOf(result.entries)).toEqual(messagesOf(lines));
    expect(result.crowdedTimestamps).toEqual([formatMicros(T + 2000), formatMicros(T + 1000), formatMicros(T)]);
  });

  it("lines 100 µs apart: the millisecond re-read window drops what it read twice", async () => {
    const lines = tiedLines(1500, 1, 100);
    for (const boundMillis of [false, true]) {
      const result = await run(fakePostHog(lines, { boundMillis }).fetchPage);
      expect(messagesOf(result.entries)).toEqual(messagesOf(lines));
    }
  });

  it("keeps both copies of two identical lines, across a page boundary", async () => {
    const newer = Array.from({ length: 498 }, (_, i) => line(T + 600_000 + i * 1000, `line ${i}`));
    const twin = line(T + 500_000, "the same words");
    const all = [twin, twin, twin, ...newer]; // the three twins are the oldest: page 1 ends after two of them
    const result = await run(fakePostHog(all).fetchPage);
    expect(result.entries).toHaveLength(501);
    expect(result.entries.filter((e) => e.message === "the same words")).toHaveLength(3);
  });

  it("reads timestamps with +00:00 and compares instants, not text", async () => {
    const lines = tiedLines(700, 70).map((l) => ({ ...l, timestamp: l.timestamp.replace("Z", "+00:00") }));
    const result = await run(fakePostHog(lines).fetchPage);
    expect(messagesOf(result.entries)).toEqual(messagesOf(lines));
  });

  it("more lines on one timestamp than a page holds: what PostHog can return, the tie named, and no endless loop", async () => {
    const crowded = Array.from({ length: 700 }, (_, i) => line(T + 5_000_000, `crowded ${i}`));
    const older = Array.from({ length: 100 }, (_, i) => line(T + i * 1000, `older ${i}`));
    const newer = Array.from({ length: 20 }, (_, i) => line(T + 6_000_000 + i * 1000, `newer ${i}`));
    const posthog = fakePostHog([...older, ...crowded, ...newer]);
    const result = await run(posthog.fetchPage);
    expect(result.crowdedTimestamps).toEqual([formatMicros(T + 5_000_000)]);
    const got = messagesOf(result.entries);
    expect(new Set(got).size).toBe(got.length);
    expect(got.filter((m) => m.startsWith("older"))).toHaveLength(100);
    expect(got.filter((m) => m.startsWith("newer"))).toHaveLength(20);
    expect(got.filter((m) => m.startsWith("crowded"))).toHaveLength(500);
    expect(posthog.calls.length).toBeLessThanOrEqual(4);
  });
});

describe("downloadLogs: where it stops", () => {
  it("one request when the first page is short", async () => {
    const posthog = fakePostHog(tiedLines(120, 1));
    const result = await run(posthog.fetchPage);
    expect(result.entries).toHaveLength(120);
    expect(posthog.calls).toHaveLength(1);
    expect(posthog.calls[0]!.toString()).toBe("limit=500");
  });

  it("a second request when the first page is exactly full", async () => {
    const posthog = fakePostHog(tiedLines(500, 1));
    expect((await run(posthog.fetchPage)).entries).toHaveLength(500);
    expect(posthog.calls).toHaveLength(2);
  });

  it("no lines at all", async () => {
    const result = await run(fakePostHog([]).fetchPage);
    expect(result).toEqual({ entries: [], pages: 1, capped: false, crowdedTimestamps: [] });
  });

  it("at the cap: the newest lines, flagged as capped", async () => {
    const lines = tiedLines(3000, 3);
    const posthog = fakePostHog(lines);
    const result = await run(posthog.fetchPage, { maxLines: 1000 });
    expect(result.capped).toBe(true);
    expect(messagesOf(result.entries)).toEqual(messagesOf(lines.slice(2000)));
    // Each page after the first re-reads the tie it starts on, so 1,000 lines take a third page.
    expect(posthog.calls).toHaveLength(3);
  });

  it("not capped when everything fits under the cap", async () => {
    const result = await run(fakePostHog(tiedLines(900, 1)).fetchPage, { maxLines: 1000 });
    expect(result).toMatchObject({ capped: false, pages: 2 });
  });
});

describe("downloadLogs: filters", () => {
  it("sends level, search and run with every page, and collects exactly the matching lines", async () => {
    const levels: LogLevel[] = ["DEBUG", "INFO", "WARNING", "ERROR"];
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      line(T + Math.floor(i / 4) * 1000, i % 3 === 0 ? `Upload, "part" ${i}` : `heartbeat ${i}`, levels[i % 4], `run-${i % 2}`),
    );
    const posthog = fakePostHog(lines);
    const filters = { levels: ["WARNING", "ERROR"], search: "upload", runId: "run-1" };
    const result = await run(posthog.fetchPage, { filters });
    const expected = lines.filter(
      (l) => (l.level === "WARNING" || l.level === "ERROR") && l.message.startsWith("Upload") && l.instance_id === "run-1",
    );
    expect(expected.length).toBeGreaterThan(500);
    expect(messagesOf(result.entries)).toEqual(messagesOf(expected));
    for (const call of posthog.calls) {
      expect(call.get("level")).toBe("WARNING,ERROR");
      expect(call.get("search")).toBe("upload");
      expect(call.get("instance_id")).toBe("run-1");
      expect(call.get("limit")).toBe("500");
    }
  });

  it("leaves out filters that are not set", async () => {
    const posthog = fakePostHog(tiedLines(3, 1));
    await run(posthog.fetchPage, { filters: { levels: [], search: "", runId: null } });
    expect(posthog.calls[0]!.toString()).toBe("limit=500");
  });

  it("keeps the lines of a level it does not know", async () => {
    const odd = { ...line(T, "odd"), level: "CRITICAL" };
    const result = await run(fakePostHog([odd]).fetchPage);
    expect(result.entries[0]!.level).toBe("CRITICAL");
  });
});

describe("downloadLogs: request budget", () => {
  it("starts at most one request every 200 ms", async () => {
    const clock = fakeClock();
    const starts: number[] = [];
    const posthog = fakePostHog(tiedLines(2400, 1), { onFetch: () => starts.push(clock.now()) });
    const fetchPage: FetchLogPage = async (query, signal) => {
      const page = await posthog.fetchPage(query, signal);
      clock.advance(30); // the request itself takes 30 ms
      return page;
    };
    await downloadLogs({ filters: NO_FILTERS, fetchPage, clock });
    expect(starts).toEqual([0, 200, 400, 600, 800]);
  });

  it("on a 429, waits the seconds PostHog names, counting down, then continues", async () => {
    const clock = fakeClock();
    const posthog = fakePostHog(tiedLines(1200, 2));
    const asked: string[] = [];
    const fetchPage: FetchLogPage = async (query, signal) => {
      asked.push(query.toString());
      if (asked.length === 2) throw throttled();
      return posthog.fetchPage(query, signal);
    };
    const progress: DownloadProgress[] = [];
    const result = await downloadLogs({ filters: NO_FILTERS, fetchPage, clock, onProgress: (p) => progress.push(p) });
    expect(result.entries).toHaveLength(1200);
    expect(progress.map((p) => p.waitingSeconds)).toEqual([null, 3, 2, 1, null, null, null]);
    expect(clock.sleeps.filter((ms) => ms === 1000)).toHaveLength(3);
    expect(asked[2]).toBe(asked[1]); // the throttled page is asked again, not skipped
  });

  it("backs off when a 429 names no wait", async () => {
    const clock = fakeClock();
    const posthog = fakePostHog(tiedLines(10, 1));
    let calls = 0;
    const fetchPage: FetchLogPage = async (query, signal) => {
      if (++calls === 1) throw throttled("Request was throttled.");
      return posthog.fetchPage(query, signal);
    };
    await downloadLogs({ filters: NO_FILTERS, fetchPage, clock });
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(2000);
  });

  it("gives up, saying why, when PostHog asks for a wait of many minutes", async () => {
    const fetchPage: FetchLogPage = async () => {
      throw throttled("Request was throttled. Expected available in 1800 seconds.");
    };
    await expect(run(fetchPage)).rejects.toThrow("allows no more requests for 30 minutes");
  });

  it("retries a 503 twice, then reports it", async () => {
    let calls = 0;
    const unavailable = new ApiRequestError(503, { type: "server_error", code: "database_unavailable", detail: "Try again.", attr: null });
    const fetchPage: FetchLogPage = async () => {
      calls += 1;
      throw unavailable;
    };
    await expect(run(fetchPage)).rejects.toBe(unavailable);
    expect(calls).toBe(3);
  });

  it("recovers from a passing 502", async () => {
    const posthog = fakePostHog(tiedLines(700, 1));
    let calls = 0;
    const fetchPage: FetchLogPage = async (query, signal) => {
      if (++calls === 1) throw new ApiRequestError(502, { type: "server_error", code: "upstream_unreachable", detail: "x", attr: null });
      return posthog.fetchPage(query, signal);
    };
    expect((await run(fetchPage)).entries).toHaveLength(700);
  });

  it("reports any other error at once", async () => {
    let calls = 0;
    const invalid = new ApiRequestError(400, { type: "validation_error", code: "invalid_input", detail: "bad", attr: "before" });
    const fetchPage: FetchLogPage = async () => {
      calls += 1;
      throw invalid;
    };
    await expect(run(fetchPage)).rejects.toBe(invalid);
    expect(calls).toBe(1);
  });
});

describe("downloadLogs: progress and cancelling", () => {
  it("reports lines and pages after every page", async () => {
    const progress: DownloadProgress[] = [];
    await run(fakePostHog(tiedLines(1300, 1)).fetchPage, { onProgress: (p) => progress.push(p) });
    expect(progress).toEqual([
      { lines: 500, pages: 1, waitingSeconds: null },
      { lines: 999, pages: 2, waitingSeconds: null }, // one line of page 2 was page 1's last, read again
      { lines: 1300, pages: 3, waitingSeconds: null },
    ]);
  });

  it("stops asking PostHog once cancelled", async () => {
    const controller = new AbortController();
    const posthog = fakePostHog(tiedLines(5000, 1));
    const pending = run(posthog.fetchPage, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.pages === 2) controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(posthog.calls).toHaveLength(2);
  });

  it("cancels during a wait for the rate limit", async () => {
    const controller = new AbortController();
    const fetchPage: FetchLogPage = async () => {
      throw throttled("Request was throttled. Expected available in 60 seconds.");
    };
    const pending = run(fetchPage, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.waitingSeconds === 58) controller.abort();
      },
    });
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("the real clock's sleep ends early when cancelled", async () => {
    const { realClock } = await import("./download-pager");
    const controller = new AbortController();
    const sleeping = realClock.sleep(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("proxyLogPages", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("asks the dashboard's logs proxy and returns the page's lines", async () => {
    const results = tiedLines(2, 1);
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ count: 2, next: null, previous: null, results })));
    vi.stubGlobal("fetch", fetchMock);
    const query = new URLSearchParams({ limit: "500", level: "ERROR", before: formatMicros(T) });
    expect(await proxyLogPages("org-1", EXPORT_ID)(query, undefined)).toEqual(results);
    expect(fetchMock).toHaveBeenCalledWith(
      `/api/organizations/org-1/batch_exports/${EXPORT_ID}/logs/?limit=500&level=ERROR&before=2026-01-15T12%3A00%3A00.000000Z`,
      expect.objectContaining({ credentials: "same-origin" }),
    );
  });

  it("turns PostHog's error into an ApiRequestError the pager understands", async () => {
    vi.stubGlobal("fetch", async () => new Response(JSON.stringify(throttled().body), { status: 429 }));
    await expect(proxyLogPages("org-1", EXPORT_ID)(new URLSearchParams(), undefined)).rejects.toMatchObject({ status: 429 });
  });
});

describe("throttleSeconds", () => {
  it("reads PostHog's throttle detail", () => {
    expect(throttleSeconds("Request was throttled. Expected available in 7 seconds.")).toBe(7);
    expect(throttleSeconds("Request was throttled. Expected available in 1 second.")).toBe(1);
    expect(throttleSeconds("Request was throttled.")).toBeNull();
  });
});
