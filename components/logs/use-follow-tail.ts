"use client";

import { useCallback, useState, type RefObject } from "react";

/** How close to the bottom (px) still counts as "at the bottom", for the user and the virtualizer alike. */
export const END_THRESHOLD_PX = 8;

/**
 * Follow mode: while the user is at the bottom the view follows new lines (the virtualizer scrolls);
 * once they scroll up it stays put, and this counts the lines that arrived since, for "N new lines".
 */
export function useFollowTail(viewport: RefObject<HTMLDivElement | null>, tailAdded: number) {
  const [following, setFollowing] = useState(true);
  const [tailWhenLeft, setTailWhenLeft] = useState(0);

  const onScroll = useCallback(() => {
    const element = viewport.current;
    if (!element) return;
    const atEnd = element.scrollHeight - element.scrollTop - element.clientHeight <= END_THRESHOLD_PX;
    if (atEnd === following) return;
    if (!atEnd) setTailWhenLeft(tailAdded);
    setFollowing(atEnd);
  }, [viewport, tailAdded, following]);

  return {
    onScroll,
    newLines: following ? 0 : Math.max(0, tailAdded - tailWhenLeft),
    /** Call after scrolling to the end on purpose, so the count clears before the scroll event lands. */
    resume: useCallback(() => setFollowing(true), []),
  };
}
