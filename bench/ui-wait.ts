// What the UI waits for after a filter change: count + first page of 100 + facets + histogram + hero
// metrics, for ~20 different filters of each kind (eq, contains on target id / request id, free text,
// time range), through the SQL path (before), the column path (after), and a plain typed-array scan of
// the same columns (the physical reference: one pass testing the filter, one counting the facets).
import { ms, stats } from './bench-cli';
import type { CaseStore } from '../src/main/engine/store/case-store';
import { facets, histogram, summarize } from '../src/main/engine/investigate/overview';
import { columnFacets, columnHistogram, columnQuery, columnSummary } from '../src/main/engine/columns/column-path';
import type { EventColumns } from '../src/main/engine/columns/event-columns';
import { columnLoads, loadColumns } from '../src/main/engine/columns/saved-columns';
import type { EventQuery } from '../src/shared/query';
import { rng } from '../test/helpers/generate';

type Kind = 'eq' | 'containsTarget' | 'containsRequest' | 'text' | 'time';
const KINDS: Kind[] = ['eq', 'containsTarget', 'containsRequest', 'text', 'time'];

/** Filters of each kind, drawn (seeded) from values the case holds. */
export function sampleFilters(store: CaseStore, perKind: number): Record<Kind, EventQuery[]> {
  const r = rng(7);
  const count = store.count();
  const rowAt = () => 1 + Math.floor(r() * count);
  const one = (sql: string, p: (string | number)[]) => store.withDb((db) => db.exec(sql, p)[0]?.values[0]?.[0] ?? null) as string | number | null;
  const values = (col: string) => {
    const out: string[] = [];
    for (let tries = 0; out.length < perKind && tries < perKind * 20; tries++) {
      const v = one(`SELECT ${col} FROM events WHERE id = ?`, [rowAt()]);
      if (typeof v === 'string' && v.length >= 4) out.push(v);
    }
    return out;
  };
  const middle = (v: string) => v.slice(Math.floor(v.length / 3), Math.floor(v.length / 3) + Math.max(4, Math.floor(v.length / 3)));
  const eqFields = [
    ['actor', 'actor'],
    ['action', 'action'],
    ['targetType', 'ttype'],
    ['ip', 'ip'],
  ] as const;
  const eq: EventQuery[] = [];
  for (const [field, col] of eqFields)
    for (const v of values(col).slice(0, Math.ceil(perKind / eqFields.length))) eq.push({ where: [{ field, op: 'eq', value: v }] });
  const lo = Number(one('SELECT min(t) FROM events WHERE t < 8640000000000000', []));
  const hi = Number(one('SELECT max(t) FROM events WHERE t < 8640000000000000', []));
  const time: EventQuery[] = [];
  for (let i = 0; i < perKind; i++) {
    const a = lo + r() * (hi - lo);
    const b = a + r() * (hi - a);
    time.push({ from: new Date(a).toISOString(), to: new Date(b).toISOString() });
  }
  return {
    eq: eq.slice(0, perKind),
    containsTarget: values('tid').map((v) => ({ where: [{ field: 'targetId', op: 'contains', value: middle(v) }] })),
    containsRequest: values('req').map((v) => ({ where: [{ field: 'requestId', op: 'contains', value: middle(v) }] })),
    text: values('action').map((v, i) => ({ text: i % 2 ? middle(v) : v.split(/[._:\s-]/)[0] })),
    time,
  };
}

/** count + page + metrics + facets + histogram of one filter, cold (a filter not seen before). */
function sqlWait(store: CaseStore, q: EventQuery): void {
  store.dropCaches();
  store.query({ ...q, limit: 100 });
  summarize(store, q);
  facets(store, q, undefined, 6);
  histogram(store, q);
}

function columnWait(store: CaseStore, q: EventQuery): void {
  const ok = columnQuery(store, { ...q, limit: 100 }) && columnSummary(store, q) && columnFacets(store, q, undefined, 6) && columnHistogram(store, q);
  if (!ok) throw new Error('the column path did not answer');
}

