import { describe, expect, it } from "vitest";
import { lineToken, type RawLogEntry } from "./log-line";
import { LogStore } from "./log-store";
import { at } from "./log-test-server";
import { formatMicros } from "./timestamps";

/** A page as PostHog sends it: newest first. Lines are given in writing order, so ties come out reversed. */
function page(...lines: Array<[number, string] | [number, string, string]>): RawLogEntry[] {
  return [...lines]
    .reverse()
    .map(([micros, message, level = "INFO"]) => ({ timestamp: formatMicros(micros), instance_id: "run-1", level, message }))
    .sort((a, b) => (a.timestamp < b.timestamp ? 1 : a.timestamp > b.timestamp ? -1 : 0));
}

const messages = (store: LogStore) => store.lines.map((l) => l.message);

describe("LogStore.merge", () => {
  it("holds a newest-first page oldest first", () => {
    const store = new LogStore();
    store.merge(page([at(1), "a"], [at(2), "b"], [at(3), "c"]));
    expect(messages(store)).toEqual(["a", "b", "c"]);
    expect(store.newestMicros).toBe(at(3));
    expect(store.oldestMicros).toBe(at(1));
  });

  it("keeps PostHog's order among lines of one timestamp", () => {
    const store = new LogStore();
    // PostHog returns ties newest-written first; held oldest first, they read in writing order.
    store.merge([
      { timestamp: formatMicros(at(5)), instance_id: "", level: "INFO", message: "second" },
      { timestamp: formatMicros(at(5)), instance_id: "", level: "INFO", message: "first" },
    ]);
    expect(messages(store)).toEqual(["first", "second"]);
  });

  it("adds nothing when the same page comes again, or one overlapping it", () => {
    const store = new LogStore();
    store.merge(page([at(1), "a"], [at(2), "b"]));
    expect(store.merge(page([at(1), "a"], [at(2), "b"])).added).toBe(0);
    const result = store.merge(page([at(2), "b"], [at(3), "c"]));
    expect(result).toEqual({ added: 1, addedAtTail: 1, trimmed: 0 });
    expect(messages(store)).toEqual(["a", "b", "c"]);
  });

  it("keeps true duplicates at one timestamp, and does not double them when seen again", () => {
    const store = new LogStore();
    store.merge(page([at(1), "retry"], [at(1), "retry"], [at(1), "other"]));
    expect(messages(store)).toEqual(["retry", "retry", "other"]);
    store.merge(page([at(1), "retry"], [at(1), "retry"], [at(1), "other"]));
    expect(store.size).toBe(3);
    // A page that saw only some of them (ended inside the timestamp) takes nothing away and adds nothing.
    store.merge(page([at(1), "retry"]));
    expect(store.size).toBe(3);
    // A page that saw a third copy (written since) adds exactly one.
    expect(store.merge(page([at(1), "retry"], [at(1), "retry"], [at(1), "retry"], [at(1), "other"])).added).toBe(1);
    expect(messages(store).filter((m) => m === "retry")).toHaveLength(3);
  });

  it("tells apart lines that differ in run, level or microseconds only", () => {
    const store = new LogStore();
    store.merge([
      { timestamp: formatMicros(at(1)), instance_id: "run-1", level: "INFO", message: "m" },
      { timestamp: formatMicros(at(1)), instance_id: "run-2", level: "INFO", message: "m" },
      { timestamp: formatMicros(at(1)), instance_id: "run-1", level: "ERROR", message: "m" },
      { timestamp: formatMicros(at(1, 1)), instance_id: "run-1", level: "INFO", message: "m" },
    ]);
    expect(store.size).toBe(4);
  });

  it("reads the same instant written as Z or +00:00 as one timestamp", () => {
    const store = new LogStore();
    store.merge([{ timestamp: "2026-01-01T00:00:00Z", instance_id: "", level: "INFO", message: "m" }]);
    expect(store.merge([{ timestamp: "2026-01-01T00:00:00.000000+00:00", instance_id: "", level: "info", message: "m" }]).added).toBe(0);
  });

  it("ends up the same whatever order pages arrive in", () => {
    const pages = [
      page([at(1), "a"], [at(2), "b"], [at(2), "b"]),
      page([at(2), "b"], [at(3), "c"]),
      page([at(2), "b"], [at(2), "b"], [at(3), "c"], [at(4), "d"]),
      page([at(0), "z"], [at(1), "a"]),
    ];
    const orders = [
      [0, 1, 2, 3],
      [3, 2, 1, 0],
      [2, 0, 3, 1],
      [1, 3, 0, 2],
    ];
    const results = orders.map((order) => {
      const store = new LogStore();
      for (const i of order) store.merge(pages[i]!);
      return messages(store);
    });
    for (const result of results) expect(result).toEqual(["z", "a", "b", "b", "c", "d"]);
  });

  it("slots a late line in between held ones, and counts only newer ones as at the tail", () => {
    const store = new LogStore();
    store.merge(page([at(1), "a"], [at(3), "c"]));
    const result = store.merge(page([at(2), "b"], [at(4), "d"]));
    expect(messages(store)).toEqual(["a", "b", "c", "d"]);
    expect(result).toEqual({ added: 2, addedAtTail: 1, trimmed: 0 });
  });

  it("puts lines of a tie from an older page before the held ones, from a newer page after", () => {
    const store = new LogStore();
    store.merge(page([at(1), "middle"]));
    store.merge(page([at(1), "first"], [at(1), "middle"]), "older");
    store.merge(page([at(1), "middle"], [at(1), "last"]), "newer");
    expect(messages(store)).toEqual(["first", "middle", "last"]);
  });

  it("gives every held line a distinct id", () => {
    const store = new LogStore();
    store.merge(page([at(1), "x"], [at(1), "x"], [at(1), "y"]));
    store.merge(page([at(1), "x"], [at(1), "x"], [at(1), "x"], [at(1), "y"]));
    expect(new Set(store.lines.map((l) => l.id)).size).toBe(4);
  });
});

