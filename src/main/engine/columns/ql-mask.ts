// The query language (shared/ql.ts) as a row mask over the columns, meaning exactly what qlSql
// (store/query-ql.ts) means: exact values and *x* are the --where conditions of FilterMask, other
// wildcards and regexes test each distinct value of a dictionary once and then scan codes, and a
// raw.PATH reads every raw record once per path and keeps the values found as a dictionary column.
import type { QlMatch, QlNode } from '../../../shared/ql';
import { matcherOf, plainContains, valuesAtPath } from '../../../shared/ql-match';
import { ACTOR_TYPES, OUTCOMES } from '../../../shared/event';
import { boundMs } from '../../../shared/time-bound';
import type { CaseStore } from '../store/case-store';
import { NO_TIME, encodeActorType, encodeOutcome } from '../store/schema';
import { TIME_FLAG_NAMES } from '../store/query-ql';
import { FilterMask } from './filter-mask';
import { NO_FLAG, type EventColumns, type TextColumn } from './event-columns';

const TEXT: Record<string, TextColumn> = { eventId: 'eid', actor: 'actor', action: 'action', targetType: 'ttype', targetId: 'tid', requestId: 'req', ip: 'ip' };
const FREE_TEXT = ['actor', 'action', 'targetType', 'targetId', 'requestId', 'eventId', 'ip', 'vendor', 'source', 'outcome', 'actorType'];

/** The values of a raw path per row: row → code, code → the values found there (code 0: none). */
interface RawColumn {
  version: number;
  codes: Uint32Array;
  lists: string[][];
}
const rawColumns = new WeakMap<EventColumns, Map<string, RawColumn>>();

/** Times each raw path was read from the records (tests check a second query reuses the column). */
export const rawReads = { count: 0 };

function byCodes(n: number, codes: ArrayLike<number>, accept: Uint8Array): Uint8Array {
  const m = new Uint8Array(n);
  for (let i = 0; i < n; i++) m[i] = accept[codes[i]];
  return m;
}

export class QlMask {
  private readonly n: number;
  constructor(
    private readonly store: CaseStore,
    private readonly cols: EventColumns,
  ) {
    this.n = cols.length;
  }

  of(node: QlNode): Uint8Array {
    switch (node.type) {
      case 'and':
      case 'or': {
        const m = this.of(node.items[0]);
        for (const item of node.items.slice(1)) {
          const o = this.of(item);
          if (node.type === 'and') for (let i = 0; i < this.n; i++) m[i] &= o[i];
          else for (let i = 0; i < this.n; i++) m[i] |= o[i];
        }
        return m;
      }
      case 'not': {
        const m = this.of(node.item);
        for (let i = 0; i < this.n; i++) m[i] ^= 1;
        return m;
      }
      case 'term':
        return this.term(node);
      case 'exists':
        return this.exists(node.field);
      case 'range':
        return this.range(node);
    }
  }

  private fresh(): FilterMask {
    return new FilterMask(this.store, this.cols);
  }

  private term(n: Extract<QlNode, { type: 'term' }>): Uint8Array {
    const { field, match } = n;
    if (field === null) {
      if (match.kind === 'exact') {
        const f = this.fresh();
        f.freeText(match.value);
        return f.mask;
      }
      const m = new Uint8Array(this.n);
      for (const x of FREE_TEXT) {
        const o = this.matched(x, match, true);
        for (let i = 0; i < this.n; i++) m[i] |= o[i];
      }
      return m;
    }
    if (field.startsWith('raw.')) return this.raw(field, match);
    const f = field as Exclude<typeof field, 'time' | `raw.${string}`>;
    const sub = match.kind === 'exact' ? null : plainContains(match);
    if (match.kind === 'exact' || sub !== null) {
      const fm = this.fresh();
      fm.condition(sub === null ? { field: f, op: 'eq', value: (match as { value: string }).value } : { field: f, op: 'contains', value: sub });
      return fm.mask;
    }
    return this.matched(f, match, false);
  }

