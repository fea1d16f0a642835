// A statement read through SQLite's own C API in sql.js's wasm, for the export's fast lane. sql.js's
// Statement.get builds an array per row and decodes every text cell into a string; an export then
// re-encodes those strings into bytes. Here numbers come back as doubles and text cells as the UTF-8
// bytes SQLite holds, copied straight out of wasm memory, a batch of rows at a time.
import type { Database, SqlJsStatic } from 'sql.js';
import { sqlJsInternals } from './sqljs';

/** The C functions sql.js exports but does not type. */
interface SqliteC {
  _malloc(n: number): number;
  _free(p: number): void;
  _sqlite3_prepare_v2(db: number, sql: number, n: number, stmt: number, tail: number): number;
  _sqlite3_bind_double(stmt: number, i: number, v: number): number;
  _sqlite3_bind_int(stmt: number, i: number, v: number): number;
  _sqlite3_bind_text(stmt: number, i: number, p: number, n: number, destructor: number): number;
  _sqlite3_step(stmt: number): number;
  _sqlite3_column_double(stmt: number, i: number): number;
  _sqlite3_column_text(stmt: number, i: number): number;
  _sqlite3_column_bytes(stmt: number, i: number): number;
  _sqlite3_finalize(stmt: number): number;
  _sqlite3_errmsg(db: number): number;
}

const SQLITE_ROW = 100;
const SQLITE_DONE = 101;
/** SQLITE_TRANSIENT: SQLite copies a bound text before the call returns. */
const TRANSIENT = -1;

/**
 * One batch: `n` rows; numeric column k of row i at nums[i * numeric + k] (never NULL: a NULL reads
 * as 0, so a nullable column is selected through ifnull with a value it cannot hold); text
 * column k of row i as text[textAt[2 * (i * texts + k)], textAt[2 * (i * texts + k) + 1]), start -1
 * when NULL; row i's text cells all lie in text[rowText[i], rowText[i + 1]). Two sets of arrays take
 * turns, so a batch stays readable while the next one is read, until the one after that.
 */
export interface ColumnBatch {
  n: number;
  nums: Float64Array;
  text: Uint8Array;
  textAt: Int32Array;
  rowText: Int32Array;
}

export class ColumnCursor {
  private readonly c: SqliteC;
  private readonly memory: WebAssembly.Memory;
  private heap: Uint8Array;
  private stmt = 0;
  private done = false;
  private batches: [ColumnBatch, ColumnBatch];
  private turn = 0;

  /** Null when sql.js's wasm memory could not be reached: callers use Statement instead. */
  static open(db: Database, sql: string, params: readonly (string | number | null)[], numeric: number, texts: number, size: number): ColumnCursor | null {
    const internals = sqlJsInternals();
    if (!internals?.memory) return null;
    return new ColumnCursor(internals.SQL, internals.memory, db, sql, params, numeric, texts, size);
  }

  private constructor(
    SQL: SqlJsStatic,
    memory: WebAssembly.Memory,
    private readonly db: Database,
    sql: string,
    params: readonly (string | number | null)[],
    /** The first `numeric` result columns are numbers, the `texts` after them text. */
    private readonly numeric: number,
    private readonly texts: number,
    private readonly size: number,
  ) {
    this.c = SQL as unknown as SqliteC;
    this.memory = memory;
    this.heap = new Uint8Array(memory.buffer);
    const batch = (): ColumnBatch => ({
      n: 0,
      nums: new Float64Array(size * numeric),
      text: new Uint8Array(1 << 18),
      textAt: new Int32Array(2 * size * texts),
      rowText: new Int32Array(size + 1),
    });
    this.batches = [batch(), batch()];
    const c = this.c;
    const dbPtr = this.dbPtr();
    const out = c._malloc(4);
    const sqlPtr = this.copyIn(sql);
    try {
      this.check(c._sqlite3_prepare_v2(dbPtr, sqlPtr, -1, out, 0));
      this.stmt = new Int32Array(this.memory.buffer, out, 1)[0];
      params.forEach((v, i) => {
        if (v === null) return; // unbound parameters are NULL
        if (typeof v === 'number') {
          this.check((v | 0) === v ? c._sqlite3_bind_int(this.stmt, i + 1, v) : c._sqlite3_bind_double(this.stmt, i + 1, v));
          return;
        }
        const p = this.copyIn(v);
        try {
          this.check(c._sqlite3_bind_text(this.stmt, i + 1, p, -1, TRANSIENT));
        } finally {
          c._free(p);
        }
      });
    } catch (e) {
      this.free();
      throw e;
    } finally {
      c._free(out);
      c._free(sqlPtr);
    }
  }

