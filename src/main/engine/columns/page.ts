// A page of a filter in timeline order: the offset-th to (offset + limit)-th kept rows along the time
// order (`ORDER BY t, id`, or read backwards for `t DESC, id DESC`).
import type { EventColumns } from './event-columns';

/** Event ids of the page. */
export function pageIds(cols: EventColumns, mask: Uint8Array, desc: boolean, offset: number, limit: number, order: Uint32Array = cols.order): number[] {
  const ids = cols.ids.data;
  const out: number[] = [];
  let skip = offset;
  const n = order.length;
  for (let j = 0; j < n && out.length < limit; j++) {
    const row = order[desc ? n - 1 - j : j];
    if (!mask[row]) continue;
    if (skip > 0) skip--;
    else out.push(ids[row]);
  }
  return out;
}
