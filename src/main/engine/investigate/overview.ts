// Aggregates over the current filter: hero metrics, facets (top values per field) and the time
// histogram. Each is one SQL pass over the filtered rows, with the same WHERE as the timeline's pages.
import type { EventQuery } from '../../../shared/query';
import type { Facet, FacetField, Histogram, QuerySummary } from '../../../shared/investigate';
import { FACET_FIELDS } from '../../../shared/investigate';
import { fmtMs } from '../../../shared/duration';
import type { CaseStore } from '../store/case-store';
import { ACTOR_TYPES, OUTCOMES } from '../../../shared/event';
import { NO_TIME, encodeOutcome } from '../store/schema';

type Row = (string | number | null)[];

function rows(store: CaseStore, sql: string, params: (string | number | null)[]): Row[] {
  return store.withDb((db) => (db.exec(sql, params)[0]?.values ?? []) as Row[]);
}

export function summarize(store: CaseStore, q: EventQuery): QuerySummary {
  return store.cached('summary', q, () => computeSummary(store, q));
}

function computeSummary(store: CaseStore, q: EventQuery): QuerySummary {
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

/** Few-valued fields, counted together in one pass (grouped by source, actor type and outcome). */
const LOW_CARDINALITY = new Set<FacetField>(['vendor', 'source', 'actorType', 'outcome']);
/** Fields with an index that leads with them: GROUP BY walks it without a sort. */
const COLUMN: Partial<Record<FacetField, string>> = { actor: 'actor', action: 'action' };
/**
 * Fields without an index: a GROUP BY each would be a full scan plus a sort (≈1 s each at 1M), so they
 * are counted together in one pass over the filtered rows instead.
 */
const SCANNED: Partial<Record<FacetField, string>> = { targetType: 'ttype', ip: 'ip' };

export function facets(store: CaseStore, q: EventQuery, fields: readonly FacetField[] = FACET_FIELDS, limit = 8): Facet[] {
  for (const f of fields) {
    if (!LOW_CARDINALITY.has(f) && !COLUMN[f] && !SCANNED[f]) throw new Error(`no facet for field "${f}"; one of: ${FACET_FIELDS.join(', ')}`);
  }
  return store.cached(`facets:${fields.join(',')}:${limit}`, q, () => computeFacets(store, q, fields, limit));
}

function computeFacets(store: CaseStore, q: EventQuery, fields: readonly FacetField[], limit: number): Facet[] {
  const { sql, params } = store.where(q);
  const counts = new Map<FacetField, Map<string | null, number>>(fields.map((f) => [f, new Map()]));
  const add = (f: FacetField, v: string | null, c: number) => {
    const m = counts.get(f);
    if (m) m.set(v, (m.get(v) ?? 0) + c);
  };
  // Unindexed fields need a pass over the filtered rows anyway; the few-valued ones ride along with
  // it (counted in JS by code) instead of taking passes of their own.
  const scanned = fields.filter((f) => SCANNED[f]);
  const wantSrc = fields.includes('vendor') || fields.includes('source');
  const wantCodes = fields.includes('actorType') || fields.includes('outcome');
  const bySrc = new Map<number, number>();
  const atypes = new Array<number>(ACTOR_TYPES.length).fill(0);
  const outcomes = new Array<number>(OUTCOMES.length).fill(0);
  if (scanned.length) {
    const maps = scanned.map((f) => counts.get(f)!);
    const cols = ['src', 'atype', 'outcome', ...scanned.map((f) => SCANNED[f])];
    store.withDb((db) => {
      const stmt = db.prepare(`SELECT ${cols.join(', ')} FROM events ${sql}`);
      try {
        stmt.bind(params);
        while (stmt.step()) {
          const r = stmt.get() as [number, number, number, ...(string | null)[]];
          bySrc.set(r[0], (bySrc.get(r[0]) ?? 0) + 1);
          atypes[r[1]]++;
          outcomes[r[2]]++;
          for (let i = 0; i < maps.length; i++) maps[i].set(r[i + 3] as string | null, (maps[i].get(r[i + 3] as string | null) ?? 0) + 1);
        }
      } finally {
        stmt.free();
      }
    });
  } else {
    if (wantSrc) {
      // Grouping by src alone walks the (src, t) index without a sort.
      for (const [src, c] of rows(store, `SELECT src, count(*) FROM events ${sql} GROUP BY src`, params)) bySrc.set(Number(src), Number(c));
    }
    if (wantCodes) {
      // Conditional sums: one pass over the rows and no sorter, which GROUP BY on an unindexed column needs.
      const sums = [...ACTOR_TYPES.map((_, i) => `sum(atype = ${i})`), ...OUTCOMES.map((_, i) => `sum(outcome = ${i})`)];
      const [r] = rows(store, `SELECT ${sums.join(', ')} FROM events ${sql}`, params);
      ACTOR_TYPES.forEach((_, i) => (atypes[i] = Number(r[i] ?? 0)));
      OUTCOMES.forEach((_, i) => (outcomes[i] = Number(r[ACTOR_TYPES.length + i] ?? 0)));
    }
  }
  for (const [src, c] of bySrc) {
    const source = store.source(src);
    add('vendor', source.vendor, c);
    add('source', source.name, c);
  }
  ACTOR_TYPES.forEach((name, i) => atypes[i] > 0 && add('actorType', name, atypes[i]));
  OUTCOMES.forEach((name, i) => outcomes[i] > 0 && add('outcome', name, outcomes[i]));
  for (const f of fields) {
    const col = COLUMN[f];
    if (!col) continue;
    for (const [v, c] of rows(store, `SELECT ${col}, count(*) AS c FROM events ${sql} GROUP BY ${col} ORDER BY c DESC LIMIT ${limit}`, params)) {
      add(f, v == null ? null : String(v), Number(c));
    }
  }
  return fields.map((field) => ({
    field,
    values: [...counts.get(field)!].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count).slice(0, limit),
  }));
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
  return store.cached(`histogram:${maxBuckets}`, q, () => computeHistogram(store, q, maxBuckets));
}

function computeHistogram(store: CaseStore, q: EventQuery, maxBuckets: number): Histogram {
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
