"use client";

import type { ReactNode } from "react";

/**
 * A labelled on/off setting. When it is disabled, the reason (shown once above the settings) is also
 * read out with the control itself.
 */
export function ToggleRow({
  id,
  label,
  description,
  checked,
  disabled,
  disabledReason,
  onChange,
}: {
  id: string;
  label: string;
  description?: ReactNode;
  checked: boolean;
  disabled?: boolean;
  disabledReason?: string;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="flex items-start justify-between gap-6 py-3">
      <div>
        <label htmlFor={id} className="text-sm font-medium text-neutral-900">
          {label}
        </label>
        {description && <p className="text-xs text-neutral-500">{description}</p>}
        {disabled && disabledReason && (
          <span id={`${id}-reason`} className="sr-only">
            {disabledReason}
          </span>
        )}
      </div>
      <input
        id={id}
        type="checkbox"
        role="switch"
        aria-checked={checked}
        aria-describedby={disabled && disabledReason ? `${id}-reason` : undefined}
        className="peer mt-1 h-5 w-9 cursor-pointer appearance-none rounded-full bg-neutral-300 transition-colors before:block before:h-4 before:w-4 before:translate-x-0.5 before:translate-y-0.5 before:rounded-full before:bg-white before:transition-transform checked:bg-blue-600 checked:before:translate-x-4 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
      />
    </div>
  );
}
