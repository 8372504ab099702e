/**
 * `aria-describedby` for a control inside `Field`: its error when there is one, else its hint, and
 * nothing when it has neither (an id that points nowhere is read as nothing at best, noise at worst).
 */
export function describedByIf(id: string, { error, hint }: { error?: string; hint?: unknown }): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}
