import type { Db } from "../store/open-database";
import { cursorUrl, decodeCursor, invalidCursorError, InvalidCursor, type CursorPosition } from "./pagination";
import type { RequestContext } from "./request-context";

export interface KeysetQuery {
  /** `FROM ... WHERE ...` without ORDER/LIMIT; `args` fill its placeholders. */
  from: string;
  args: unknown[];
  /** Sort column (must never be null in the rows selected) and its direction. */
  column: string;
  descending: boolean;
  pageSize: number;
}

/**
 * DRF-style cursor pagination (no `count`), keyed on (column, id) so ties never skip or repeat rows.
 * `next` continues in the sort order; `previous` walks back from the first row of the page.
 */
export function keysetPage<Row extends { id: string }>(
  db: Db,
  ctx: RequestContext,
  q: KeysetQuery,
  value: (row: Row) => number,
): { next: string | null; previous: string | null; rows: Row[] } {
  let position: CursorPosition | null;
  try {
    position = decodeCursor(ctx.query.get("cursor"));
  } catch (error) {
    if (error instanceof InvalidCursor) throw invalidCursorError();
    throw error;
  }
  const reverse = position?.reverse ?? false;
  // Walking backwards flips the direction; the page is flipped back afterwards.
  const descending = reverse ? !q.descending : q.descending;
  const op = descending ? "<" : ">";
  const dir = descending ? "DESC" : "ASC";
  const where = position ? ` AND (${q.column} ${op} ? OR (${q.column} = ? AND id ${op} ?))` : "";
  const args = position ? [...q.args, position.value, position.value, position.id] : q.args;
  const fetched = db
    .prepare(`SELECT * ${q.from}${where} ORDER BY ${q.column} ${dir}, id ${dir} LIMIT ?`)
    .all(...args, q.pageSize + 1) as Row[];
  const hasMore = fetched.length > q.pageSize;
  const rows = fetched.slice(0, q.pageSize);
  if (reverse) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  const moreForward = reverse ? position !== null : hasMore;
  const moreBackward = reverse ? hasMore : position !== null;
  return {
    rows,
    next: moreForward && last ? cursorUrl(ctx, { value: value(last), id: last.id, reverse: false }) : null,
    previous: moreBackward && first ? cursorUrl(ctx, { value: value(first), id: first.id, reverse: true }) : null,
  };
}
