// The timeline's filter state and the EventQuery it means.
import type { Condition, EventQuery } from '../../../shared/query';
import { sameCondition } from '../../../shared/query';
import { COLUMNS, type ColumnId } from './columns';
import { zonedBound, type DisplayZone } from '../../../shared/display-zone';

export interface TimelineFilters {
  text: string;
  /** Full-text search over the raw records (EventQuery.search). */
  search: string;
  from: string;
  to: string;
  columns: Partial<Record<ColumnId, string>>;
  /** Exact field = value filters added from cells and facets, shown as chips. */
  chips: Condition[];
  /** Annotation filters, shown as chips too. */
  tag: string;
  bookmarked: boolean;
  noted: boolean;
  order: 'asc' | 'desc';
}

export const EMPTY_FILTERS: TimelineFilters = {
  text: '', search: '', from: '', to: '', columns: {}, chips: [], tag: '', bookmarked: false, noted: false, order: 'asc',
};

/** Whether the filters select by bookmarks, tags or notes (their results move when annotations change). */
export const usesAnnotations = (f: TimelineFilters): boolean => Boolean(f.tag || f.bookmarked || f.noted);

/** The query the filters mean; from/to typed without a zone are read in the display zone. */
export function toQuery(f: TimelineFilters, zone: DisplayZone = 'UTC'): EventQuery {
  const where: Condition[] = [];
  for (const col of COLUMNS) {
    const value = f.columns[col.id]?.trim();
    if (!value || !col.field) continue;
    where.push({ field: col.field, op: col.filter === 'select' ? 'eq' : 'contains', value });
  }
  for (const c of f.chips) if (!where.some((w) => sameCondition(w, c))) where.push(c);
  const q: EventQuery = { order: f.order };
  if (where.length) q.where = where;
  if (f.text.trim()) q.text = f.text.trim();
  if (f.search.trim()) q.search = f.search.trim();
  if (f.from.trim()) q.from = zonedBound(f.from, zone);
  if (f.to.trim()) q.to = zonedBound(f.to, zone);
  if (f.tag) q.tag = f.tag;
  if (f.bookmarked) q.bookmarked = true;
  if (f.noted) q.noted = true;
  return q;
}

export function isFiltered(f: TimelineFilters): boolean {
  return !!(usesAnnotations(f) || f.text.trim() || f.search.trim() || f.from.trim() || f.to.trim() || f.chips.length || Object.values(f.columns).some((v) => v?.trim()));
}
