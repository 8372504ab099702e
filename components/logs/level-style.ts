/** Level colours; the level's name is always shown too, so colour is never the only signal. */
const LEVEL_BADGE: Record<string, string> = {
  DEBUG: "bg-neutral-100 text-neutral-600",
  INFO: "bg-blue-50 text-blue-700",
  WARNING: "bg-amber-100 text-amber-900",
  ERROR: "bg-red-100 text-red-800",
};

const LEVEL_ROW: Record<string, string> = {
  WARNING: "bg-amber-50/50",
  ERROR: "bg-red-50/70",
};

export const levelBadgeClass = (level: string) => LEVEL_BADGE[level] ?? "bg-neutral-100 text-neutral-700";
export const levelRowClass = (level: string) => LEVEL_ROW[level] ?? "";
