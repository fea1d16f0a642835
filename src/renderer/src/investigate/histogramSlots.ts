// What the histogram draws: one slot per bucket, except that a run of empty buckets lasting a year or
// more becomes one narrow "gap" slot, so data from a few years spread over a decade is not squeezed
// into slivers at both ends of a blank axis.
import type { Histogram } from '../../../shared/investigate';

export type Slot = { kind: 'bar'; first: number; last: number } | { kind: 'gap'; first: number; last: number };

const YEAR_MS = 365 * 24 * 3600 * 1000;

export function histogramSlots(buckets: Histogram['buckets']): Slot[] {
  const slots: Slot[] = [];
  let i = 0;
  while (i < buckets.length) {
    if (buckets[i].count > 0) {
      slots.push({ kind: 'bar', first: i, last: i++ });
      continue;
    }
    let j = i;
    while (j + 1 < buckets.length && buckets[j + 1].count === 0) j++;
    const span = Date.parse(buckets[j].end) - Date.parse(buckets[i].start);
    if (span >= YEAR_MS) slots.push({ kind: 'gap', first: i, last: j });
    else for (let k = i; k <= j; k++) slots.push({ kind: 'bar', first: k, last: k });
    i = j + 1;
  }
  return slots;
}

/** Bar height in viewBox units: linear, or log(1+n) so a few events still show beside millions. */
export function barHeight(count: number, max: number, log: boolean, height: number): number {
  if (!count) return 0;
  const share = log ? Math.log1p(count) / Math.log1p(max) : count / max;
  return Math.max(1.5, share * height);
}
