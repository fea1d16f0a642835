import type { EventRow } from '../../../shared/event';
import type { QueryField } from '../../../shared/query';

export type ColumnId = 'time' | 'vendor' | 'actor' | 'action' | 'target' | 'outcome' | 'requestId';

export interface Column {
  id: ColumnId;
  label: string;
  /** CSS grid track: fixed for machine-shaped values, flexible for free text. */
  track: string;
  /** The query field its header filter sets; time is filtered by from/to instead. */
  field?: QueryField;
  filter: 'text' | 'select' | 'none';
}

export const COLUMNS: Column[] = [
  { id: 'time', label: 'Time (UTC)', track: '262px', filter: 'none' },
  { id: 'vendor', label: 'Vendor / source', track: 'minmax(120px, 0.9fr)', field: 'vendor', filter: 'select' },
  { id: 'actor', label: 'Actor', track: 'minmax(120px, 1.2fr)', field: 'actor', filter: 'text' },
  { id: 'action', label: 'Action', track: 'minmax(140px, 1.4fr)', field: 'action', filter: 'text' },
  { id: 'target', label: 'Target', track: 'minmax(140px, 1.4fr)', field: 'targetId', filter: 'text' },
  { id: 'outcome', label: 'Outcome', track: '96px', field: 'outcome', filter: 'select' },
  { id: 'requestId', label: 'Request ID', track: 'minmax(110px, 1fr)', field: 'requestId', filter: 'text' },
];

export const GRID_TEMPLATE = COLUMNS.map((c) => c.track).join(' ');

/** The grid's tracks without the hidden columns (their cells are display: none, see views.css). */
export const gridTemplate = (hidden: readonly ColumnId[]): string =>
  hidden.length ? COLUMNS.filter((c) => !hidden.includes(c.id)).map((c) => c.track).join(' ') : GRID_TEMPLATE;

export function targetText(r: EventRow): string {
  if (r.targetType && r.targetId) return `${r.targetType}:${r.targetId}`;
  return r.targetId ?? r.targetType ?? '';
}