  /** sql.js's Database keeps its sqlite3 pointer in `db`. */
  private dbPtr(): number {
    const p = (this.db as unknown as { db?: unknown }).db;
    if (typeof p !== 'number' || !p) throw new Error('the database is closed');
    return p;
  }

  private copyIn(text: string): number {
    const bytes = Buffer.from(`${text}\0`, 'utf8');
    const p = this.c._malloc(bytes.length);
    new Uint8Array(this.memory.buffer, p, bytes.length).set(bytes);
    return p;
  }

  private check(rc: number): void {
    if (rc === 0) return;
    const p = this.c._sqlite3_errmsg(this.dbPtr());
    const heap = new Uint8Array(this.memory.buffer);
    throw new Error(Buffer.from(heap.subarray(p, heap.indexOf(0, p))).toString('utf8'));
  }

  /** The next batch of up to `size` rows, or null after the last. */
  next(): ColumnBatch | null {
    if (this.done) return null;
    const c = this.c;
    const stmt = this.stmt;
    const { numeric, texts } = this;
    const b = this.batches[this.turn];
    this.turn ^= 1;
    let text = b.text;
    const { nums, textAt, rowText } = b;
    let tp = 0;
    let n = 0;
    while (n < this.size) {
      const rc = c._sqlite3_step(stmt);
      if (rc !== SQLITE_ROW) {
        if (rc !== SQLITE_DONE) this.check(rc);
        this.done = true;
        break;
      }
      // A step may grow wasm memory, which detaches the old view.
      if (this.heap.byteLength === 0) this.heap = new Uint8Array(this.memory.buffer);
      const heap = this.heap;
      const nb = n * numeric;
      for (let k = 0; k < numeric; k++) nums[nb + k] = c._sqlite3_column_double(stmt, k);
      rowText[n] = tp;
      const tb = 2 * n * texts;
      for (let k = 0; k < texts; k++) {
        const col = numeric + k;
        const p = c._sqlite3_column_text(stmt, col);
        if (p === 0) {
          textAt[tb + 2 * k] = -1;
          textAt[tb + 2 * k + 1] = -1;
          continue;
        }
        const len = c._sqlite3_column_bytes(stmt, col);
        if (tp + len > text.length) {
          const bigger = new Uint8Array(Math.max(2 * text.length, tp + len));
          bigger.set(text.subarray(0, tp));
          text = b.text = bigger;
        }
        // column_text may have converted the value, moving memory: read the heap afresh.
        const h = heap.byteLength ? heap : (this.heap = new Uint8Array(this.memory.buffer));
        if (len > 24) text.set(h.subarray(p, p + len), tp);
        else for (let j = 0; j < len; j++) text[tp + j] = h[p + j];
        textAt[tb + 2 * k] = tp;
        tp += len;
        textAt[tb + 2 * k + 1] = tp;
      }
      n++;
    }
    b.n = n;
    rowText[n] = tp;
    if (this.done) this.free();
    return n ? b : null;
  }

  free(): void {
    this.done = true;
    if (this.stmt) this.c._sqlite3_finalize(this.stmt);
    this.stmt = 0;
  }
}
