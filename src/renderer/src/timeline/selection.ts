// The grid's multi-selection: row indexes of the current result, kept as a set. The cursor (the
// highlighted row, which the event panel follows) is separate; with nothing marked, the selection is
// the cursor's row. Ranges are capped so Shift+End on a million rows stays a small set.
export const MAX_SELECTION = 10_000;

export interface Selection {
  marked: ReadonlySet<number>;
  /** Where a Shift range starts. */
  anchor: number | null;
}

export const NO_SELECTION: Selection = { marked: new Set(), anchor: null };

function range(a: number, b: number): Set<number> {
  const lo = Math.min(a, b);
  const hi = Math.min(Math.max(a, b), lo + MAX_SELECTION - 1);
  const s = new Set<number>();
  for (let i = lo; i <= hi; i++) s.add(i);
  return s;
}

/** Shift+click or Shift+arrow: from the anchor (or the cursor) to `to`. */
export function extendTo(sel: Selection, cursor: number | null, to: number): Selection {
  const anchor = sel.anchor ?? cursor ?? to;
  return { marked: range(anchor, to), anchor };
}

/** Ctrl+click or Space: the row in or out; the cursor's row joins when marking starts. */
export function toggle(sel: Selection, cursor: number | null, at: number): Selection {
  const marked = new Set(sel.marked);
  if (!marked.size && cursor !== null && cursor !== at) marked.add(cursor);
  if (marked.has(at)) marked.delete(at);
  else if (marked.size < MAX_SELECTION) marked.add(at);
  return { marked, anchor: at };
}

/** The rows an action applies to, in grid order. */
export function selectedIndexes(sel: Selection, cursor: number | null): number[] {
  if (sel.marked.size) return [...sel.marked].sort((a, b) => a - b);
  return cursor === null ? [] : [cursor];
}
