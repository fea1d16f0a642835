// The time histogram of a selection, bucket for bucket what investigate/histogram.ts answers: the same
// widths, and rows put in buckets the way its SQL does (a filter groups by `t / size`, SQLite's integer
// division, which truncates toward zero; the whole case counts ranges of the time index).
import type { Histogram } from '../../../shared/investigate';
import { fmtMs } from '../../../shared/duration';
import { NO_TIME } from '../store/schema';
import { STEPS } from '../investigate/histogram';
import type { EventColumns } from './event-columns';

const SEC = 1000;
const iso = (t: number) => new Date(t).toISOString();
const monthOf = (t: number) => new Date(t).getUTCFullYear() * 12 + new Date(t).getUTCMonth();
const monthStart = (m: number) => Date.UTC(Math.floor(m / 12), m % 12, 1);

/** whole: the query has no filter (the SQL path then counts by ranges, not by grouping). */
export function histogramOf(cols: EventColumns, rows: Uint32Array, maxBuckets: number, whole: boolean): Histogram {
  const t = cols.t.data;
  // In a local: read in every row's test (an imported binding may be a getter call each time).
  const none = NO_TIME;
  let lo = Infinity;
  let hi = -Infinity;
  let untimed = 0;
  for (let k = 0; k < rows.length; k++) {
    const x = t[rows[k]];
    if (x >= none) untimed++;
    else {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  if (lo === Infinity) return { unit: 'ms', size: SEC, label: '1 s', buckets: [], untimed };
  const size = STEPS.find((s) => Math.floor(hi / s) - Math.floor(lo / s) + 1 <= maxBuckets);
  if (size !== undefined) {
    const b0 = Math.floor(lo / size);
    const n = Math.floor(hi / size) + 1 - b0;
    const counts = new Float64Array(n);
    for (let k = 0; k < rows.length; k++) {
      const x = t[rows[k]];
      if (x >= none) continue;
      // Truncation and floor agree for a whole non-negative time, nearly every one.
      const b = whole || (x >= 0 && x === Math.floor(x)) ? Math.floor(x / size) : sqlDiv(x, size);
      if (b - b0 >= 0 && b - b0 < n) counts[b - b0]++;
    }
    const buckets = Array.from(counts, (count, i) => ({ start: iso((b0 + i) * size), end: iso((b0 + i + 1) * size), count }));
    return { unit: 'ms', size, label: fmtMs(size).replace('7 d', '1 week').replace('14 d', '2 weeks'), buckets, untimed };
  }
  const m0 = monthOf(lo);
  const m1 = monthOf(hi);
  const per = [1, 2, 3, 6, 12, 24, 60, 120].find((p) => Math.floor(m1 / p) - Math.floor(m0 / p) + 1 <= maxBuckets) ?? 1200;
  const g0 = Math.floor(m0 / per);
  const starts: number[] = [];
  for (let g = g0; g <= Math.floor(m1 / per) + 1; g++) starts.push(monthStart(g * per));
  const counts = new Float64Array(starts.length - 1);
  for (let k = 0; k < rows.length; k++) {
    const x = t[rows[k]];
    if (x >= none) continue;
    // strftime of `t / 1000` (truncated) and of t agree except before 1970, where they are worked out apart.
    const i = whole || x >= 0 ? lastAtOrBefore(starts, x) : Math.floor(monthOf(sqlDiv(x, 1000) * 1000) / per) - g0;
    if (i >= 0 && i < counts.length) counts[i]++;
  }
  const buckets = Array.from(counts, (count, i) => ({ start: iso(starts[i]), end: iso(starts[i + 1]), count }));
  return { unit: 'month', size: per, label: per === 1 ? '1 month' : `${per} months`, buckets, untimed };
}

/** SQLite's `a / b` for integers: truncated toward zero (a real t divides exactly, as SQLite's does). */
function sqlDiv(a: number, b: number): number {
  return Number.isInteger(a) ? Math.trunc(a / b) : a / b;
}

/** The index of the last start <= x (-1 when x is before the first). */
function lastAtOrBefore(starts: number[], x: number): number {
  let lo = -1;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
