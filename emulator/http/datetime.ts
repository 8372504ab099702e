/**
 * DRF renders datetimes with Python's isoformat and swaps "+00:00" for "Z": whole seconds carry no
 * fraction, anything else carries microseconds (six digits).
 */
export function formatDateTime(ms: number): string;
export function formatDateTime(ms: number | null): string | null;
export function formatDateTime(ms: number | null): string | null {
  if (ms === null) return null;
  const iso = new Date(ms).toISOString();
  const millis = ms % 1000;
  const base = iso.slice(0, 19);
  return millis === 0 ? `${base}Z` : `${base}.${String(millis).padStart(3, "0")}000Z`;
}

const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export interface ParsedDateTime {
  ms: number;
  hasTime: boolean;
  hasZone: boolean;
}

/**
 * Parses what Python's `datetime.fromisoformat` / DRF's DateTimeField accept. Naive values are read as
 * UTC (the caller decides whether naive is allowed). Returns null when the text is not ISO.
 */
export function parseIsoDateTime(text: string): ParsedDateTime | null {
  const m = ISO_DATETIME.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const fracMs = frac ? Math.floor(Number(frac.padEnd(6, "0")) / 1000) : 0;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), fracMs);
  if (Number.isNaN(ms)) return null;
  const check = new Date(ms);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) return null;
  if (zone && zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offsetMin = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    ms -= sign * offsetMin * 60_000;
  }
  return { ms, hasTime: h !== undefined, hasZone: zone !== undefined };
}
