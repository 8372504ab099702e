"use client";

import { useEffect } from "react";

/** Asks the browser to confirm leaving (reload, close, typed URL) while the form holds unsaved changes. */
export function useUnsavedChangesGuard(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [active]);
}
