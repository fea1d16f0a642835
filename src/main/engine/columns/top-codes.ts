// A facet's top values straight from its per-code counts: the few best codes are picked by count, and
// only ties are told apart by value (by the dictionary's bytes while they are ASCII, decoded past that),
// so a column of 100,000s of values costs no string and no map entry per value, only per value shown.
import type { DictColumn } from './dictionary';

/**
 * The `limit` codes of highest count (zero counts left out), best first: count descending, then NULL
 * (code 0), then by value, `less` deciding between decoded values. As [value, count] pairs.
 */
export function topCodes(dict: DictColumn, per: Uint32Array, limit: number, less: (a: string, b: string) => boolean): [string | null, number][] {
  const valueBefore = (a: number, b: number): boolean => {
    const r = dict.compareAscii(a, b);
    return Number.isNaN(r) ? less(dict.value(a)!, dict.value(b)!) : r < 0;
  };
  const before = (a: number, b: number): boolean => (per[a] !== per[b] ? per[a] > per[b] : a === 0 ? b !== 0 : b !== 0 && valueBefore(a, b));
  const top: number[] = [];
  if (limit < 1) return [];
  for (let c = 0; c < per.length; c++) {
    const n = per[c];
    if (n === 0) continue;
    if (top.length === limit) {
      const last = per[top[limit - 1]];
      // Most codes lose on their count alone.
      if (n < last || !before(c, top[limit - 1])) continue;
    }
    let i = Math.min(top.length, limit - 1);
    while (i > 0 && before(c, top[i - 1])) i--;
    top.splice(i, 0, c);
    if (top.length > limit) top.pop();
  }
  return top.map((c) => [dict.value(c), per[c]]);
}