describe("LogStore memory cap", () => {
  it("keeping the newest, drops the oldest whole timestamps", () => {
    const store = new LogStore(3);
    store.merge(page([at(1), "a"], [at(2), "b1"], [at(2), "b2"]));
    const result = store.merge(page([at(3), "c"]));
    // Dropping one line would cut timestamp 2 in two, so both of its lines go.
    expect(result.trimmed).toBe(1);
    expect(messages(store)).toEqual(["b1", "b2", "c"]);
    store.merge(page([at(4), "d"]));
    expect(messages(store)).toEqual(["c", "d"]);
  });

  it("keeping the oldest (paging back), drops the newest", () => {
    const store = new LogStore(3);
    store.merge(page([at(5), "e"], [at(6), "f"]));
    const result = store.merge(page([at(3), "c"], [at(4), "d"]), "older");
    expect(result.trimmed).toBe(1);
    expect(messages(store)).toEqual(["c", "d", "e"]);
  });

  it("can load dropped lines again", () => {
    const store = new LogStore(2);
    store.merge(page([at(1), "a"], [at(2), "b"]));
    store.merge(page([at(3), "c"]));
    expect(messages(store)).toEqual(["b", "c"]);
    store.merge(page([at(1), "a"], [at(2), "b"]), "older");
    expect(messages(store)).toEqual(["a", "b"]);
  });
});

describe("LogStore lookups", () => {
  it("finds a line by its permalink token, among lines of its timestamp", () => {
    const store = new LogStore();
    store.merge(page([at(1), "a"], [at(2), "b"], [at(2), "c"], [at(3), "d"]));
    const target = store.lines[2]!;
    expect(store.indexOfToken(lineToken(target))).toBe(2);
    expect(store.indexOfToken(`${at(9)}-abc`)).toBe(-1);
    expect(store.indexOfToken("nonsense")).toBe(-1);
  });

  it("drops lines older than a timestamp", () => {
    const store = new LogStore();
    store.merge(page([at(1), "a"], [at(2), "b"], [at(3), "c"]));
    expect(store.dropOlderThan(at(2))).toBe(1);
    expect(messages(store)).toEqual(["b", "c"]);
    // Dropped lines come back when seen again.
    expect(store.merge(page([at(1), "a"])).added).toBe(1);
  });
});
