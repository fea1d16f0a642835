// The query language at scale: what the UI waits for (count + page of 100 + metrics + facets +
// histogram) after a query-language filter, column path and SQL path, per kind of query: OR of values,
// NOT, wildcard, regex, the reviewer's combined query, a time range, and a raw-record path (first use
// reads every raw record once; the next query on that path reuses what was read).
import { ms, stats } from './bench-cli';
import type { CaseStore } from '../src/main/engine/store/case-store';
import { facets, histogram, summarize } from '../src/main/engine/investigate/overview';
import { columnFacets, columnHistogram, columnQuery, columnSummary } from '../src/main/engine/columns/column-path';
import { EventColumns } from '../src/main/engine/columns/event-columns';
import { quoteValue } from '../src/shared/ql-text';
import type { EventQuery } from '../src/shared/query';

function values(store: CaseStore, col: string, n: number): string[] {
  return store.withDb((db) =>
    (db.exec(`SELECT ${col} FROM events WHERE ${col} IS NOT NULL GROUP BY ${col} ORDER BY count(*) DESC LIMIT ${n}`)[0]?.values ?? []).map((r) => String(r[0])),
  );
}

/** Queries of each kind, from values the case holds. */
export function qlQueries(store: CaseStore): Record<string, string[]> {
  const actions = values(store, 'action', 6);
  const actors = values(store, 'actor', 6);
  const t = store.withDb((db) => db.exec('SELECT min(t), max(t) FROM events WHERE t < 8640000000000000')[0].values[0] as number[]);
  const at = (p: number) => new Date(t[0] + p * (t[1] - t[0])).toISOString();
  const stem = (v: string) => v.slice(0, Math.max(2, Math.floor(v.length / 2)));
  return {
    or: actions.slice(0, 5).map((a, i) => `action:(${quoteValue(a)} OR ${quoteValue(actions[(i + 1) % actions.length])})`),
    not: actors.slice(0, 5).map((a) => `-actor:${quoteValue(a)} -outcome:success`),
    wildcard: actions.slice(0, 5).map((a) => `action:${stem(a).replace(/[\\*?"\s()]/g, '')}*`),
    regex: actors.slice(0, 5).map((a) => `actor:/${stem(a).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}.*/`),
    reviewer: [0.1, 0.3, 0.5, 0.7, 0.9].map((p) => `outcome:(failure OR denied) AND action:*a* AND -actor:svc* AND time:[${at(p - 0.1)} TO ${at(p)}}`),
    time: [0.2, 0.4, 0.6, 0.8, 1].map((p) => `time:[${at(p - 0.2)} TO ${at(p)}}`),
    raw: ['_exists_:raw.id', 'raw.id:a*', 'raw.id:/.*1/', 'raw.id:*00*', '-raw.id:*9'],
  };
}

const page = (q: string): EventQuery => ({ q, limit: 100 });

function columnWait(store: CaseStore, q: string): void {
  const eq = { q };
  if (!(columnQuery(store, page(q)) && columnSummary(store, eq) && columnFacets(store, eq, undefined, 6) && columnHistogram(store, eq)))
    throw new Error('the column path did not answer');
}

function sqlWait(store: CaseStore, q: string): void {
  store.dropCaches();
  store.query(page(q));
  summarize(store, { q });
  facets(store, { q }, undefined, 6);
  histogram(store, { q });
}

function timeEach(qs: string[], fn: (q: string) => void) {
  const xs: number[] = [];
  for (const q of qs) {
    const t0 = process.hrtime.bigint();
    fn(q);
    xs.push(ms(t0));
  }
  return stats(xs);
}

/** Figures per kind; the SQL path on the first `sqlQueries` of each kind (raw paths: none, a full read per query). */
export function qlWait(store: CaseStore, sqlQueries = 2) {
  if (!(store.columns instanceof EventColumns)) store.columns = EventColumns.load(store);
  const out: Record<string, unknown> = {};
  for (const [kind, qs] of Object.entries(qlQueries(store))) {
    const t0 = process.hrtime.bigint();
    if (kind === 'raw') columnWait(store, qs[0]);
    const firstRawMs = kind === 'raw' ? ms(t0) : undefined;
    out[kind] = {
      example: qs[0],
      ...(firstRawMs !== undefined ? { firstUseMs: firstRawMs } : {}),
      columns: timeEach(kind === 'raw' ? qs.slice(1) : qs, (q) => columnWait(store, q)),
      sql: kind !== 'raw' && sqlQueries > 0 ? timeEach(qs.slice(0, sqlQueries), (q) => sqlWait(store, q)) : null,
    };
  }
  return out;
}
