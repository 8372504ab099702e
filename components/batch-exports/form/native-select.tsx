import type { Ref, SelectHTMLAttributes } from "react";
import { cn } from "@/lib/utils";

/** A styled native `<select>`: keyboard and screen-reader behaviour come from the browser. */
export function NativeSelect({ className, ref, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { ref?: Ref<HTMLSelectElement> }) {
  return (
    <select
      ref={ref}
      className={cn(
        "h-9 w-full rounded-md border border-neutral-300 bg-white px-2 text-sm shadow-xs",
        "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 aria-[invalid=true]:border-red-500",
        "disabled:cursor-not-allowed disabled:bg-neutral-100",
        className,
      )}
      {...props}
    />
  );
}
