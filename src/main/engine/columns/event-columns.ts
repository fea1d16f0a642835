// The column set of a case: the model fields of every event as typed arrays (text fields
// dictionary-encoded), in id order, plus the time order. Loaded once from the events table, then kept
// equal to it: rows appended on every commit (from the rows the import inserted, else read back), a
// source's rows read again when a remap rewrote them, and everything read again when a write changed
// rows some other way (or the counts disagree).
import type { Database } from 'sql.js';
import type { CaseStore } from '../store/case-store';
import type { ColumnHooks } from '../store/column-hooks';
import { ColumnCursor } from '../store/column-cursor';
import { DictColumn, type DictParts } from './dictionary';
import { GrowingF64, GrowingU32, GrowingU8 } from './growing';
import { mergeAppended, timeOrder } from './time-order';

/** The events table's text columns, as the SQL path names them. */
export const TEXT_COLUMNS = ['actor', 'action', 'ttype', 'tid', 'req', 'eid', 'ip'] as const;
export type TextColumn = (typeof TEXT_COLUMNS)[number];
/** tflag's NULL (no time problem) in its Uint8 column. */
export const NO_FLAG = 255;

const NUMERIC = ['id', 't', `ifnull(tflag, ${NO_FLAG})`, 'src', 'atype', 'outcome'];
const SELECT = `SELECT ${[...NUMERIC, ...TEXT_COLUMNS].join(', ')} FROM events`;
const BATCH = 4096;

/**
 * How each commit's new rows reached the columns: taken as the import inserted them, read back from
 * SQL, or with every row read again (wholeReads). Tests read it.
 */
export const appendedRows = { fromInserts: 0, readBack: 0, wholeReads: 0 };

/** String.prototype.isWellFormed (Node 20), not yet in the ES2023 lib. */
type WellFormed = string & { isWellFormed(): boolean };

/** Every array of a column set, as column-file.ts saves and reads them. */
export interface SavedColumns {
  ids: Float64Array;
  t: Float64Array;
  tflag: Uint8Array;
  src: Uint32Array;
  atype: Uint8Array;
  outcome: Uint8Array;
  order: Uint32Array;
  codes: Record<TextColumn, Uint32Array>;
  text: Record<TextColumn, DictParts>;
}

export class EventColumns implements ColumnHooks {
  readonly ids = new GrowingF64();
  readonly t = new GrowingF64();
  readonly tflag = new GrowingU8();
  readonly src = new GrowingU32();
  readonly atype = new GrowingU8();
  readonly outcome = new GrowingU8();
  readonly text = Object.fromEntries(TEXT_COLUMNS.map((c) => [c, new DictColumn()])) as Record<TextColumn, DictColumn>;
  /** Row positions sorted by (t, id). */
  order: Uint32Array = new Uint32Array(0);
  /** Bumped on every change of the rows: masks and answers are kept per version. */
  version = 0;
  private pending = new Set<number | null>();
  /** Rows of the open transaction, written past `length` as they were inserted; counted in at commit. */
  private staged = 0;
  /** A staged row could differ from what SQL gives back (see inserted()): the commit reads every row. */
  private unsure = false;
  private scratch = Buffer.alloc(1 << 12);

  private constructor(private readonly store: CaseStore) {}

  /** Reads every event of the case (see the bench's load figure). */
  static load(store: CaseStore): EventColumns {
    const c = new EventColumns(store);
    store.withDb((db) => c.read(db, `${SELECT} ORDER BY id`, [], true));
    c.order = timeOrder(c.t.data, c.ids.data, c.length);
    return c;
  }

  /** A column set over saved arrays (column-file.ts), equal to the table it was saved from. */
  static fromParts(store: CaseStore, p: SavedColumns): EventColumns {
    const c = new EventColumns(store);
    const set = (g: { data: unknown; length: number }, data: Float64Array | Uint32Array | Uint8Array) => {
      g.data = data;
      g.length = data.length;
    };
    set(c.ids, p.ids);
    set(c.t, p.t);
    set(c.tflag, p.tflag);
    set(c.src, p.src);
    set(c.atype, p.atype);
    set(c.outcome, p.outcome);
    for (const col of TEXT_COLUMNS) c.text[col] = DictColumn.fromParts(p.text[col], p.codes[col]);
    c.order = p.order;
    return c;
  }

  /** The arrays save() writes, each cut to the rows held. */
  parts(): SavedColumns {
    const n = this.length;
    return {
      ids: this.ids.data.subarray(0, n),
      t: this.t.data.subarray(0, n),
      tflag: this.tflag.data.subarray(0, n),
      src: this.src.data.subarray(0, n),
      atype: this.atype.data.subarray(0, n),
      outcome: this.outcome.data.subarray(0, n),
      order: this.order,
      codes: Object.fromEntries(TEXT_COLUMNS.map((col) => [col, this.text[col].codes.data.subarray(0, n)])) as Record<TextColumn, Uint32Array>,
      text: Object.fromEntries(TEXT_COLUMNS.map((col) => [col, this.text[col].parts()])) as Record<TextColumn, DictParts>,
    };
  }

