"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A text field's value that commits `delayMs` after the last keystroke (so each search reaches PostHog
 * once, not per letter), and follows `committed` when it changes from elsewhere (back button, a link).
 */
export function useDebouncedInput(committed: string, commit: (value: string) => void, delayMs = 300) {
  const [value, setValue] = useState(committed);
  const [previous, setPrevious] = useState(committed);
  const [sent, setSent] = useState(committed);
  const commitRef = useRef(commit);
  useEffect(() => {
    commitRef.current = commit;
  }, [commit]);

  // The committed value moved. If it is not our own commit landing, the URL changed under us: show it.
  if (committed !== previous) {
    setPrevious(committed);
    if (committed !== sent) {
      setSent(committed);
      setValue(committed);
    }
  }

  useEffect(() => {
    if (value === sent) return;
    const timer = setTimeout(() => {
      setSent(value);
      commitRef.current(value);
    }, delayMs);
    return () => clearTimeout(timer);
  }, [value, sent, delayMs]);

  return [value, setValue] as const;
}
