"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { cn } from "@/lib/utils";

export interface TabDefinition {
  id: string;
  label: string;
}

/**
 * Tabs whose selection lives in the URL (`?tab=`), so a tab can be shared as a link. Arrow keys move
 * between tabs, as the ARIA tabs pattern expects; other query parameters are kept.
 */
export function UrlTabs({ tabs, label, children }: { tabs: TabDefinition[]; label: string; children: (active: string) => ReactNode }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const requested = params.get("tab");
  const active = tabs.some((t) => t.id === requested) ? requested! : tabs[0]!.id;

  function select(id: string) {
    const next = new URLSearchParams(params.toString());
    next.set("tab", id);
    // Filters of another tab do not follow to this one.
    if (id !== "runs") next.delete("status");
    if (id !== "logs") for (const key of ["run", "level", "search", "line"]) next.delete(key);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = tabs.findIndex((t) => t.id === active);
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length]!;
    select(next.id);
    refs.current[tabs.indexOf(next)]?.focus();
  }

  return (
    <div>
      <div role="tablist" aria-label={label} className="flex gap-1 border-b border-neutral-200" onKeyDown={onKeyDown}>
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === active}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === active ? 0 : -1}
            onClick={() => select(tab.id)}
            className={cn(
              "-mb-px border-b-2 px-4 py-2 text-sm font-medium focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600",
              tab.id === active ? "border-neutral-900 text-neutral-900" : "border-transparent text-neutral-500 hover:text-neutral-800",
            )}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${active}`} aria-labelledby={`tab-${active}`} className="pt-5">
        {children(active)}
      </div>
    </div>
  );
}
