import type { InputHTMLAttributes, ReactNode, Ref } from "react";
import { FieldMessage } from "@/components/ui/field";

/** A checkbox with its label beside it and a hint below, tied together for screen readers. */
export function CheckboxField({
  id,
  label,
  hint,
  error,
  ref,
  ...props
}: Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "id"> & {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  ref?: Ref<HTMLInputElement>;
}) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="flex items-start gap-2">
      <input
        ref={ref}
        id={id}
        type="checkbox"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="mt-0.5 h-4 w-4 rounded border-neutral-300 focus-visible:ring-2 focus-visible:ring-blue-600 disabled:opacity-50"
        {...props}
      />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-neutral-800">
          {label}
        </label>
        <FieldMessage id={id} hint={hint} error={error} />
      </div>
    </div>
  );
}
