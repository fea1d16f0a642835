// Row positions in the timeline's order, the SQL path's `ORDER BY t, id` (events without a time carry
// NO_TIME, so they come last; descending is this order read backwards, as `t DESC, id DESC` is).

/** Positions [0, n) sorted by (t, id). Imports append in file order, mostly in time order: the sort is adaptive. */
export function timeOrder(t: Float64Array, ids: Float64Array, n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((a, b) => t[a] - t[b] || ids[a] - ids[b]);
}

/** The order after rows [from, n) were appended: theirs sorted, then merged with the old order. */
export function mergeAppended(old: Uint32Array, t: Float64Array, ids: Float64Array, from: number, n: number): Uint32Array {
  const added = new Uint32Array(n - from);
  for (let i = from; i < n; i++) added[i - from] = i;
  added.sort((a, b) => t[a] - t[b] || ids[a] - ids[b]);
  const out = new Uint32Array(n);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < old.length && j < added.length) {
    const a = old[i];
    const b = added[j];
    out[k++] = t[a] < t[b] || (t[a] === t[b] && ids[a] < ids[b]) ? old[i++] : added[j++];
  }
  while (i < old.length) out[k++] = old[i++];
  while (j < added.length) out[k++] = added[j++];
  return out;
}
