// Which columns the grid shows, in which order and at which width: kept in saved views. Views saved
// before this had only `hiddenColumns`; they open with the default columns minus those.
import type { ViewState } from '../../../shared/views';
import { COLUMNS, COLUMN_IDS, columnOf, isRaw, type ColumnId } from './columns';

export interface LayoutColumn {
  id: ColumnId;
  /** Pixels, once the user resized it; otherwise the column's own track. */
  width?: number;
}
export type GridLayout = LayoutColumn[];

export const MIN_WIDTH = 48;
export const MAX_WIDTH = 1200;

export const DEFAULT_LAYOUT: GridLayout = COLUMNS.filter((c) => c.byDefault).map((c) => ({ id: c.id }));

const known = (id: string): id is ColumnId => (COLUMN_IDS as readonly string[]).includes(id) || (isRaw(id) && id.length > 4);

export function layoutOfView(s: Pick<ViewState, 'hiddenColumns' | 'columns'>): GridLayout {
  if (s.columns?.length) return s.columns.filter((c) => known(c.id)).map((c) => ({ id: c.id as ColumnId, ...(c.width ? { width: c.width } : {}) }));
  return DEFAULT_LAYOUT.filter((c) => !s.hiddenColumns.includes(c.id));
}

/** Default columns not shown: what old clients of views read. */
export const hiddenOf = (l: GridLayout): ColumnId[] => DEFAULT_LAYOUT.map((c) => c.id).filter((id) => !l.some((c) => c.id === id));

export function toggled(l: GridLayout, id: ColumnId, shown: boolean): GridLayout {
  if (!shown) return l.length > 1 ? l.filter((c) => c.id !== id) : l;
  return l.some((c) => c.id === id) ? l : [...l, { id }];
}

/** The layout with a column moved by `by` places (clamped). */
export function moved(l: GridLayout, id: ColumnId, by: number): GridLayout {
  const from = l.findIndex((c) => c.id === id);
  if (from < 0) return l;
  const to = Math.max(0, Math.min(l.length - 1, from + by));
  const next = [...l];
  const [c] = next.splice(from, 1);
  next.splice(to, 0, c);
  return next;
}

export function resized(l: GridLayout, id: ColumnId, width: number): GridLayout {
  const w = Math.round(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width)));
  return l.map((c) => (c.id === id ? { ...c, width: w } : c));
}

export const gridTemplate = (l: GridLayout): string => l.map((c) => (c.width ? `${c.width}px` : columnOf(c.id).track)).join(' ');

/** The layout with exactly these default columns hidden (the views panel's checkboxes). */
export function withHidden(l: GridLayout, hidden: readonly ColumnId[]): GridLayout {
  let next = l;
  for (const { id } of DEFAULT_LAYOUT) next = toggled(next, id, !hidden.includes(id));
  return next;
}
