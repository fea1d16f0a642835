// Running counts of the whole case (events per source, actor type, outcome and per value of the facet
// columns): the unfiltered hero metrics and facets are read from them instead of scanning a million rows
// on the first look at a case. Imports and syncs add each stored row as it is inserted; a remap takes
// each rewritten row's old values out and puts its new ones in; anything else that rewrites rows drops
// them (they are counted again from the rows on the next look).
//
// Kept in the case's meta table with the segment length they describe: every change to events appends
// to the append-only segment (rows, remapped extras) and a rollback cuts it back, so counts whose length
// is not the segment's are stale, whichever code or AuditDesk version made the change.
import { ACTOR_TYPES, OUTCOMES } from '../../../shared/event';

export const TALLY_COLUMNS = ['actor', 'action', 'ttype', 'ip'] as const;
export type TallyColumn = (typeof TALLY_COLUMNS)[number];
export type ValueCounts = Map<string | null, number>;

/** Beyond this many distinct values in one column the counts would cost more heap than a scan saves. */
export const MAX_DISTINCT = 250_000;
const VERSION = 1;

export class WholeCaseTally {
  events = 0;
  readonly bySource = new Map<number, number>();
  readonly actorTypes: number[] = new Array<number>(ACTOR_TYPES.length).fill(0);
  readonly outcomes: number[] = new Array<number>(OUTCOMES.length).fill(0);
  readonly values: Record<TallyColumn, ValueCounts> = { actor: new Map(), action: new Map(), ttype: new Map(), ip: new Map() };

  /** Counts one row; false once a column has too many distinct values to keep. */
  add(src: number, atype: number, outcome: number, actor: string | null, action: string | null, ttype: string | null, ip: string | null): boolean {
    const v = this.values;
    v.actor.set(actor, (v.actor.get(actor) ?? 0) + 1);
    v.action.set(action, (v.action.get(action) ?? 0) + 1);
    return this.addRow(src, atype, outcome, ttype, ip) && v.actor.size <= MAX_DISTINCT && v.action.size <= MAX_DISTINCT;
  }

  /** Counts one row but for its actor and action (counted apart, from their indexes, by countRows). */
  addRow(src: number, atype: number, outcome: number, ttype: string | null, ip: string | null): boolean {
    this.events++;
    this.bySource.set(src, (this.bySource.get(src) ?? 0) + 1);
    this.actorTypes[atype]++;
    this.outcomes[outcome]++;
    const v = this.values;
    v.ttype.set(ttype, (v.ttype.get(ttype) ?? 0) + 1);
    v.ip.set(ip, (v.ip.get(ip) ?? 0) + 1);
    return v.ttype.size <= MAX_DISTINCT && v.ip.size <= MAX_DISTINCT;
  }

  /** Adds another tally's counts in; false once a column has too many distinct values to keep (as add). */
  merge(o: WholeCaseTally): boolean {
    this.events += o.events;
    for (const [src, n] of o.bySource) this.bySource.set(src, (this.bySource.get(src) ?? 0) + n);
    o.actorTypes.forEach((n, i) => (this.actorTypes[i] += n));
    o.outcomes.forEach((n, i) => (this.outcomes[i] += n));
    for (const c of TALLY_COLUMNS) {
      const m = this.values[c];
      for (const [v, n] of o.values[c]) m.set(v, (m.get(v) ?? 0) + n);
      if (m.size > MAX_DISTINCT) return false;
    }
    return true;
  }

  /**
   * Takes another tally's counts out (the old values of rewritten rows). A value whose count reaches 0
   * is deleted, as countRows would not see it: distinct actors are the actor map's size. False when `o`
   * holds more of something than these counts do, i.e. they were not the rows' counts.
   */
  subtract(o: WholeCaseTally): boolean {
    if (o.events > this.events) return false;
    this.events -= o.events;
    for (const [src, n] of o.bySource) if (!takeOut(this.bySource, src, n)) return false;
    for (const [mine, theirs] of [
      [this.actorTypes, o.actorTypes],
      [this.outcomes, o.outcomes],
    ]) {
      for (let i = 0; i < mine.length; i++) {
        if (mine[i] < theirs[i]) return false;
        mine[i] -= theirs[i];
      }
    }
    for (const c of TALLY_COLUMNS) for (const [v, n] of o.values[c]) if (!takeOut(this.values[c], v, n)) return false;
    return true;
  }

