// Row positions sorted by a text column, then time and id: the SQL path's
// `ORDER BY col IS NULL, col, t, id`. A stable counting sort of the time order by each value's rank,
// so sorting a million rows costs two passes plus sorting the distinct values, not a comparison sort.
import type { SortField } from '../../../shared/query';
import type { EventColumns, TextColumn } from './event-columns';
import { TEXT_COLUMN_OF } from '../store/schema';

const COLUMN_OF: Record<SortField, TextColumn> = TEXT_COLUMN_OF;

/** Kept per column set and version: a sort is computed once, then every page reads it. */
const made = new WeakMap<EventColumns, { version: number; orders: Map<SortField, Uint32Array> }>();

export function sortOrder(cols: EventColumns, field: SortField): Uint32Array {
  let kept = made.get(cols);
  if (!kept || kept.version !== cols.version) {
    kept = { version: cols.version, orders: new Map() };
    made.set(cols, kept);
  }
  let order = kept.orders.get(field);
  if (!order) {
    order = byRank(cols, cols.text[COLUMN_OF[field]].ranks(), cols.text[COLUMN_OF[field]].codes.data);
    kept.orders.set(field, order);
  }
  return order;
}

function byRank(cols: EventColumns, rank: Uint32Array, codes: Uint32Array): Uint32Array {
  const time = cols.order;
  const starts = new Uint32Array(rank.length + 1);
  for (let j = 0; j < time.length; j++) starts[rank[codes[time[j]]] + 1]++;
  for (let r = 1; r < starts.length; r++) starts[r] += starts[r - 1];
  const out = new Uint32Array(time.length);
  for (let j = 0; j < time.length; j++) {
    const row = time[j];
    out[starts[rank[codes[row]]]++] = row;
  }
  return out;
}