/** The floor: one pass over the filtered column testing each row, one counting 8 facet columns' codes of the kept rows. */
function plainScan(cols: EventColumns, q: EventQuery): number {
  const n = cols.length;
  const keep = new Uint8Array(n);
  const c = q.where?.[0];
  if (c && c.op === 'eq') {
    const dict = cols.text[({ actor: 'actor', action: 'action', targetType: 'ttype', ip: 'ip' } as const)[c.field as 'actor']];
    const code = dict.codeOf(c.value);
    const codes = dict.codes.data;
    for (let i = 0; i < n; i++) keep[i] = codes[i] === code ? 1 : 0;
  } else if (c) {
    const dict = cols.text[c.field === 'targetId' ? 'tid' : 'req'];
    const accept = new Uint8Array(dict.size);
    for (const code of dict.likeCodes(c.value)) accept[code] = 1;
    const codes = dict.codes.data;
    for (let i = 0; i < n; i++) keep[i] = accept[codes[i]];
  } else if (q.text) {
    const any = new Uint8Array(n);
    for (const col of ['actor', 'action', 'ttype', 'tid', 'req', 'eid', 'ip'] as const) {
      const dict = cols.text[col];
      const accept = new Uint8Array(dict.size);
      for (const code of dict.likeCodes(q.text)) accept[code] = 1;
      const codes = dict.codes.data;
      for (let i = 0; i < n; i++) any[i] |= accept[codes[i]];
    }
    keep.set(any);
  } else {
    const from = Date.parse(q.from!);
    const to = Date.parse(q.to!);
    const t = cols.t.data;
    for (let i = 0; i < n; i++) keep[i] = t[i] >= from && t[i] < to ? 1 : 0;
  }
  const counts = [cols.src.data, cols.atype.data, cols.outcome.data, ...(['actor', 'action', 'ttype', 'ip'] as const).map((k) => cols.text[k].codes.data)];
  const tallies = counts.map(() => new Uint32Array(1 << 20));
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!keep[i]) continue;
    total++;
    for (let k = 0; k < counts.length; k++) tallies[k][counts[k][i] & 0xfffff]++;
  }
  return total;
}

/** warm: a first call not timed (the first page read after opening pulls its segment pages from disk). */
function timeAll(qs: EventQuery[], fn: (q: EventQuery) => unknown, warm: EventQuery = { where: [{ field: 'outcome', op: 'eq', value: 'success' }] }) {
  fn(warm);
  const xs: number[] = [];
  for (const q of qs) {
    const t0 = process.hrtime.bigint();
    fn(q);
    xs.push(ms(t0));
  }
  return stats(xs);
}

/** Figures per kind for each path; the SQL path over the first `sqlFilters` of each kind only (seconds each at 1M). */
export function uiWait(store: CaseStore, perKind = 20, sqlFilters = 5) {
  const t0 = process.hrtime.bigint();
  const before = columnLoads.file;
  const cols = loadColumns(store);
  const loadMs = ms(t0);
  const loadedFrom = columnLoads.file > before ? 'file' : 'sql';
  store.columns = cols;
  const filters = sampleFilters(store, perKind);
  const dicts = Object.fromEntries(Object.entries(cols.text).map(([k, d]) => [k, { values: d.size - 1, bytes: d.bytes() }]));
  const out: Record<string, unknown> = { columns: { loadMs, loadedFrom, events: cols.length, bytes: cols.bytes(), dictionaries: dicts } };
  for (const kind of KINDS) {
    const qs = filters[kind];
    out[kind] = {
      filters: qs.length,
      columns: timeAll(qs, (q) => columnWait(store, q)),
      plainScan: timeAll(qs, (q) => plainScan(cols, q), qs[0]),
      sql: sqlFilters > 0 ? { ...timeAll(qs.slice(0, sqlFilters), (q) => sqlWait(store, q)), filters: Math.min(sqlFilters, qs.length) } : null,
    };
  }
  return out;
}
