import { validationError } from "./api-error";
import { parseIsoDateTime } from "./datetime";

const UNITS: Record<string, number> = { M: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * PostHog's `relative_date_parse` for the runs filters: `-7d`, `-24h`, `-2w`, `-30M`, `-1m` (month),
 * `-1y`, or an ISO datetime.
 */
export function parseRelativeOrIso(raw: string, now: number, attr: string): number {
  const m = /^-(\d+)([MhdwmyY])$/.exec(raw.trim());
  if (m) {
    const n = Number(m[1]);
    const unit = m[2]!;
    if (unit === "m" || unit === "y" || unit === "Y") {
      const d = new Date(now);
      if (unit === "m") d.setUTCMonth(d.getUTCMonth() - n);
      else d.setUTCFullYear(d.getUTCFullYear() - n);
      return d.getTime();
    }
    return now - n * UNITS[unit]!;
  }
  const parsed = parseIsoDateTime(raw);
  if (!parsed) throw validationError(`Invalid date: '${raw}'.`, attr);
  return parsed.ms;
}
