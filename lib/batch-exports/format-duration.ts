/** "45s", "3m 05s", "2h 04m", "3d 2h", "1d": the two largest units are enough to compare runs. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  const seconds = Math.floor(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  const pair = (big: string, small: number, unit: string, pad = true) =>
    small === 0 ? big : `${big} ${pad ? String(small).padStart(2, "0") : small}${unit}`;
  if (minutes < 60) return pair(`${minutes}m`, seconds % 60, "s");
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return pair(`${hours}h`, minutes % 60, "m");
  return pair(`${Math.floor(hours / 24)}d`, hours % 24, "h", false);
}
