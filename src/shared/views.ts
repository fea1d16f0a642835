// Saved views: a named timeline state (every filter, the visible columns and the order), stored in
// the case and reopened from the views panel or by URL (#view=<name>).
import { QUERY_FIELDS, SORT_FIELDS, type Condition, type SortField } from './query';

export interface ViewFilters {
  text: string;
  search: string;
  from: string;
  to: string;
  /** Header filters by column id. */
  columns: Record<string, string>;
  chips: Condition[];
  tag: string;
  bookmarked: boolean;
  noted: boolean;
  /** A detection rule's findings (EventQuery.finding) and the rule's title for its chip; absent for none. */
  finding?: string;
  findingTitle?: string;
  order: 'asc' | 'desc';
  /** Sort field besides time (query.ts SORT_FIELDS); absent: by time. */
  sort?: SortField;
}

export interface ViewState {
  filters: ViewFilters;
  /** Timeline column ids not shown (of the default columns; kept for views saved before `columns`). */
  hiddenColumns: string[];
  /** The grid's columns in order, with widths the user set; absent in older views. */
  columns?: { id: string; width?: number }[];
}

export interface SavedView {
  name: string;
  state: ViewState;
  createdAt: string;
  updatedAt: string;
}

export const MAX_VIEW_NAME = 100;

/** Trims a view name and says what is wrong with it, naming the name. */
export function normaliseViewName(name: unknown): string {
  const n = typeof name === 'string' ? name.trim() : '';
  if (!n) throw new Error('a view needs a name');
  if (n.length > MAX_VIEW_NAME) throw new Error(`view name "${n.slice(0, 20)}…" is longer than ${MAX_VIEW_NAME} characters`);
  if (/[\u0000-\u001f]/.test(n)) throw new Error(`view name "${n}" contains control characters`);
  return n;
}

const str = (v: unknown, what: string): string => {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new Error(`view ${what} must be text`);
  return v;
};

/** Checks a view state from a client (or an old case) and keeps only the known fields. */
export function normaliseViewState(s: unknown): ViewState {
  const raw = (s ?? {}) as { filters?: Partial<Record<keyof ViewFilters, unknown>>; hiddenColumns?: unknown; columns?: unknown };
  const f = raw.filters ?? {};
  const columns: Record<string, string> = {};
  if (f.columns != null) {
    if (typeof f.columns !== 'object') throw new Error('view columns must be an object of column filters');
    for (const [k, v] of Object.entries(f.columns as Record<string, unknown>)) if (str(v, `column filter ${k}`)) columns[k] = v as string;
  }
  const chips: Condition[] = [];
  for (const c of Array.isArray(f.chips) ? (f.chips as Partial<Condition>[]) : []) {
    if (!QUERY_FIELDS.includes(c.field as never)) throw new Error(`view chip on unknown field "${String(c.field)}"`);
    if (c.op !== 'eq' && c.op !== 'contains') throw new Error(`view chip with unknown operator "${String(c.op)}"`);
    chips.push({ field: c.field!, op: c.op, value: str(c.value, 'chip value') });
  }
  if (f.sort != null && !SORT_FIELDS.includes(f.sort as SortField)) throw new Error(`view sorted by unknown field "${String(f.sort)}"`);
  const layout: { id: string; width?: number }[] = [];
  if (raw.columns != null) {
    if (!Array.isArray(raw.columns)) throw new Error('view columns must be a list of {id, width}');
    for (const c of raw.columns as { id?: unknown; width?: unknown }[]) {
      const id = str(c?.id, 'column id');
      const width = c?.width;
      if (width != null && (typeof width !== 'number' || !Number.isFinite(width) || width <= 0))
        throw new Error(`view column ${id} has a width that is not a positive number`);
      if (id && !layout.some((x) => x.id === id)) layout.push(width != null ? { id, width: Math.round(width) } : { id });
    }
  }
  const hidden = Array.isArray(raw.hiddenColumns) ? raw.hiddenColumns.map((c) => str(c, 'column id')).filter(Boolean) : [];
  return {
    filters: {
      text: str(f.text, 'text'),
      search: str(f.search, 'search'),
      from: str(f.from, 'from'),
      to: str(f.to, 'to'),
      columns,
      chips,
      tag: str(f.tag, 'tag'),
      bookmarked: f.bookmarked === true,
      noted: f.noted === true,
      ...(str(f.finding, 'finding') ? { finding: f.finding as string, findingTitle: str(f.findingTitle, 'finding title') } : {}),
      order: f.order === 'desc' ? 'desc' : 'asc',
      ...(f.sort != null ? { sort: f.sort as SortField } : {}),
    },
    hiddenColumns: [...new Set(hidden)],
    ...(layout.length ? { columns: layout } : {}),
  };
}