  /** What the overview reads: the totals and each column's most frequent values. */
  head(): TallyHead {
    return {
      events: this.events,
      // In source order whatever order the counts were made in (by import, remap or a pass over the rows).
      bySource: [...this.bySource].sort((a, b) => a[0] - b[0]),
      actorTypes: [...this.actorTypes],
      outcomes: [...this.outcomes],
      distinctActors: this.values.actor.size - (this.values.actor.has(null) ? 1 : 0),
      top: Object.fromEntries(TALLY_COLUMNS.map((c) => [c, topValues(this.values[c], HEAD_VALUES).map((v) => [v.value, v.count])])) as TallyHead['top'],
    };
  }

  /** Every value's count, for the next import to add to (keys and counts apart: parsed several times faster than pairs). */
  serialize(): string {
    const values = Object.fromEntries(TALLY_COLUMNS.map((c) => [c, { keys: [...this.values[c].keys()], counts: [...this.values[c].values()] }]));
    return JSON.stringify({ events: this.events, bySource: [...this.bySource], actorTypes: this.actorTypes, outcomes: this.outcomes, values });
  }

  static parse(text: string): WholeCaseTally {
    const o = JSON.parse(text) as {
      events: number;
      bySource: [number, number][];
      actorTypes: number[];
      outcomes: number[];
      values: Record<TallyColumn, { keys: (string | null)[]; counts: number[] }>;
    };
    const t = new WholeCaseTally();
    t.events = o.events;
    for (const [k, n] of o.bySource) t.bySource.set(k, n);
    o.actorTypes.forEach((n, i) => (t.actorTypes[i] = n));
    o.outcomes.forEach((n, i) => (t.outcomes[i] = n));
    for (const c of TALLY_COLUMNS) {
      const { keys, counts } = o.values[c];
      const m = t.values[c];
      for (let i = 0; i < keys.length; i++) m.set(keys[i], counts[i]);
    }
    return t;
  }
}

/** Lowers a count by n, deleting it at 0; false when it holds less than n. */
function takeOut<K>(m: Map<K, number>, key: K, n: number): boolean {
  const left = (m.get(key) ?? 0) - n;
  if (left < 0) return false;
  if (left === 0) m.delete(key);
  else m.set(key, left);
  return true;
}

/** The most values a facet asks for (the engine's limit). */
export const HEAD_VALUES = 100;

export interface TallyHead {
  events: number;
  bySource: [number, number][];
  actorTypes: number[];
  outcomes: number[];
  distinctActors: number;
  /** Up to HEAD_VALUES values of each column, most frequent first (see topValues). */
  top: Record<TallyColumn, [string | null, number][]>;
}

/** The most frequent values, ties in value order (null first, as SQL sorts it), so every path agrees. */
export function topValues(m: Map<string | null, number>, limit: number): { value: string | null; count: number }[] {
  const before = (a: [string | null, number], b: [string | null, number]) =>
    a[1] !== b[1] ? a[1] > b[1] : a[0] === null ? b[0] !== null : b[0] !== null && a[0] < b[0];
  const top: [string | null, number][] = [];
  if (limit < 1) return [];
  // One pass keeping the top few: a column can hold 100,000s of values and the panel shows six.
  for (const e of m) {
    if (top.length === limit && !before(e, top[limit - 1])) continue;
    let i = Math.min(top.length, limit - 1);
    while (i > 0 && before(e, top[i - 1])) i--;
    top.splice(i, 0, e);
    if (top.length > limit) top.pop();
  }
  return top.map(([value, count]) => ({ value, count }));
}

const HEAD_KEY = 'overview';
const COUNTS_KEY = 'overview_counts';

/** Stored JSON: the version, the segment length it describes, and the body. */
function wrap(at: number, body: string): string {
  return `{"v":${VERSION},"at":${at},"body":${body}}`;
}

