// The timeline's filter state and the EventQuery it means.
import type { Condition, EventQuery } from '../../../shared/query';
import { COLUMNS, type ColumnId } from './columns';

export interface TimelineFilters {
  text: string;
  from: string;
  to: string;
  columns: Partial<Record<ColumnId, string>>;
  order: 'asc' | 'desc';
}

export const EMPTY_FILTERS: TimelineFilters = { text: '', from: '', to: '', columns: {}, order: 'asc' };

export function toQuery(f: TimelineFilters): EventQuery {
  const where: Condition[] = [];
  for (const col of COLUMNS) {
    const value = f.columns[col.id]?.trim();
    if (!value || !col.field) continue;
    where.push({ field: col.field, op: col.filter === 'select' ? 'eq' : 'contains', value });
  }
  const q: EventQuery = { order: f.order };
  if (where.length) q.where = where;
  if (f.text.trim()) q.text = f.text.trim();
  if (f.from.trim()) q.from = f.from.trim();
  if (f.to.trim()) q.to = f.to.trim();
  return q;
}

export function isFiltered(f: TimelineFilters): boolean {
  return !!(f.text.trim() || f.from.trim() || f.to.trim() || Object.values(f.columns).some((v) => v?.trim()));
}
