// The time histogram of the current filter: bucket widths from seconds to calendar months, chosen so the
// range fits in maxBuckets.
import type { EventQuery } from '../../../shared/query';
import type { Histogram } from '../../../shared/investigate';
import { fmtMs } from '../../../shared/duration';
import type { CaseStore } from '../store/case-store';

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Bucket widths from seconds to weeks; beyond them, calendar months (the column engine uses the same). */
export const STEPS = [1, 2, 5, 10, 15, 30]
  .map((n) => n * SEC)
  .concat([1, 2, 5, 10, 15, 30].map((n) => n * MIN))
  .concat([1, 2, 3, 6, 12].map((n) => n * HOUR))
  .concat([DAY, 2 * DAY, 7 * DAY, 14 * DAY]);

export function histogram(store: CaseStore, q: EventQuery, maxBuckets = 120): Histogram {
  return store.cached(`histogram:${maxBuckets}`, q, () => computeHistogram(store, q, maxBuckets));
}

interface Counter {
  /** Earliest and latest time and the number of events without one. */
  range(): { lo: number | null; hi: number; untimed: number };
  /**
   * Events of each bucket (bounds: the buckets' starts and the last one's end), keyed by bucket start;
   * `group` is the SQL expression of a row's bucket number and `start` turns it into the bucket's start.
   */
  count(bounds: number[], group: string, start: (n: number) => number): Map<number, number>;
}

function computeHistogram(store: CaseStore, q: EventQuery, maxBuckets: number): Histogram {
  const { sql, params } = store.where(q);
  const counter = sql ? filtered(store, sql, params) : whole(store);
  const { lo, hi, untimed } = counter.range();
  if (lo == null) return { unit: 'ms', size: SEC, label: '1 s', buckets: [], untimed };
  const size = STEPS.find((s) => Math.floor(hi / s) - Math.floor(lo / s) + 1 <= maxBuckets);
  if (size !== undefined) {
    const starts: number[] = [];
    for (let b = Math.floor(lo / size); b <= Math.floor(hi / size) + 1; b++) starts.push(b * size);
    const found = counter.count(starts, `t / ${size}`, (b) => b * size);
    const buckets = starts.slice(0, -1).map((start, i) => ({ start: iso(start), end: iso(starts[i + 1]), count: found.get(start) ?? 0 }));
    return { unit: 'ms', size, label: fmtMs(size).replace('7 d', '1 week').replace('14 d', '2 weeks'), buckets, untimed };
  }
  // Calendar months (UTC), grouped several to a bucket when the range is long.
  const months = (t: number) => new Date(t).getUTCFullYear() * 12 + new Date(t).getUTCMonth();
  const monthStart = (m: number) => Date.UTC(Math.floor(m / 12), m % 12, 1);
  const m0 = months(lo);
  const m1 = months(hi);
  const per = [1, 2, 3, 6, 12, 24, 60, 120].find((n) => Math.floor(m1 / n) - Math.floor(m0 / n) + 1 <= maxBuckets) ?? 1200;
  const starts: number[] = [];
  for (let b = Math.floor(m0 / per); b <= Math.floor(m1 / per) + 1; b++) starts.push(monthStart(b * per));
  const month = "CAST(strftime('%Y', t / 1000, 'unixepoch') AS INTEGER) * 12 + CAST(strftime('%m', t / 1000, 'unixepoch') AS INTEGER) - 1";
  const found = counter.count(starts, month, (m) => monthStart(Math.floor(m / per) * per));
  const buckets = starts.slice(0, -1).map((start, i) => ({ start: iso(start), end: iso(starts[i + 1]), count: found.get(start) ?? 0 }));
  return { unit: 'month', size: per, label: per === 1 ? '1 month' : `${per} months`, buckets, untimed };
}

const iso = (t: number) => new Date(t).toISOString();

/** A filter: one GROUP BY pass over its rows. */
function filtered(store: CaseStore, sql: string, params: (string | number | null)[]): Counter {
  return {
    range: () => store.timeRange(sql, params),
    count(_bounds, group, start) {
      const found = new Map<number, number>();
      for (const [b, c] of store.countTimedBy(group, sql, params)) {
        const k = start(b);
        found.set(k, (found.get(k) ?? 0) + c);
      }
      return found;
    },
  };
}

/** The whole case: the time index answers min and max, and each bucket is counted as a range of it. */
function whole(store: CaseStore): Counter {
  return { range: () => store.timeRange('', []), count: (bounds) => store.countTimeRanges(bounds) };
}
