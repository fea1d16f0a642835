// Model rows going into sql.js during an import's transaction: one prepared INSERT, ids handed out in
// order, and secondary indexes dropped for a bulk import and built again at its end (much faster in
// sql.js than keeping them up row by row).
import type { Database, Statement } from 'sql.js';
import { INDEXES } from './schema';
import { scalar } from './scalar';
import type { KeptTally } from './whole-case-tally';

/** A stored row's model fields as a remap derives them anew, with its new segment entry. */
export interface RewrittenRow {
  id: number;
  t: number;
  tflag: number | null;
  actor: string | null;
  atype: number;
  action: string | null;
  ttype: string | null;
  tid: string | null;
  outcome: number;
  req: string | null;
  eid: string | null;
  ip: string | null;
  off: number;
  len: number;
}

export class EventWriter {
  private insertStmt: Statement | null = null;
  private indexesDropped = false;
  private rowValues: (string | number | null)[] = new Array(17).fill(null);
  private nextRowid = 1;

  constructor(
    private readonly db: Database,
    private readonly tally: KeptTally,
  ) {}

  /** Rows are being inserted: a transaction is open and its rows may still roll back. */
  get open(): boolean {
    return this.insertStmt !== null;
  }

  /** Inside a BEGIN: bulk imports (many rows relative to the case) drop secondary indexes; returns the first new id. */
  start(expectedRows: number, existing: number): number {
    if (expectedRows > 50_000 && expectedRows > existing / 4) {
      for (const name of Object.keys(INDEXES)) this.db.run(`DROP INDEX IF EXISTS ${name}`);
      this.indexesDropped = true;
    }
    this.insertStmt = this.db.prepare(
      'INSERT INTO events(id,src,t,tflag,actor,atype,action,ttype,tid,outcome,req,eid,ip,h,off,len,flags) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
    );
    this.nextRowid = Number(scalar(this.db, 'SELECT coalesce(max(id), 0) FROM events')) + 1;
    return this.nextRowid;
  }

  /**
   * Inserts one event whose segment entry was appended at off, from a prepared batch's columns
   * (see prepared-batch.ts); returns its id.
   */
  insert(src: number, nums: Float64Array, n: number, strs: (string | null)[], s: number, off: number, len: number, flags: string[] | null): number {
    const v = this.rowValues;
    const id = this.nextRowid++;
    v[0] = id;
    v[1] = src;
    v[2] = nums[n];
    v[3] = nums[n + 1] < 0 ? null : nums[n + 1];
    v[4] = strs[s];
    v[5] = nums[n + 2];
    v[6] = strs[s + 1];
    v[7] = strs[s + 2];
    v[8] = strs[s + 3];
    v[9] = nums[n + 3];
    v[10] = strs[s + 4];
    v[11] = strs[s + 5];
    v[12] = strs[s + 6];
    v[13] = nums[n + 4];
    v[14] = off;
    v[15] = len;
    v[16] = flags ? JSON.stringify(flags) : null;
    this.insertStmt!.run(v);
    this.tally.add(src, v[5], v[9], v[4], v[6], v[7], v[12]);
    return id;
  }

  /** Rewrites the model fields of rows of source src in the open transaction, counting their new values in. */
  rewrite(src: number, rows: readonly RewrittenRow[]): void {
    const stmt = this.db.prepare('UPDATE events SET t=?,tflag=?,actor=?,atype=?,action=?,ttype=?,tid=?,outcome=?,req=?,eid=?,ip=?,off=?,len=? WHERE id=?');
    try {
      for (const r of rows) {
        stmt.run([r.t, r.tflag, r.actor, r.atype, r.action, r.ttype, r.tid, r.outcome, r.req, r.eid, r.ip, r.off, r.len, r.id]);
        this.tally.add(src, r.atype, r.outcome, r.actor, r.action, r.ttype, r.ip);
      }
    } finally {
      stmt.free();
    }
  }

  /** No more rows: frees the statement. */
  finish(): void {
    this.insertStmt?.free();
    this.insertStmt = null;
  }

  /** Before COMMIT: builds again the indexes start() dropped. */
  rebuildIndexes(): void {
    if (!this.indexesDropped) return;
    for (const ddl of Object.values(INDEXES)) this.db.run(ddl);
    this.indexesDropped = false;
  }

  /** ROLLBACK brought the dropped indexes back. */
  rolledBack(): void {
    this.indexesDropped = false;
  }
}
