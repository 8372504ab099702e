/** How the viewer shows a line's time. */
export type TimeZoneChoice = "local" | "utc";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * `2026-01-05 13:04:05.123`: fixed width so the column lines up, with the date because logs span
 * days, and milliseconds because lines of one run are often that close.
 */
export function formatLogTime(micros: number, zone: TimeZoneChoice): string {
  const date = new Date(Math.floor(micros / 1000));
  if (zone === "utc") return date.toISOString().slice(0, 23).replace("T", " ");
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`
  );
}

/** The name of the zone times are shown in, for the column header ("UTC", "Europe/Paris"). */
export function zoneName(zone: TimeZoneChoice): string {
  if (zone === "utc") return "UTC";
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "local time";
}
