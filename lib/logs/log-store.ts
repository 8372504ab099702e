import { fromEntry, lineToken, parseLineToken, sameContent, type LogLine, type RawLogEntry } from "./log-line";
import { toMicros } from "./timestamps";

/**
 * Lines kept in memory. 100,000 lines of a few hundred bytes stay well under 100 MB of heap and scroll
 * smoothly when virtualized; past it the oldest are dropped, and "load older" fetches them again.
 */
export const LOG_MEMORY_CAP = 100_000;

/** Where a page comes from: polling for newer lines, or paging back for older ones. */
export type Direction = "newer" | "older";

export interface MergeResult {
  /** Lines that were not held before. */
  added: number;
  /** Of those, lines newer than the newest held before (what "N new lines" counts). */
  addedAtTail: number;
  /** Lines dropped (from the side not kept) to stay under the cap. */
  trimmed: number;
}

/** First index whose micros is >= `micros` (lines are sorted oldest first). */
function lowerBound(lines: readonly LogLine[], micros: number): number {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (lines[mid]!.micros < micros) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Index in `lines` (oldest first) of the line a permalink token names, or -1; a binary search, then its timestamp's few lines. */
export function indexOfToken(lines: readonly LogLine[], token: string): number {
  const parsed = parseLineToken(token);
  if (!parsed) return -1;
  for (let i = lowerBound(lines, parsed.micros); i < lines.length && lines[i]!.micros === parsed.micros; i++) {
    if (lineToken(lines[i]!) === token) return i;
  }
  return -1;
}

/**
 * Merges two oldest-first lists. PostHog gives no order within a timestamp beyond "newest written first"
 * in one response, so on a tie fresh lines go after held ones when they came from a newer page, and
 * before them when they came from an older page.
 */
function mergeSorted(held: readonly LogLine[], fresh: readonly LogLine[], direction: Direction): LogLine[] {
  if (held.length === 0) return [...fresh];
  if (direction === "newer" && fresh[0]!.micros >= held[held.length - 1]!.micros) return held.concat(fresh);
  const out: LogLine[] = new Array(held.length + fresh.length);
  let i = 0;
  let j = 0;
  let k = 0;
  const heldFirst = direction === "newer" ? (a: number, b: number) => a <= b : (a: number, b: number) => a < b;
  while (i < held.length && j < fresh.length) out[k++] = heldFirst(held[i]!.micros, fresh[j]!.micros) ? held[i++]! : fresh[j++]!;
  while (i < held.length) out[k++] = held[i++]!;
  while (j < fresh.length) out[k++] = fresh[j++]!;
  return out;
}

/**
 * The lines of one filtered view, oldest first, de-duplicated across overlapping pages.
 *
 * Dedupe rule: for each key (timestamp, run, level, message) the store holds as many copies as the page
 * that showed the most of them. A page never shows more copies than PostHog has, so nothing is shown
 * twice; a page that saw the whole timestamp shows them all, so true duplicates are kept. The rule
 * does not care in which order pages arrive.
 */
export class LogStore {
  private sorted: LogLine[] = [];
  /** The held lines of each timestamp, in display order; usually one or two. */
  private readonly byMicros = new Map<number, LogLine[]>();

  constructor(readonly cap: number = LOG_MEMORY_CAP) {}

  /** Oldest first. A new array after every change, so it can be a React snapshot. */
  get lines(): readonly LogLine[] {
    return this.sorted;
  }

  get size(): number {
    return this.sorted.length;
  }

  get newestMicros(): number | null {
    return this.sorted.length ? this.sorted[this.sorted.length - 1]!.micros : null;
  }

  get oldestMicros(): number | null {
    return this.sorted.length ? this.sorted[0]!.micros : null;
  }

  /**
   * Adds the lines of one page (in PostHog's order, newest first) that are not held yet. Past the cap,
   * lines are dropped from the far end: polling keeps the newest, paging back keeps the oldest.
   */
  merge(page: readonly RawLogEntry[], direction: Direction = "newer"): MergeResult {
    const previousNewest = this.newestMicros;
    const groups = new Map<number, RawLogEntry[]>();
    // Walk the page oldest first, so lines of one timestamp keep PostHog's relative order once reversed.
    for (let i = page.length - 1; i >= 0; i--) {
      const entry = page[i]!;
      const micros = toMicros(entry.timestamp);
      const group = groups.get(micros);
      if (group) group.push(entry);
      else groups.set(micros, [entry]);
    }

    const fresh: LogLine[] = [];
    for (const [micros, entries] of groups) {
      const bucket = this.byMicros.get(micros) ?? [];
      const heldBefore = bucket.length;
      const contents = entries.map(contentOf);
      contents.forEach((content, index) => {
        // This entry is the (seenInPage+1)-th copy of its key in the page: new only if fewer are held.
        let seenInPage = 0;
        for (let k = 0; k < index; k++) if (sameContent(contents[k]!, content)) seenInPage++;
        let held = 0;
        for (let k = 0; k < heldBefore; k++) if (sameContent(bucket[k]!, content)) held++;
        if (seenInPage < held) return;
        const line = fromEntry(entries[index]!, micros, bucket.length);
        bucket.push(line);
        fresh.push(line);
      });
      if (heldBefore === 0 && bucket.length > 0) this.byMicros.set(micros, bucket);
    }
    if (fresh.length === 0) return { added: 0, addedAtTail: 0, trimmed: 0 };

    fresh.sort((a, b) => a.micros - b.micros);
    this.sorted = mergeSorted(this.sorted, fresh, direction);
    const addedAtTail = previousNewest === null ? fresh.length : fresh.filter((l) => l.micros > previousNewest).length;
    return { added: fresh.length, addedAtTail, trimmed: this.trimToCap(direction) };
  }

  /** Forgets lines older than `micros` (after a gap that could not be filled, the held lines no longer join up). */
  dropOlderThan(micros: number): number {
    const cut = lowerBound(this.sorted, micros);
    return this.dropFirst(cut);
  }

  /** Index of the line a permalink token names, or -1. */
  indexOfToken(token: string): number {
    return indexOfToken(this.sorted, token);
  }

  /** Drops whole timestamps, never part of one: a timestamp cut in two could not be told apart from a complete one. */
  private trimToCap(direction: Direction): number {
    const lines = this.sorted;
    if (lines.length <= this.cap) return 0;
    if (direction === "newer") {
      let cut = lines.length - this.cap;
      while (cut < lines.length && lines[cut]!.micros === lines[cut - 1]!.micros) cut++;
      return this.dropFirst(cut);
    }
    let kept = this.cap;
    while (kept > 0 && lines[kept]!.micros === lines[kept - 1]!.micros) kept--;
    for (let i = kept; i < lines.length; i++) this.byMicros.delete(lines[i]!.micros);
    this.sorted = lines.slice(0, kept);
    return lines.length - kept;
  }

  private dropFirst(count: number): number {
    if (count <= 0) return 0;
    for (let i = 0; i < count; i++) this.byMicros.delete(this.sorted[i]!.micros);
    this.sorted = this.sorted.slice(count);
    return count;
  }
}

function contentOf(entry: RawLogEntry) {
  return { instanceId: entry.instance_id, level: entry.level.toUpperCase(), message: entry.message };
}
