"use client";

import { ChevronsUpDown } from "lucide-react";
import { useId, useMemo, useState, type KeyboardEvent, type Ref } from "react";
import { searchTimezones } from "@/lib/batch-exports/timezones";
import { cn } from "@/lib/utils";

/** Rendering 400+ options on every keystroke is wasted work; typing narrows the list. */
const SHOWN = 80;

/**
 * A searchable timezone picker (ARIA 1.2 combobox with a listbox popup). Typing filters; arrows move;
 * Enter picks; Escape closes and restores the saved value. Only a listed zone can be chosen.
 */
export function TimezoneCombobox({
  id,
  value,
  zones,
  onChange,
  onBlur,
  invalid,
  describedBy,
  ref,
}: {
  id: string;
  value: string;
  zones: readonly string[];
  onChange: (zone: string) => void;
  onBlur?: () => void;
  invalid?: boolean;
  describedBy?: string;
  ref?: Ref<HTMLInputElement>;
}) {
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const matches = useMemo(() => searchTimezones(query ?? "", zones), [query, zones]);
  const shown = matches.slice(0, SHOWN);
  const optionId = (index: number) => `${listId}-option-${index}`;

  function choose(zone: string) {
    onChange(zone);
    setQuery(null);
    setOpen(false);
  }

  function close() {
    setQuery(null);
    setOpen(false);
  }

  function openAt(zone: string) {
    setOpen(true);
    setActive(Math.max(0, shown.indexOf(zone)));
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) return openAt(value);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((index) => Math.min(Math.max(index + step, 0), shown.length - 1));
    } else if (event.key === "Enter" && open) {
      // Picking a zone must not submit the whole form.
      event.preventDefault();
      const zone = shown[active];
      if (zone) choose(zone);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  }

  function onInputBlur() {
    // A zone typed in full counts as picked; anything else falls back to the saved value.
    const typed = query?.trim().toLowerCase();
    const exact = typed ? zones.find((zone) => zone.toLowerCase() === typed) : undefined;
    if (exact) onChange(exact);
    close();
    onBlur?.();
  }

  return (
    <div className="relative">
      <input
        ref={ref}
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && shown[active] ? optionId(active) : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        value={query ?? value}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={(event) => event.target.select()}
        onClick={() => (open ? close() : openAt(value))}
        onKeyDown={onKeyDown}
        onBlur={onInputBlur}
        className={cn(
          "h-9 w-full rounded-md border border-neutral-300 bg-white pr-8 pl-3 text-sm shadow-xs",
          "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 aria-[invalid=true]:border-red-500",
        )}
      />
      <ChevronsUpDown className="pointer-events-none absolute top-2.5 right-2.5 h-4 w-4 text-neutral-400" aria-hidden />
      <ul
        id={listId}
        role="listbox"
        aria-label="Timezones"
        hidden={!open}
        className="absolute z-20 mt-1 max-h-64 w-full overflow-auto rounded-md border border-neutral-200 bg-white py-1 text-sm shadow-lg"
      >
        {shown.map((zone, index) => (
          <li
            key={zone}
            id={optionId(index)}
            role="option"
            aria-selected={zone === value}
            // Keeps focus in the input, so its blur does not close the list before the click lands.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(zone)}
            onMouseMove={() => setActive(index)}
            ref={index === active && open ? (node) => node?.scrollIntoView({ block: "nearest" }) : undefined}
            className={cn(
              "cursor-pointer px-3 py-1.5",
              index === active && "bg-blue-50 text-blue-900",
              zone === value && "font-medium",
            )}
          >
            {zone}
          </li>
        ))}
        {matches.length === 0 && <li className="px-3 py-1.5 text-neutral-500">No timezone matches “{query}”.</li>}
        {matches.length > SHOWN && (
          <li className="px-3 py-1.5 text-xs text-neutral-500">Keep typing to narrow {matches.length - SHOWN} more.</li>
        )}
      </ul>
    </div>
  );
}
