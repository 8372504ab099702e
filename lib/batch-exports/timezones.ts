/**
 * The timezones a daily or weekly export can run in: the IANA names this runtime knows, UTC first
 * (browsers leave it out of `supportedValuesOf`, and it is PostHog's default).
 */
export const TIMEZONES: readonly string[] = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];

const KNOWN = new Set(TIMEZONES);

/**
 * PostHog also accepts pytz aliases (`US/Eastern`, `Asia/Calcutta`) that Intl's canonical list omits;
 * an export saved with one must stay valid in the form.
 */
export function isKnownTimezone(zone: string, keep?: string): boolean {
  return KNOWN.has(zone) || zone === keep;
}

/** Case-insensitive; spaces match underscores so "new york" finds America/New_York. */
export function searchTimezones(query: string, zones: readonly string[] = TIMEZONES): string[] {
  const needle = query.trim().toLowerCase().replace(/\s+/g, "_");
  if (!needle) return [...zones];
  return zones.filter((zone) => zone.toLowerCase().includes(needle));
}
