// Aggregates over the current filter: hero metrics, facets (top values per field) and the time
// histogram. Each is one SQL pass over the filtered rows, with the same WHERE as the timeline's pages.
import type { EventQuery } from '../../../shared/query';
import type { Facet, FacetField, Histogram, QuerySummary } from '../../../shared/investigate';
import { FACET_FIELDS } from '../../../shared/investigate';
import { fmtMs } from '../../../shared/duration';
import type { CaseStore } from '../store/case-store';
import { NO_TIME, decodeActorType, decodeOutcome, encodeOutcome } from '../store/schema';

type Row = (string | number | null)[];

function rows(store: CaseStore, sql: string, params: (string | number | null)[]): Row[] {
  return store.withDb((db) => (db.exec(sql, params)[0]?.values ?? []) as Row[]);
}

export function summarize(store: CaseStore, q: EventQuery): QuerySummary {
  const { sql, params } = store.where(q);
  const fail = encodeOutcome('failure');
  const warn = [encodeOutcome('denied'), encodeOutcome('warning')].join(',');
  const [r] = rows(
    store,
    `SELECT count(*), coalesce(sum(outcome = ${fail}), 0), coalesce(sum(outcome IN (${warn})), 0), count(DISTINCT actor) FROM events ${sql}`,
    params,
  );
  return { total: Number(r[0]), failures: Number(r[1]), warnings: Number(r[2]), distinctActors: Number(r[3]) };
}

const COLUMN: Record<FacetField, string> = {
  vendor: 'src',
  source: 'src',
  actor: 'actor',
  actorType: 'atype',
  action: 'action',
  targetType: 'ttype',
  outcome: 'outcome',
  ip: 'ip',
};

export function facets(store: CaseStore, q: EventQuery, fields: readonly FacetField[] = FACET_FIELDS, limit = 8): Facet[] {
  const { sql, params } = store.where(q);
  return fields.map((field) => {
    if (!(field in COLUMN)) throw new Error(`no facet for field "${field}"; one of: ${FACET_FIELDS.join(', ')}`);
    const col = COLUMN[field];
    const bySource = col === 'src';
    // Sources are few: count them all, then fold into vendors or names here.
    const found = rows(store, `SELECT ${col}, count(*) AS c FROM events ${sql} GROUP BY ${col} ORDER BY c DESC${bySource ? '' : ` LIMIT ${limit}`}`, params);
    const counts = new Map<string | null, number>();
    for (const [v, c] of found) {
      let value: string | null;
      if (bySource) value = field === 'vendor' ? store.source(Number(v)).vendor : store.source(Number(v)).name;
      else if (field === 'outcome') value = decodeOutcome(Number(v));
      else if (field === 'actorType') value = decodeActorType(Number(v));
      else value = v == null ? null : String(v);
      counts.set(value, (counts.get(value) ?? 0) + Number(c));
    }
    const values = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count).slice(0, limit);
    return { field, values };
  });
}

const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Bucket widths from seconds to weeks; beyond them, calendar months. */
const STEPS = [1, 2, 5, 10, 15, 30].map((n) => n * SEC)
  .concat([1, 2, 5, 10, 15, 30].map((n) => n * MIN))
  .concat([1, 2, 3, 6, 12].map((n) => n * HOUR))
  .concat([DAY, 2 * DAY, 7 * DAY, 14 * DAY]);

export function histogram(store: CaseStore, q: EventQuery, maxBuckets = 120): Histogram {
  const { sql, params } = store.where(q);
  const timed = `${sql ? `${sql} AND` : 'WHERE'} t < ${NO_TIME}`;
  const [range] = rows(store, `SELECT min(t), max(t), count(*) FROM events ${timed}`, params);
  const [all] = rows(store, `SELECT count(*) FROM events ${sql}`, params);
  const untimed = Number(all[0]) - Number(range[2]);
  if (range[0] == null) return { unit: 'ms', size: SEC, label: '1 s', buckets: [], untimed };
  const lo = Number(range[0]);
  const hi = Number(range[1]);
  const size = STEPS.find((s) => Math.floor(hi / s) - Math.floor(lo / s) + 1 <= maxBuckets);
  if (size !== undefined) {
    const found = rows(store, `SELECT t / ${size} AS b, count(*) FROM events ${timed} GROUP BY b ORDER BY b`, params);
    const byBucket = new Map(found.map(([b, c]) => [Number(b), Number(c)]));
    const buckets = [];
    for (let b = Math.floor(lo / size); b <= Math.floor(hi / size); b++) {
      buckets.push({ start: new Date(b * size).toISOString(), end: new Date((b + 1) * size).toISOString(), count: byBucket.get(b) ?? 0 });
    }
    return { unit: 'ms', size, label: fmtMs(size).replace('7 d', '1 week').replace('14 d', '2 weeks'), buckets, untimed };
  }
  // Calendar months (UTC), grouped several to a bucket when the range is long.
  const months = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();
  const m0 = months(new Date(lo));
  const m1 = months(new Date(hi));
  const per = [1, 2, 3, 6, 12, 24, 60, 120].find((n) => Math.floor(m1 / n) - Math.floor(m0 / n) + 1 <= maxBuckets) ?? 1200;
  const found = rows(store, `SELECT CAST(strftime('%Y', t / 1000, 'unixepoch') AS INTEGER) * 12 + CAST(strftime('%m', t / 1000, 'unixepoch') AS INTEGER) - 1 AS m, count(*) FROM events ${timed} GROUP BY m`, params);
  const byBucket = new Map<number, number>();
  for (const [m, c] of found) {
    const b = Math.floor(Number(m) / per);
    byBucket.set(b, (byBucket.get(b) ?? 0) + Number(c));
  }
  const monthStart = (m: number) => new Date(Date.UTC(Math.floor(m / 12), m % 12, 1)).toISOString();
  const buckets = [];
  for (let b = Math.floor(m0 / per); b <= Math.floor(m1 / per); b++) {
    buckets.push({ start: monthStart(b * per), end: monthStart((b + 1) * per), count: byBucket.get(b) ?? 0 });
  }
  return { unit: 'month', size: per, label: per === 1 ? '1 month' : `${per} months`, buckets, untimed };
}
