// A query's filter as a row mask over the columns (1: the row matches), meaning exactly what
// whereClause (store/query-sql.ts) means: contains and free text are SQLite's LIKE (ASCII letters fold,
// nothing else does), NULL matches neither eq nor contains, and a time bound leaves out untimed events.
import type { Condition, EventQuery } from '../../../shared/query';
import { ACTOR_TYPES, OUTCOMES } from '../../../shared/event';
import { parseSearch, toMatchExpression } from '../../../shared/search';
import type { CaseStore } from '../store/case-store';
import { NO_TIME, TEXT_COLUMN_OF, encodeActorType, encodeOutcome, encodeTimeFlag } from '../store/schema';
import { parseBound } from '../store/time-bound';
import type { IdSet } from '../store/case-store';
import { NO_FLAG, type EventColumns, type TextColumn } from './event-columns';
import { acceptOf, fewRows, keepAny, markRowsOf, matchingCodes, type Tested } from './free-text';

/** The model fields stored as text, by their SQL column. */
const TEXT_FIELD: Record<string, TextColumn> = TEXT_COLUMN_OF;
/** What the free-text box searches as text (vendor, source, outcome and actor type are added apart). */
const FREE_TEXT: TextColumn[] = ['actor', 'action', 'ttype', 'tid', 'req', 'eid', 'ip'];

/** SQLite's LIKE '%needle%' on one value: ASCII letters either case, other characters exactly. */
export const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
const like = (value: string, needle: string) => asciiLower(value).includes(asciiLower(needle));

type Codes = Uint32Array | Uint8Array;

/** mask[i] stays 1 only where accept[codes[i]] is 1. */
function keep(mask: Uint8Array, codes: Codes, accept: Uint8Array): void {
  for (let i = 0; i < mask.length; i++) mask[i] &= accept[codes[i]];
}

/** mask[i] becomes 1 also where accept[codes[i]] is 1. */
function add(mask: Uint8Array, codes: Codes, accept: Uint8Array): void {
  for (let i = 0; i < mask.length; i++) mask[i] |= accept[codes[i]];
}

/** Source ids whose vendor or name passes `test`. */
function sourcesWhere(store: CaseStore, test: (vendor: string, name: string) => boolean): number[] {
  return store
    .sources()
    .filter((s) => test(s.vendor, s.name))
    .map((s) => s.id);
}

export class FilterMask {
  readonly mask: Uint8Array;
  /** The kept rows in time order, when a time range alone made the mask (else null: selection() finds them). */
  timeRows: Uint32Array | null = null;
  /** Nothing has narrowed the mask yet. */
  private whole = true;
  private readonly n: number;
  /** Distinct values in use of actor and action, by version (the SQL path's expandContains). */
  private static live = new WeakMap<EventColumns, { version: number; codes: Map<TextColumn, number[]> }>();

  constructor(
    private readonly store: CaseStore,
    private readonly cols: EventColumns,
  ) {
    this.n = cols.length;
    this.mask = new Uint8Array(this.n).fill(1);
  }

  /** The rows the query's filter keeps (limit, offset and order aside). */
  static of(store: CaseStore, cols: EventColumns, q: EventQuery): Uint8Array {
    return FilterMask.made(store, cols, q).mask;
  }

  /** The filter of a query applied (mask, and timeRows when a time range was its only part). */
  static made(store: CaseStore, cols: EventColumns, q: EventQuery): FilterMask {
    const f = new FilterMask(store, cols);
    for (const c of q.where ?? []) f.condition(c);
    for (const word of (q.text ?? '').split(/\s+/).filter(Boolean)) f.freeText(word);
    if (q.tag !== undefined && q.tag !== '') f.ids({ kind: 'tag', tag: q.tag });
    const terms = parseSearch(q.search ?? '');
    if (terms.length) f.ids({ kind: 'search', match: toMatchExpression(terms) });
    if (q.bookmarked) f.ids({ kind: 'bookmarked' });
    if (q.noted) f.ids({ kind: 'noted' });
    if (q.finding) f.ids({ kind: 'finding', rule: q.finding });
    if (q.from || q.to) f.time(q.from ? parseBound(q.from, 'from') : -Infinity, q.to ? parseBound(q.to, 'to') : Infinity);
    return f;
  }

