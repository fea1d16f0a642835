import type { EventRow } from '../../../shared/event';
import type { QueryField, SortField } from '../../../shared/query';

/** Every model column the grid can show; the first seven are shown by default. */
export const COLUMN_IDS = ['time', 'vendor', 'actor', 'action', 'target', 'outcome', 'requestId', 'eventId', 'ip', 'userAgent', 'actorType'] as const;
export type ModelColumnId = (typeof COLUMN_IDS)[number];
/** A model column, or a path of the raw record ("add field as column"), e.g. raw:userIdentity.arn. */
export type ColumnId = ModelColumnId | `raw:${string}`;

export const isRaw = (id: string): id is `raw:${string}` => id.startsWith('raw:');
export const rawPath = (id: `raw:${string}`): string => id.slice(4);

export interface Column {
  id: ColumnId;
  label: string;
  /** CSS grid track: fixed for machine-shaped values, flexible for free text. */
  track: string;
  /** The query field its header filter sets; time is filtered by from/to instead. */
  field?: QueryField;
  filter: 'text' | 'select' | 'none';
  /** The field the engine sorts by when the header is clicked (time: the default order). */
  sort?: SortField | 'time';
  /** Shown on a fresh timeline and in views saved before columns could be added. */
  byDefault: boolean;
}

export const COLUMNS: Column[] = [
  { id: 'time', label: 'Time (UTC)', track: 'var(--time-track, 200px)', filter: 'none', sort: 'time', byDefault: true },
  { id: 'vendor', label: 'Vendor / source', track: 'minmax(120px, 1.2fr)', field: 'vendor', filter: 'select', byDefault: true },
  { id: 'actor', label: 'Actor', track: 'minmax(100px, 1.2fr)', field: 'actor', filter: 'text', sort: 'actor', byDefault: true },
  { id: 'action', label: 'Action', track: 'minmax(110px, 1.4fr)', field: 'action', filter: 'text', sort: 'action', byDefault: true },
  { id: 'target', label: 'Target', track: 'minmax(110px, 1.4fr)', field: 'targetId', filter: 'text', sort: 'targetId', byDefault: true },
  { id: 'outcome', label: 'Outcome', track: '96px', field: 'outcome', filter: 'select', byDefault: true },
  { id: 'requestId', label: 'Request ID', track: 'minmax(90px, 1fr)', field: 'requestId', filter: 'text', sort: 'requestId', byDefault: true },
  { id: 'eventId', label: 'Event ID', track: 'minmax(110px, 1fr)', field: 'eventId', filter: 'text', sort: 'eventId', byDefault: false },
  { id: 'ip', label: 'IP', track: 'minmax(100px, 0.8fr)', field: 'ip', filter: 'text', sort: 'ip', byDefault: false },
  // The engine cannot filter or sort user agents yet (see query-sql.ts).
  { id: 'userAgent', label: 'User agent', track: 'minmax(140px, 1.4fr)', filter: 'none', byDefault: false },
  { id: 'actorType', label: 'Actor type', track: '90px', field: 'actorType', filter: 'text', byDefault: false },
];

export const columnOf = (id: ColumnId): Column =>
  isRaw(id) ? { id, label: rawPath(id), track: 'minmax(120px, 1fr)', filter: 'none', byDefault: false } : COLUMNS.find((c) => c.id === id)!;

/** The value a cell shows, as text: what copy and the TSV of a selection carry. */
export function cellText(r: EventRow, id: ColumnId, raw?: RawValues): string {
  if (isRaw(id)) return raw?.[rawPath(id)] ?? '';
  switch (id) {
    case 'time':
      return r.time ?? r.timeOriginal ?? '';
    case 'vendor':
      return `${r.vendor} ${r.source}`;
    case 'target':
      return targetText(r);
    default:
      return r[id] ?? '';
  }
}

/** Values of raw-record paths of one event, by path (null: the record has no such path). */
export type RawValues = Record<string, string | null>;

export function targetText(r: EventRow): string {
  if (r.targetType && r.targetId) return `${r.targetType}:${r.targetId}`;
  return r.targetId ?? r.targetType ?? '';
}
