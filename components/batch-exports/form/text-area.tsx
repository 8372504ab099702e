import type { Ref, TextareaHTMLAttributes } from "react";
import { cn } from "@/lib/utils";

/** Multi-line input for keys and connection strings, styled like `Input`. */
export function TextArea({ className, ref, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { ref?: Ref<HTMLTextAreaElement> }) {
  return (
    <textarea
      ref={ref}
      rows={4}
      className={cn(
        "w-full rounded-md border border-neutral-300 bg-white px-3 py-2 font-mono text-xs shadow-xs placeholder:font-sans placeholder:text-neutral-400",
        "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 aria-[invalid=true]:border-red-500",
        "disabled:cursor-not-allowed disabled:bg-neutral-100",
        className,
      )}
      {...props}
    />
  );
}