  condition(c: Condition): void {
    this.whole = false;
    const contains = c.op === 'contains';
    const { cols, mask } = this;
    switch (c.field) {
      case 'vendor':
      case 'source': {
        const pick = (vendor: string, name: string) => (c.field === 'vendor' ? vendor : name);
        const ids = sourcesWhere(this.store, (v, n) => (contains ? like(pick(v, n), c.value) : pick(v, n) === c.value));
        return keep(mask, cols.src.data, acceptOf(maxSource(this.store) + 1, ids));
      }
      case 'outcome':
      case 'actorType': {
        const names: readonly string[] = c.field === 'outcome' ? OUTCOMES : ACTOR_TYPES;
        const hits = names.filter((n) => (contains ? n.includes(c.value.toLowerCase()) : n === c.value));
        const codes = hits.map((h) => (c.field === 'outcome' ? encodeOutcome(h as never) : encodeActorType(h as never)));
        return keep(mask, c.field === 'outcome' ? cols.outcome.data : cols.atype.data, acceptOf(256, codes));
      }
      case 'timeFlag': {
        const code = c.value === '' || c.value === 'none' ? NO_FLAG : encodeTimeFlag(c.value as never);
        return keep(mask, cols.tflag.data, acceptOf(256, code == null ? [] : [code]));
      }
      case 'id': {
        const n = Number(c.value);
        const row = Number.isInteger(n) ? cols.rowOf(n) : -1;
        const had = row >= 0 ? mask[row] : 0;
        mask.fill(0);
        if (row >= 0) mask[row] = had;
        return;
      }
      default: {
        const col = TEXT_FIELD[c.field];
        if (!col) throw new Error(`no column for field ${c.field}`);
        const dict = cols.text[col];
        const codes = !contains ? [dict.codeOf(c.value)] : (this.expanded(col, c.value) ?? dict.likeCodes(c.value));
        return keep(mask, dict.codes.data, acceptOf(dict.size, codes));
      }
    }
  }

  /**
   * The SQL path answers a contains on actor or action from their distinct values (at most 50,000 in use)
   * with JavaScript's toLowerCase when at most 500 match (CaseStore.expandContains), else with LIKE: so
   * here. Null when it takes LIKE.
   */
  private expanded(col: TextColumn, needle: string): number[] | null {
    if (col !== 'actor' && col !== 'action') return null;
    const live = this.liveCodes(col);
    if (live.length > 50_000) return null;
    const dict = this.cols.text[col];
    const n = needle.toLowerCase();
    const hits = live.filter((code) => dict.value(code)!.toLowerCase().includes(n));
    return hits.length <= 500 ? hits : null;
  }

  private liveCodes(col: TextColumn): number[] {
    let kept = FilterMask.live.get(this.cols);
    if (!kept || kept.version !== this.cols.version) FilterMask.live.set(this.cols, (kept = { version: this.cols.version, codes: new Map() }));
    let codes = kept.codes.get(col);
    if (!codes) {
      const dict = this.cols.text[col];
      const seen = new Uint8Array(dict.size);
      const data = dict.codes.data;
      for (let i = 0; i < this.n; i++) seen[data[i]] = 1;
      codes = [];
      for (let c = 1; c < seen.length; c++) if (seen[c]) codes.push(c);
      kept.codes.set(col, codes);
    }
    return codes;
  }