  /** Rows whose value of a model field passes a wildcard or regex matcher. */
  private matched(field: string, m: QlMatch, contains: boolean): Uint8Array {
    const test = matcherOf(m, contains);
    const { cols } = this;
    const names = (list: readonly string[], encode: (x: never) => number) => {
      const a = new Uint8Array(256);
      for (const x of list) if (test(x)) a[encode(x as never)] = 1;
      return a;
    };
    switch (field) {
      case 'vendor':
      case 'source': {
        const sources = this.store.sources();
        const a = new Uint8Array(sources.reduce((mx, s) => Math.max(mx, s.id), 0) + 1);
        for (const s of sources) if (test(field === 'vendor' ? s.vendor : s.name)) a[s.id] = 1;
        return byCodes(this.n, cols.src.data, a);
      }
      case 'outcome':
        return byCodes(this.n, cols.outcome.data, names(OUTCOMES, encodeOutcome));
      case 'actorType':
        return byCodes(this.n, cols.atype.data, names(ACTOR_TYPES, encodeActorType));
      case 'timeFlag': {
        const a = new Uint8Array(256);
        TIME_FLAG_NAMES.forEach((x, i) => (a[i] = test(x) ? 1 : 0));
        a[NO_FLAG] = test('none') ? 1 : 0;
        return byCodes(this.n, cols.tflag.data, a);
      }
      case 'id': {
        const m = new Uint8Array(this.n);
        const ids = cols.ids.data;
        for (let i = 0; i < this.n; i++) m[i] = test(String(ids[i])) ? 1 : 0;
        return m;
      }
      default: {
        const dict = cols.text[TEXT[field]];
        const a = new Uint8Array(dict.size);
        for (let code = 1; code < dict.size; code++) a[code] = test(dict.value(code)) ? 1 : 0;
        return byCodes(this.n, dict.codes.data, a);
      }
    }
  }

  private exists(field: string): Uint8Array {
    const { cols } = this;
    if (field.startsWith('raw.')) {
      const col = this.rawColumn(field);
      return byCodes(
        this.n,
        col.codes,
        Uint8Array.from(col.lists, (l) => (l.length ? 1 : 0)),
      );
    }
    const m = new Uint8Array(this.n);
    if (field === 'time') {
      const t = cols.t.data;
      for (let i = 0; i < this.n; i++) m[i] = t[i] < NO_TIME ? 1 : 0;
    } else if (field === 'timeFlag') {
      const f = cols.tflag.data;
      for (let i = 0; i < this.n; i++) m[i] = f[i] !== NO_FLAG ? 1 : 0;
    } else if (TEXT[field]) {
      const codes = cols.text[TEXT[field]].codes.data;
      for (let i = 0; i < this.n; i++) m[i] = codes[i] !== 0 ? 1 : 0;
    } else m.fill(1);
    return m;
  }

  private range(r: Extract<QlNode, { type: 'range' }>): Uint8Array {
    const v = r.field === 'time' ? this.cols.t.data : this.cols.ids.data;
    const num = (b: string) => (r.field === 'time' ? boundMs(b)! : Number(b));
    const lo = r.from === null ? -Infinity : num(r.from);
    const hi = r.to === null ? Infinity : num(r.to);
    const m = new Uint8Array(this.n);
    for (let i = 0; i < this.n; i++) {
      const x = v[i];
      const above = r.fromInclusive ? x >= lo : x > lo;
      const below = r.toInclusive ? x <= hi : x < hi;
      m[i] = above && below && (r.field !== 'time' || x < NO_TIME) ? 1 : 0;
    }
    return m;
  }

  private raw(field: string, match: QlMatch): Uint8Array {
    const col = this.rawColumn(field);
    const test = matcherOf(match, false);
    return byCodes(
      this.n,
      col.codes,
      Uint8Array.from(col.lists, (l) => (l.some(test) ? 1 : 0)),
    );
  }

  /** The values at a raw path for every row, read once per path and column version. */
  private rawColumn(field: string): RawColumn {
    let byPath = rawColumns.get(this.cols);
    if (!byPath) rawColumns.set(this.cols, (byPath = new Map()));
    const kept = byPath.get(field);
    if (kept && kept.version === this.cols.version) return kept;
    rawReads.count++;
    const path = field.split('.').slice(1);
    const codes = new Uint32Array(this.n);
    const lists: string[][] = [[]];
    const codeOf = new Map<string, number>([['[]', 0]]);
    this.store.eachPosition((id, off, len) => {
      const row = this.cols.rowOf(id);
      if (row < 0) return;
      const values = valuesAtPath(this.store.rawAt(off, len), path);
      const key = JSON.stringify(values);
      let code = codeOf.get(key);
      if (code === undefined) {
        code = lists.length;
        lists.push(values);
        codeOf.set(key, code);
      }
      codes[row] = code;
    });
    const col = { version: this.cols.version, codes, lists };
    byPath.set(field, col);
    return col;
  }
}
