const PREVIEW_CHARS = 60;

/**
 * A run's error: the first line, cut short so the table stays readable, and the whole text (often
 * a stack trace or a destination's message) behind a disclosure, selectable for copying.
 */
export function RunError({ error }: { error: string | null }) {
  if (!error) return <span className="text-neutral-400">—</span>;
  const firstLine = error.split("\n", 1)[0]!;
  const cut = firstLine.length > PREVIEW_CHARS ? `${firstLine.slice(0, PREVIEW_CHARS)}…` : firstLine;
  if (cut === error) return <span className="block max-w-52 wrap-anywhere text-xs text-red-700">{error}</span>;
  return (
    <div className="max-w-52 wrap-anywhere">
      <span className="text-xs text-red-700">{cut}</span>
      <details className="mt-1">
        <summary className="cursor-pointer text-xs text-neutral-600 underline">Show full error</summary>
        <pre className="mt-1 max-h-60 overflow-auto rounded bg-neutral-50 p-2 text-xs whitespace-pre-wrap select-text">{error}</pre>
      </details>
    </div>
  );
}
