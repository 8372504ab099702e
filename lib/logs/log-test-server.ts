/**
 * Test support: an in-memory stand-in for PostHog's logs endpoint with its exact paging semantics
 * (newest first, `limit`, EXCLUSIVE `after`/`before`), so the feed's cursor logic is tested against the
 * behaviour it must survive rather than against mocks of it.
 */
import type { PageBounds } from "./log-cursors";
import type { RawLogEntry } from "./log-line";
import { formatMicros, toMicros } from "./timestamps";

interface StoredLine {
  micros: number;
  seq: number;
  instance_id: string;
  level: string;
  message: string;
}

export interface TestServerOptions {
  /** Read bounds at millisecond precision, flooring, as the local PostHog does. */
  millisecondBounds?: boolean;
}

export class LogTestServer {
  private readonly lines: StoredLine[] = [];
  private seq = 0;
  /** Every query received, for asserting what was asked. */
  readonly requests: PageBounds[] = [];
  /** When set, the next queries fail with it (then it is cleared when `failures` runs out). */
  failWith: { error: unknown; times: number } | null = null;

  constructor(private readonly options: TestServerOptions = {}) {}

  write(micros: number, message: string, level = "INFO", instanceId = "run-1"): void {
    this.lines.push({ micros, seq: this.seq++, instance_id: instanceId, level, message });
  }

  get size(): number {
    return this.lines.length;
  }

  /** Every line, oldest first, as the feed should end up holding them. */
  all(): Array<{ micros: number; message: string }> {
    return [...this.lines].sort((a, b) => a.micros - b.micros || a.seq - b.seq).map((l) => ({ micros: l.micros, message: l.message }));
  }

  private bound(iso: string | undefined): number | undefined {
    if (iso === undefined) return undefined;
    const micros = toMicros(iso);
    return this.options.millisecondBounds ? Math.floor(micros / 1000) * 1000 : micros;
  }

  readonly fetchPage = async (pageBounds: PageBounds): Promise<RawLogEntry[]> => {
    this.requests.push(pageBounds);
    if (this.failWith) {
      const { error } = this.failWith;
      if (--this.failWith.times <= 0) this.failWith = null;
      throw error;
    }
    const after = this.bound(pageBounds.after);
    const before = this.bound(pageBounds.before);
    return this.lines
      .filter((l) => (after === undefined || l.micros > after) && (before === undefined || l.micros < before))
      .sort((a, b) => b.micros - a.micros || b.seq - a.seq)
      .slice(0, pageBounds.limit)
      .map((l) => ({ timestamp: formatMicros(l.micros), instance_id: l.instance_id, level: l.level, message: l.message }));
  };
}

export const T0 = Date.UTC(2026, 0, 1) * 1000;
/** A timestamp `ms` milliseconds (plus `micros`) after T0. */
export const at = (ms: number, micros = 0): number => T0 + ms * 1000 + micros;