function unwrap(text: string | null, at: number): string | null {
  if (!text) return null;
  const m = /^\{"v":(\d+),"at":(\d+),"body":/.exec(text);
  return m && Number(m[1]) === VERSION && Number(m[2]) === at ? text.slice(m[0].length, -1) : null;
}

/** Counts handed out, with the segment length they describe and whether the case file holds them. */
interface Live {
  head: TallyHead;
  tally: WholeCaseTally | null;
  at: number;
  stored: boolean;
}

/**
 * The tally of a case across its changes. `at` is always the segment's current length: counts are only
 * handed out, or stored, for the length they were made at.
 */
export class KeptTally {
  private live: Live | null = null;
  /**
   * The open write transaction's counts: those it began from, the values of the rows it writes (inserted,
   * or rewritten to) and of the rows it rewrites (as they were). They meet at commit, so a rollback finds
   * the counts it began from untouched. Null when the counts cannot be kept up.
   */
  private open: { from: WholeCaseTally; added: WholeCaseTally; removed: WholeCaseTally } | null = null;
  /** `live` as the transaction began: a rollback puts it back. */
  private before: Live | null = null;

  constructor(private readStored: (key: string) => string | null) {}

  /** The overview's part: small, so a reopened case reads it at once. */
  head(at: number): TallyHead | null {
    if (this.live?.at === at) return this.live.head;
    const body = unwrap(this.readStored(HEAD_KEY), at);
    if (!body) return null;
    this.live = { head: JSON.parse(body) as TallyHead, tally: null, at, stored: true };
    return this.live.head;
  }

  /** Every value's count: read only when a write is to change them. */
  private full(at: number): WholeCaseTally | null {
    if (!this.head(at)) return null;
    const live = this.live!;
    if (!live.tally) {
      const body = unwrap(this.readStored(COUNTS_KEY), at);
      live.tally = body ? WholeCaseTally.parse(body) : null;
    }
    return live.tally;
  }

  /** Counts made from the rows as they are at `at`. */
  keep(tally: WholeCaseTally, at: number): void {
    this.live = { head: tally.head(), tally, at, stored: false };
  }

  /** A write transaction starts from the current counts (or, empty case, from none). */
  begin(at: number, emptyCase: boolean): void {
    const from = emptyCase ? new WholeCaseTally() : this.full(at);
    this.open = from && { from, added: new WholeCaseTally(), removed: new WholeCaseTally() };
    this.before = this.live;
    // Nothing reads the counts while rows are being written.
    this.live = null;
  }

  /** The open transaction keeps the counts up: rewritten rows are worth reading to take them out. */
  get counting(): boolean {
    return this.open !== null;
  }

  /** A row inserted, or the new values of a rewritten row. */
  add(src: number, atype: number, outcome: number, actor: string | null, action: string | null, ttype: string | null, ip: string | null): void {
    if (this.open && !this.open.added.add(src, atype, outcome, actor, action, ttype, ip)) this.open = null;
  }

  /** The old values of a row being rewritten (its new ones come in by add). */
  remove(src: number, atype: number, outcome: number, actor: string | null, action: string | null, ttype: string | null, ip: string | null): void {
    if (this.open && !this.open.removed.add(src, atype, outcome, actor, action, ttype, ip)) this.open = null;
  }

  /** Rows were changed other than by insert() or a counted rewrite: the counts cannot follow. */
  rowsRewritten(): void {
    this.open = null;
  }

  commit(at: number): void {
    const o = this.open;
    this.open = null;
    this.before = null;
    if (!o) return;
    // Old values out before new ones in, so a column's distinct values are checked as they end up,
    // as countRows would. A first import's counts are just its rows' (nothing to merge them into).
    const fresh = o.from.events === 0 && o.removed.events === 0;
    const counts = fresh ? o.added : o.from.subtract(o.removed) && o.from.merge(o.added) ? o.from : null;
    if (counts) this.keep(counts, at);
  }

  rollback(): void {
    this.open = null;
    this.live = this.before;
    this.before = null;
  }

  /** Meta rows to write into the case file, when the counts changed since last written. */
  unstored(at: number): [string, string][] {
    const live = this.live;
    if (!live || live.stored || live.at !== at || !live.tally) return [];
    live.stored = true;
    return [
      [HEAD_KEY, wrap(at, JSON.stringify(live.head))],
      [COUNTS_KEY, wrap(at, live.tally.serialize())],
    ];
  }

  /** Benchmarks: forget what is in memory, so the next look reads the stored counts again. */
  dropLive(): void {
    if (this.live?.stored) this.live = null;
  }
}