  /** Every word must be in one of the model fields (free-text.ts: the columns without a match are not scanned). */
  freeText(word: string): void {
    this.whole = false;
    const { cols } = this;
    const wide: Tested[] = [];
    const rows = new Uint8Array(this.n);
    for (const col of FREE_TEXT) {
      const dict = cols.text[col];
      const codes = matchingCodes(dict, word);
      if (!codes.length) continue;
      if (fewRows(dict, this.n, codes.length)) markRowsOf(dict, this.n, cols.version, codes, rows);
      else wide.push({ codes: dict.codes.data, accept: acceptOf(dict.size, codes) });
    }
    const srcs = sourcesWhere(this.store, (v, n) => like(v, word) || like(n, word));
    if (srcs.length) wide.push({ codes: cols.src.data, accept: acceptOf(maxSource(this.store) + 1, srcs) });
    const lower = word.toLowerCase();
    const outcomes = OUTCOMES.filter((n) => n.includes(lower)).map((n) => encodeOutcome(n));
    const atypes = ACTOR_TYPES.filter((n) => n.includes(lower)).map((n) => encodeActorType(n));
    const narrow = [];
    if (outcomes.length) narrow.push({ codes: cols.outcome.data, accept: acceptOf(256, outcomes) });
    if (atypes.length) narrow.push({ codes: cols.atype.data, accept: acceptOf(256, atypes) });
    keepAny(this.mask, wide, narrow, rows);
  }

  /** The plain form of freeText (every dictionary searched, one pass per column), kept as its reference. */
  freeTextSimple(word: string): void {
    this.whole = false;
    const { cols } = this;
    const any = new Uint8Array(this.n);
    for (const col of FREE_TEXT) {
      const dict = cols.text[col];
      const codes = dict.likeCodes(word);
      if (codes.length) add(any, dict.codes.data, acceptOf(dict.size, codes));
    }
    const srcs = sourcesWhere(this.store, (v, n) => like(v, word) || like(n, word));
    if (srcs.length) add(any, cols.src.data, acceptOf(maxSource(this.store) + 1, srcs));
    const lower = word.toLowerCase();
    const outcomes = OUTCOMES.filter((n) => n.includes(lower)).map((n) => encodeOutcome(n));
    if (outcomes.length) add(any, cols.outcome.data, acceptOf(256, outcomes));
    const atypes = ACTOR_TYPES.filter((n) => n.includes(lower)).map((n) => encodeActorType(n));
    if (atypes.length) add(any, cols.atype.data, acceptOf(256, atypes));
    for (let i = 0; i < this.n; i++) this.mask[i] &= any[i];
  }

  /** Keeps the rows of the ids in a set (annotations, findings, full-text hits). */
  private ids(set: IdSet): void {
    this.whole = false;
    const inSet = new Uint8Array(this.n);
    this.store.eachIdOf(set, (id) => {
      const row = this.cols.rowOf(id);
      if (row >= 0) inSet[row] = 1;
    });
    for (let i = 0; i < this.n; i++) this.mask[i] &= inSet[i];
  }

  /**
   * Keeps the rows timed in [from, to): one span of the time order, found by binary search, so only its
   * rows are touched. When nothing else narrowed the mask, that span is also the kept rows (timeRows).
   */
  time(from: number, to: number): void {
    const { order } = this.cols;
    const t = this.cols.t.data;
    const a = firstAtOrAfter(order, t, from);
    // Untimed rows (NO_TIME, sorted last) are never in a range.
    const b = Math.max(a, firstAtOrAfter(order, t, Math.min(to, NO_TIME)));
    timeSpans.count++;
    const mask = this.mask;
    if (this.whole) {
      mask.fill(0);
      for (let j = a; j < b; j++) mask[order[j]] = 1;
      this.timeRows = order.subarray(a, b);
    } else {
      const inRange = new Uint8Array(this.n);
      for (let j = a; j < b; j++) inRange[order[j]] = 1;
      for (let i = 0; i < this.n; i++) mask[i] &= inRange[i];
    }
    this.whole = false;
  }

  /** The plain form of time (a test of every row), kept as its reference. */
  timeScan(from: number, to: number): void {
    this.whole = false;
    const t = this.cols.t.data;
    const mask = this.mask;
    const none = NO_TIME;
    for (let i = 0; i < this.n; i++) if (!(t[i] >= from && t[i] < to && t[i] < none)) mask[i] = 0;
  }
}

/** Time ranges answered by binary search over the time order (tests read it to know that path ran). */
export const timeSpans = { count: 0 };

/** The first position j of the time order whose row's time is >= x (order.length when none is). */
function firstAtOrAfter(order: Uint32Array, t: Float64Array, x: number): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[order[mid]] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function maxSource(store: CaseStore): number {
  return store.sources().reduce((m, s) => Math.max(m, s.id), 0);
}