  get length(): number {
    return this.ids.length;
  }

  /** The row position of an event id, or -1. */
  rowOf(id: number): number {
    const ids = this.ids.data;
    let lo = 0;
    let hi = this.length - 1;
    // Ids are dense unless events were never inserted (a rolled-back import leaves no gap: ids restart).
    const guess = id - ids[0];
    if (guess >= 0 && guess <= hi && ids[guess] === id) return guess;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid] < id) lo = mid + 1;
      else if (ids[mid] > id) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /**
   * One row the open transaction inserted, with the values given to SQL (event-writer.ts's layout),
   * staged past the committed rows so that the commit need not read them back.
   */
  inserted(id: number, src: number, nums: Float64Array, n: number, strs: readonly (string | null)[], s: number): void {
    const row = this.length + this.staged;
    if (this.unsure || (row > 0 && !(id > this.ids.data[row - 1]))) {
      this.unsure = true;
      return;
    }
    for (let k = 0; k < TEXT_COLUMNS.length; k++) {
      const v = strs[s + k];
      // SQLite keeps what sql.js encodes: a lone surrogate (or a non-string) may not read back as Buffer's UTF-8.
      if (v !== null && (typeof v !== 'string' || !(v as WellFormed).isWellFormed())) {
        this.unsure = true;
        return;
      }
    }
    // One check per row (not 13 reserve calls): every array grows together, so ids' room is theirs.
    if (row >= this.room) this.room = this.grow(row + 1);
    this.ids.data[row] = id;
    // + 0 turns -0 into the 0 SQLite gives back for an INTEGER column.
    this.t.data[row] = nums[n] + 0;
    this.tflag.data[row] = nums[n + 1] < 0 ? NO_FLAG : nums[n + 1];
    this.src.data[row] = src;
    this.atype.data[row] = nums[n + 2];
    this.outcome.data[row] = nums[n + 3];
    for (let k = 0; k < TEXT_COLUMNS.length; k++) {
      const dict = this.text[TEXT_COLUMNS[k]];
      dict.codes.data[row] = this.internText(dict, strs[s + k]);
    }
    this.staged++;
  }

  /** The code of a text as the read from SQL would intern its bytes, without a string or buffer per value. */
  private internText(dict: DictColumn, v: string | null): number {
    if (v === null) return 0;
    // A UTF-16 unit takes at most 3 bytes of UTF-8.
    if (3 * v.length > this.scratch.length) this.scratch = Buffer.alloc(3 * v.length);
    return dict.internBytes(this.scratch, 0, this.scratch.write(v, 0, 'utf8'));
  }

  committed(): void {
    try {
      const rewritten = this.pending;
      this.pending = new Set();
      const staged = this.takeStaged();
      this.store.withDb((db) => {
        if (staged === null) return this.reloadAll();
        const before = this.length - staged;
        const last = before ? this.ids.data[before - 1] : 0;
        if (staged) appendedRows.fromInserts++;
        else {
          // Rows inserted some other way than insert() (none today): a commit without inserts finds none.
          this.read(db, `${SELECT} WHERE id > ? ORDER BY id`, [last], true);
          if (this.length > before) appendedRows.readBack++;
        }
        if (rewritten.has(null)) return this.reloadAll();
        for (const src of rewritten) {
          if (src !== null) this.read(db, `${SELECT} WHERE src = ? AND id <= ? ORDER BY id`, [src, last], false);
        }
        const count = Number(db.exec('SELECT count(*) FROM events')[0]?.values[0]?.[0] ?? 0);
        if (count !== this.length) return this.reloadAll();
        this.order = rewritten.size
          ? timeOrder(this.t.data, this.ids.data, this.length)
          : mergeAppended(this.order, this.t.data, this.ids.data, before, this.length);
      });
      this.version++;
    } catch {
      // The commit stands; columns that may disagree with the table are dropped, and read again on next use.
      this.store.columns = null;
    }
  }

  rewritten(src: number | null): void {
    this.pending.add(src);
  }

  rolledBack(): void {
    this.pending.clear();
    // Staged rows may have added values to the dictionaries: this set is read again (from the column file) before its next use.
    if (this.staged || this.unsure) this.store.columns = null;
    this.staged = 0;
    this.unsure = false;
  }

  /** Counts the staged rows in (their number), or null when one may differ from its row in SQL. */
  private takeStaged(): number | null {
    const n = this.staged;
    const unsure = this.unsure;
    this.staged = 0;
    this.unsure = false;
    if (unsure) return null;
    if (n) for (const g of this.all()) g.length += n;
    return n;
  }

  /** This set is replaced by a fresh read of the table (store.columns is where every reader gets it). */
  private reloadAll(): void {
    appendedRows.wholeReads++;
    this.store.columns = EventColumns.load(this.store);
  }

  /**
   * Reads rows of a SELECT (columns as SELECT lists them): appended after the rows held, or over the
   * rows of the same ids.
   */
  private read(db: Database, sql: string, params: number[], append: boolean): void {
    const cursor = ColumnCursor.open(db, sql, params, NUMERIC.length, TEXT_COLUMNS.length, BATCH);
    if (!cursor) return this.readSlow(db, sql, params, append);
    const dicts = TEXT_COLUMNS.map((c) => this.text[c]);
    const w = NUMERIC.length;
    const tw = TEXT_COLUMNS.length;
    try {
      for (let b = cursor.next(); b; b = cursor.next()) {
        const { nums, text, textAt } = b;
        const rows = this.positions(nums, w, b.n, append);
        const ids = this.ids.data;
        const t = this.t.data;
        const tflag = this.tflag.data;
        const src = this.src.data;
        const atype = this.atype.data;
        const outcome = this.outcome.data;
        for (let k = 0; k < tw; k++) {
          const dict = dicts[k];
          const codes = dict.codes.data;
          for (let i = 0, p = 2 * k; i < b.n; i++, p += 2 * tw) codes[rows[i]] = dict.internBytes(text, textAt[p], textAt[p + 1]);
        }
        for (let i = 0; i < b.n; i++) {
          const row = rows[i];
          ids[row] = nums[i * w];
          t[row] = nums[i * w + 1];
          tflag[row] = nums[i * w + 2];
          src[row] = nums[i * w + 3];
          atype[row] = nums[i * w + 4];
          outcome[row] = nums[i * w + 5];
        }
      }
    } finally {
      cursor.free();
    }
  }

  /** Without the wasm memory (column-cursor.ts): the same through sql.js's statements. */
  private readSlow(db: Database, sql: string, params: number[], append: boolean): void {
    const stmt = db.prepare(sql);
    try {
      stmt.bind(params);
      while (stmt.step()) {
        const r = stmt.get() as (number | string | null)[];
        const [row] = this.positions(new Float64Array([Number(r[0])]), 1, 1, append);
        this.ids.data[row] = Number(r[0]);
        this.t.data[row] = Number(r[1]);
        this.tflag.data[row] = Number(r[2]);
        this.src.data[row] = Number(r[3]);
        this.atype.data[row] = Number(r[4]);
        this.outcome.data[row] = Number(r[5]);
        TEXT_COLUMNS.forEach((c, k) => {
          const v = r[NUMERIC.length + k];
          this.text[c].codes.data[row] = this.text[c].intern(v == null ? null : String(v));
        });
      }
    } finally {
      stmt.free();
    }
  }

  private rowAt = new Uint32Array(BATCH);

  private all() {
    return [this.ids, this.t, this.tflag, this.src, this.atype, this.outcome, ...TEXT_COLUMNS.map((c) => this.text[c].codes)];
  }

  /** Rows every array has room for (inserted() checks it, then grows them all). */
  private room = 0;

  /** Gives every array room for n rows; returns the room all of them have. */
  private grow(n: number): number {
    let room = Infinity;
    for (const g of this.all()) {
      g.reserve(n);
      room = Math.min(room, g.data.length);
    }
    return room;
  }

  /**
   * The positions of a batch's rows (ids at nums[i * w]): appended, the next ones (the arrays grow by n);
   * else those of the ids already held.
   */
  private positions(nums: Float64Array, w: number, n: number, append: boolean): Uint32Array {
    const rows = this.rowAt;
    if (append) {
      const base = this.length;
      this.grow(base + n);
      for (let i = 0; i < n; i++) rows[i] = base + i;
      for (const g of this.all()) g.length = base + n;
      return rows;
    }
    for (let i = 0; i < n; i++) {
      const row = this.rowOf(nums[i * w]);
      if (row < 0) throw new Error(`event ${nums[i * w]} is not in the columns`);
      rows[i] = row;
    }
    return rows;
  }

  /** Bytes of the typed arrays and dictionaries (V8's strings of the dictionary values not counted). */
  bytes(): number {
    const fixed = [this.ids, this.t, this.tflag, this.src, this.atype, this.outcome].reduce((n, g) => n + g.bytes(), 0);
    return fixed + this.order.byteLength + TEXT_COLUMNS.reduce((n, c) => n + this.text[c].bytes(), 0);
  }
}
