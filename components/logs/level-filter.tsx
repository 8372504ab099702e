"use client";

import { LOG_LEVELS } from "@/lib/logs/log-filters";
import { cn } from "@/lib/utils";
import { levelBadgeClass } from "./level-style";

/**
 * Level multi-select as a row of checkboxes: every level is one keystroke away, and the state reads
 * out as "ERROR, checkbox, checked". No level picked means every level, so all boxes show ticked then.
 */
export function LevelFilter({ levels, onChange }: { levels: readonly string[]; onChange: (levels: string[]) => void }) {
  const picked = levels.length ? new Set(levels) : new Set<string>(LOG_LEVELS);

  function toggle(level: string, on: boolean) {
    const next = LOG_LEVELS.filter((l) => (l === level ? on : picked.has(l)));
    onChange(next.length === LOG_LEVELS.length ? [] : next);
  }

  return (
    <fieldset className="flex items-center gap-1">
      <legend className="sr-only">Levels</legend>
      <span aria-hidden className="mr-1 text-sm text-neutral-600">
        Levels
      </span>
      {LOG_LEVELS.map((level) => {
        const on = picked.has(level);
        // The last level left cannot be unticked: an empty choice would show nothing, or everything.
        const last = on && picked.size === 1;
        return (
          <label key={level} className={cn("relative", last ? "cursor-not-allowed" : "cursor-pointer")} title={last ? "At least one level stays picked" : undefined}>
            <input
              type="checkbox"
              // Over the chip, transparent: the chip is what shows, the box is what gets clicked and focused.
              className="peer absolute inset-0 z-10 cursor-[inherit] opacity-0"
              checked={on}
              disabled={last}
              onChange={(event) => toggle(level, event.target.checked)}
            />
            <span
              className={cn(
                "inline-flex h-7 items-center rounded-md border px-2 font-mono text-xs font-semibold peer-focus-visible:ring-2 peer-focus-visible:ring-blue-600",
                on ? cn("border-transparent", levelBadgeClass(level)) : "border-neutral-300 bg-white text-neutral-400 line-through",
              )}
            >
              {level}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
