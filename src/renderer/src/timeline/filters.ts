// The timeline's filter state and the EventQuery it means.
import type { Condition, EventQuery, SortField } from '../../../shared/query';
import { sameCondition } from '../../../shared/query';
import { COLUMNS, type ModelColumnId } from './columns';
import { zonedBound, type DisplayZone } from '../../../shared/display-zone';
import { boundMs } from '../../../shared/time-bound';

export interface TimelineFilters {
  /** The filter box: the query language (shared/ql.ts); bare words search the model fields. */
  text: string;
  /** Full-text search over the raw records (EventQuery.search). */
  search: string;
  from: string;
  to: string;
  columns: Partial<Record<ModelColumnId, string>>;
  /** Exact field = value filters added from cells and facets, shown as chips. */
  chips: Condition[];
  /** Annotation filters, shown as chips too. */
  tag: string;
  bookmarked: boolean;
  noted: boolean;
  /** A detection rule's id (EventQuery.finding) and its title for the chip; '' for none. */
  finding: string;
  findingTitle: string;
  order: 'asc' | 'desc';
  /** Sort by this model field (then time); absent: by time. */
  sort?: SortField;
}

export const EMPTY_FILTERS: TimelineFilters = {
  text: '',
  search: '',
  from: '',
  to: '',
  columns: {},
  chips: [],
  tag: '',
  bookmarked: false,
  noted: false,
  finding: '',
  findingTitle: '',
  order: 'asc',
};

/** Whether the filters select by bookmarks, tags or notes (their results move when annotations change). */
export const usesAnnotations = (f: TimelineFilters): boolean => Boolean(f.tag || f.bookmarked || f.noted);

/** A typed from/to as the query carries it, or null when empty or not (yet) a date or time. */
export function usableBound(text: string, zone: DisplayZone): string | null {
  if (!text.trim()) return null;
  const bound = zonedBound(text, zone);
  return boundMs(bound) === null ? null : bound;
}

/** The query the filters mean; from/to typed without a zone are read in the display zone. */
export function toQuery(f: TimelineFilters, zone: DisplayZone = 'UTC'): EventQuery {
  const where: Condition[] = [];
  for (const col of COLUMNS) {
    const value = f.columns[col.id as ModelColumnId]?.trim();
    if (!value || !col.field) continue;
    where.push({ field: col.field, op: col.filter === 'select' ? 'eq' : 'contains', value });
  }
  for (const c of f.chips) if (!where.some((w) => sameCondition(w, c))) where.push(c);
  const q: EventQuery = { order: f.order, ...(f.sort ? { sort: f.sort } : {}) };
  if (where.length) q.where = where;
  if (f.text.trim()) q.q = f.text.trim();
  if (f.search.trim()) q.search = f.search.trim();
  // A bound being typed ("2026-0") is left out until it is a time, instead of failing the whole view.
  const from = usableBound(f.from, zone);
  const to = usableBound(f.to, zone);
  if (from) q.from = from;
  if (to) q.to = to;
  if (f.tag) q.tag = f.tag;
  if (f.bookmarked) q.bookmarked = true;
  if (f.noted) q.noted = true;
  if (f.finding) q.finding = f.finding;
  return q;
}

export function isFiltered(f: TimelineFilters): boolean {
  return !!(
    usesAnnotations(f) ||
    f.finding ||
    f.text.trim() ||
    f.search.trim() ||
    f.from.trim() ||
    f.to.trim() ||
    f.chips.length ||
    Object.values(f.columns).some((v) => v?.trim())
  );
}

/** What a query selects, for comparing: bounds as instants, so the same range in another zone is equal. */
export function queryMeaning(q: EventQuery): string {
  return JSON.stringify({ ...q, from: q.from && boundMs(q.from), to: q.to && boundMs(q.to) });
}
