"use client";

import { X } from "lucide-react";
import { useState, type ClipboardEvent, type KeyboardEvent, type Ref } from "react";
import { cn } from "@/lib/utils";

/** Splits typed or pasted text on commas and new lines into distinct, trimmed event names. */
function namesIn(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((name) => name.trim())
    .filter(Boolean);
}

/**
 * A list of event names as removable chips. Enter or a comma adds what was typed; pasting
 * "a, b, c" adds three; Backspace in the empty input removes the last chip.
 */
export function EventChipsInput({
  id,
  value,
  onChange,
  onBlur,
  placeholder,
  invalid,
  describedBy,
  ref,
}: {
  id: string;
  value: readonly string[];
  onChange: (names: string[]) => void;
  onBlur?: () => void;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  ref?: Ref<HTMLInputElement>;
}) {
  const [draft, setDraft] = useState("");

  function add(text: string) {
    const added = namesIn(text).filter((name) => !value.includes(name));
    if (added.length > 0) onChange([...value, ...new Set(added)]);
    setDraft("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      // Enter adds a chip here rather than submitting the form.
      event.preventDefault();
      add(draft);
    } else if (event.key === "Backspace" && draft === "" && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  function onPaste(event: ClipboardEvent<HTMLInputElement>) {
    const text = event.clipboardData.getData("text");
    if (!/[,\n]/.test(text)) return;
    event.preventDefault();
    add(`${draft},${text}`);
  }

  return (
    <div
      className={cn(
        "flex min-h-9 flex-wrap items-center gap-1.5 rounded-md border border-neutral-300 bg-white px-2 py-1 shadow-xs",
        "focus-within:ring-2 focus-within:ring-blue-600",
        invalid && "border-red-500",
      )}
    >
      {value.length > 0 && (
        <ul className="contents" aria-label="Chosen events">
          {value.map((name) => (
            <li key={name} className="inline-flex items-center gap-1 rounded bg-neutral-100 py-0.5 pr-1 pl-2 font-mono text-xs text-neutral-800">
              {name}
              <button
                type="button"
                onClick={() => onChange(value.filter((item) => item !== name))}
                aria-label={`Remove ${name}`}
                className="rounded p-0.5 text-neutral-500 hover:bg-neutral-200 focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:outline-none"
              >
                <X className="h-3 w-3" aria-hidden />
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        ref={ref}
        id={id}
        type="text"
        value={draft}
        placeholder={value.length === 0 ? placeholder : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        onBlur={() => {
          // Leaving the field keeps what was typed instead of silently dropping it.
          if (draft.trim()) add(draft);
          onBlur?.();
        }}
        className="h-7 min-w-32 flex-1 border-0 bg-transparent px-1 text-sm outline-none placeholder:text-neutral-400"
      />
    </div>
  );
}
