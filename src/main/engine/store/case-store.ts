// A case on disk: a folder holding the sql.js database (model fields, indexes, sources) and the
// append-only segment of raw records. Saving writes the database atomically after the segment is
// synced, so a crash at any point leaves the last saved case intact.
import fs from 'node:fs';
import path from 'node:path';
import type { Database, Statement } from 'sql.js';
import type { CaseInfo, QueryResult, SourceInfo } from '../../../shared/contract';
import type { AuditEvent, EventRow } from '../../../shared/event';
import type { EventQuery } from '../../../shared/query';
import { DEFAULT_PAGE, MAX_PAGE } from '../../../shared/query';
import type { Mapping } from '../../../shared/mapping';
import { isTextEncoding, type TextEncoding } from '../../../shared/text-encoding';
import { loadSqlJs } from './sqljs';
import { readWhole } from './read-whole';
import { ColumnCursor, type ColumnBatch } from './column-cursor';
import { writeFileAtomic } from './atomic-write';
import { CaseBusy, CaseLock } from './case-lock';
import { cleanStaleTemps, readOnlyReason, saveFailure } from './case-files';
import { BlockSums, SUM_FILE, readSums, writeSums } from './db-checksum';
import { Segment } from './segment';
import { decodeEntry, type EventExtras } from './extras';
import { CREATE_TABLES, INDEXES, NO_TIME, SCHEMA_VERSION, ADDED_COLUMNS, decodeActorType, decodeOutcome, decodeTimeFlag } from './schema';
import { orderClause, whereClause } from './query-sql';
import { registerQlFunctions } from './query-ql';
import { CREATE_SEARCH, searchText } from './search-index';
import { SearchHits } from './search-hits';
import { KeptTally, type TallyHead, type WholeCaseTally } from './whole-case-tally';
import { parseSearch, snippet, toMatchExpression } from '../../../shared/search';
import { compileDiffMapping } from '../mapping';
import type { ColumnHooks } from './column-hooks';
import { parseJsonExact } from '../import/exact-json';
import { JOURNAL_FILE } from './annotation-journal';
import { AnnotationLog } from './annotation-log';
import type { JournalRecord } from './annotation-records';

export const DB_FILE = 'case.sqlite';
/** Above this many full-text hits a page is found by walking the time index (see whereClause). */
const SEARCH_PROBE_MIN = 2000;

/** The query filters by full-text search and nothing else. */
function onlySearch(q: EventQuery): boolean {
  return !q.where?.length && !q.text?.trim() && !q.tag && !q.bookmarked && !q.noted && !q.finding && !q.from && !q.to;
}
export const SEGMENT_FILE = 'raw.seg';
export const INCOMING_DIR = 'incoming';

export interface NewSource {
  kind: 'file' | 'api';
  name: string;
  path: string;
  originalName: string | null;
  sha256: string;
  format: string;
  vendor: string;
  gzip: boolean;
  /** Only for a file not in UTF-8: its records were decoded from this encoding. */
  encoding?: TextEncoding;
  mapping: Mapping;
}

const ROW_COLUMNS = 'id,t,tflag,src,actor,atype,action,ttype,tid,outcome,req,eid,ip,off,len,flags';

export class CaseStore {
  private insertStmt: Statement | null = null;
  private sourceCache = new Map<number, SourceInfo>();
  private savedAt: string | null;
  /** Bulk imports skip index maintenance and rebuild at the end (much faster in sql.js). */
  private indexesDropped = false;
  private hits: SearchHits;
  private tally = new KeptTally((key) => this.meta(key));
  private lock: CaseLock;
  /** case.sqlite as this process last read or wrote it: another process's save changes it. */
  private diskStamp = '';
  /** The column engine's copy of the events (columns/), told of every committed change; null until read. */
  columns: ColumnHooks | null = null;
  /** Set when a save failed after the change was made in memory: this copy no longer matches the disk. */
  private saveFailed: string | null = null;
  /** BEGIN was run and neither COMMIT nor ROLLBACK yet. */
  private inTransaction = false;
  /** A transaction was committed without saving (sync saves every few pages): the lock must stay. */
  private unsavedCommit = false;
  /** Annotations and views saved since the last full save (annotations.jsonl), applied to the tables. */
  private annotationLog: AnnotationLog;
  /** Run after each save with the writer lock still held (the engine saves the column file here); must not throw. */
  afterSave: (() => void) | null = null;

  private constructor(
    readonly dir: string,
    private db: Database,
    private segment: Segment,
    /** Why the case cannot be changed (a read-only drive or folder, or asked for), or null. */
    readonly readOnly: string | null = null,
    /** What is wrong with case.sqlite (db-checksum.ts): the case is read, never written. */
    readonly damaged: string | null = null,
    /** The checksum of case.sqlite as this process last read or wrote it. */
    private diskSum: string | null = null,
  ) {
    this.savedAt = this.meta('saved_at');
    this.lock = new CaseLock(dir);
    this.annotationLog = new AnnotationLog(dir, Number(this.meta('journal_seq') ?? 0));
    this.diskStamp = this.stampOnDisk();
    // An import's transaction may still roll back; outside it the full-text index is all in its segments.
    this.hits = new SearchHits(db, () => !this.insertStmt);
    registerQlFunctions(db, (off, len) => this.rawAt(off, len));
    // The database file lives in sql.js's in-memory filesystem, where every page write is a JS copy:
    // keep the rollback journal and a generous page cache in the heap instead.
    db.run(`PRAGMA journal_mode=${process.env.AD_JOURNAL ?? 'MEMORY'}; PRAGMA cache_size=${process.env.AD_CACHE ?? -131072}; PRAGMA temp_store=MEMORY`);
  }

  static async open(dir: string, opts: { create?: boolean; readOnly?: boolean } = {}): Promise<CaseStore> {
    const abs = path.resolve(dir);
    const dbFile = path.join(abs, DB_FILE);
    const SQL = await loadSqlJs();
    if (!fs.existsSync(dbFile)) {
      if (!opts.create) throw new Error(`no case at ${abs} (create it with import, or open with create)`);
      if (fs.existsSync(abs) && fs.readdirSync(abs).length) {
        throw new Error(`${abs} exists and is not an AuditDesk case (no ${DB_FILE})`);
      }
      fs.mkdirSync(abs, { recursive: true, mode: 0o700 });
      const db = new SQL.Database();
      db.run(CREATE_TABLES);
      for (const ddl of Object.values(INDEXES)) db.run(ddl);
      const store = new CaseStore(abs, db, new Segment(path.join(abs, SEGMENT_FILE), 0, { create: true }));
      store.setMeta('schema_version', String(SCHEMA_VERSION));
      store.setMeta('created_at', new Date().toISOString());
      store.save();
      return store;
    }
    const { buf, sums } = await readWhole(dbFile);
    const saved = readSums(abs);
    const damaged = saved && !saved.includes(sums.value) ? `${DB_FILE} does not match the checksum saved with it (${path.basename(SUM_FILE)})` : null;
    const db = new SQL.Database(buf);
    let version: number;
    try {
      version = Number(metaValue(db, 'schema_version'));
    } catch (e) {
      db.close();
      throw new Error(`${dbFile} is damaged and cannot be read (${(e as Error).message}); nothing was changed`);
    }
    if (version !== SCHEMA_VERSION) {
      db.close();
      throw new Error(`${abs} was written by another AuditDesk version (case schema ${version}, this one reads ${SCHEMA_VERSION})`);
    }
    // Tables added since (sync state) are created on open; every statement is IF NOT EXISTS.
    db.run(CREATE_TABLES);
    addMissingColumns(db);
    const committed = Number(metaValue(db, 'segment_length') ?? 0);
    const readOnly = opts.readOnly ? 'opened read-only' : readOnlyReason(abs, [DB_FILE, SEGMENT_FILE, JOURNAL_FILE]);
    let segment: Segment;
    try {
      segment = new Segment(path.join(abs, SEGMENT_FILE), committed);
    } catch (e) {
      db.close();
      throw e;
    }
    const store = new CaseStore(abs, db, segment, readOnly, damaged, sums.value);
    store.annotationLog.catchUp(db);
    if (!readOnly && !damaged) cleanStaleTemps(abs, store.lock);
    return store;
  }

  get name(): string {
    return path.basename(this.dir);
  }

  get incomingDir(): string {
    const dir = path.join(this.dir, INCOMING_DIR);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  }

  // ---- metadata ---------------------------------------------------------------------------------

  private meta(key: string): string | null {
    return metaValue(this.db, key);
  }

  private setMeta(key: string, value: string): void {
    this.db.run('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)', [key, value]);
  }

  info(): CaseInfo {
    const count = Number(this.scalar('SELECT count(*) FROM events'));
    // Two statements, not one: SQLite reads a lone min() or max() off the ev_t index's ends, but a
    // min and max together scan every row (~300 ms at 1M, on every open).
    const from = this.scalar(`SELECT min(t) FROM events WHERE t < ${NO_TIME}`);
    const to = this.scalar(`SELECT max(t) FROM events WHERE t < ${NO_TIME}`);
    return {
      path: this.dir,
      name: this.name,
      events: count,
      sources: this.sources(),
      timeRange: from != null ? { from: new Date(Number(from)).toISOString(), to: new Date(Number(to)).toISOString() } : null,
      savedAt: this.savedAt,
      ...(this.readOnly || this.damaged ? { readOnly: true } : {}),
      ...(this.damaged ? { damaged: this.damaged } : {}),
      ...(this.annotationLog.warnings.length ? { warnings: [...this.annotationLog.warnings] } : {}),
    };
  }

  private scalar(sql: string, params: (string | number | null)[] = []): unknown {
    return this.db.exec(sql, params)[0]?.values[0]?.[0] ?? null;
  }

  // ---- sources ----------------------------------------------------------------------------------

  sources(): SourceInfo[] {
    const res = this.db.exec('SELECT id FROM sources ORDER BY id')[0];
    return (res?.values ?? []).map((r) => this.source(Number(r[0])));
  }

  source(id: number): SourceInfo {
    const hit = this.sourceCache.get(id);
    if (hit) return hit;
    const stmt = this.db.prepare('SELECT id,name,path,original_name,sha256,format,vendor,events,imported_at,mapping FROM sources WHERE id = ?');
    try {
      stmt.bind([id]);
      if (!stmt.step()) throw new Error(`no source ${id} in this case`);
      const r = stmt.getAsObject();
      const info: SourceInfo = {
        id: Number(r.id),
        name: String(r.name),
        path: String(r.path),
        originalName: (r.original_name as string | null) ?? null,
        sha256: String(r.sha256),
        format: String(r.format),
        vendor: String(r.vendor),
        events: Number(r.events),
        importedAt: String(r.imported_at),
        mappingOrigin: (JSON.parse(String(r.mapping)) as Mapping).origin,
      };
      this.sourceCache.set(id, info);
      return info;
    } finally {
      stmt.free();
    }
  }

  sourceMapping(id: number): Mapping {
    return JSON.parse(String(this.scalar('SELECT mapping FROM sources WHERE id = ?', [id]))) as Mapping;
  }

  private gzipCache = new Map<number, boolean>();

  sourceGzip(id: number): boolean {
    let gz = this.gzipCache.get(id);
    if (gz === undefined) {
      gz = Number(this.scalar('SELECT gzip FROM sources WHERE id = ?', [id])) === 1;
      this.gzipCache.set(id, gz);
    }
    return gz;
  }

  private encodingCache = new Map<number, TextEncoding | null>();

  /** The encoding a file source was decoded from, or null for UTF-8 (read as it is). */
  sourceEncoding(id: number): TextEncoding | null {
    let enc = this.encodingCache.get(id);
    if (enc === undefined) {
      const v = this.scalar('SELECT encoding FROM sources WHERE id = ?', [id]);
      enc = isTextEncoding(v) && v !== 'utf-8' ? v : null;
      this.encodingCache.set(id, enc);
    }
    return enc;
  }

  findSourceBySha(sha256: string): SourceInfo | null {
    const id = this.scalar('SELECT id FROM sources WHERE sha256 = ? ORDER BY id LIMIT 1', [sha256]);
    return id == null ? null : this.source(Number(id));
  }

  addSource(s: NewSource): number {
    this.db.run(
      `INSERT INTO sources(kind,name,path,original_name,sha256,format,vendor,events,imported_at,gzip,mapping,encoding)
       VALUES (?,?,?,?,?,?,?,0,?,?,?,?)`,
      [
        s.kind,
        s.name,
        s.path,
        s.originalName,
        s.sha256,
        s.format,
        s.vendor,
        new Date().toISOString(),
        s.gzip ? 1 : 0,
        JSON.stringify(s.mapping),
        s.encoding && s.encoding !== 'utf-8' ? s.encoding : null,
      ],
    );
    return Number(this.scalar('SELECT last_insert_rowid()'));
  }

  updateSource(id: number, fields: { events?: number; vendor?: string; mapping?: Mapping; format?: string }): void {
    if (fields.events != null) this.db.run('UPDATE sources SET events = ? WHERE id = ?', [fields.events, id]);
    if (fields.vendor != null) this.db.run('UPDATE sources SET vendor = ? WHERE id = ?', [fields.vendor, id]);
    if (fields.format != null) this.db.run('UPDATE sources SET format = ? WHERE id = ?', [fields.format, id]);
    if (fields.mapping) this.db.run('UPDATE sources SET mapping = ? WHERE id = ?', [JSON.stringify(fields.mapping), id]);
    this.sourceCache.delete(id);
    this.appliers.delete(id);
  }

  savedMappings(): Mapping[] {
    const res = this.db.exec('SELECT mapping FROM saved_mappings')[0];
    return (res?.values ?? []).map((r) => JSON.parse(String(r[0])) as Mapping);
  }

  saveMappingForShape(mapping: Mapping): void {
    this.db.run('INSERT OR REPLACE INTO saved_mappings(shape_key, mapping, saved_at) VALUES (?,?,?)', [
      mapping.shapeKey,
      JSON.stringify(mapping),
      new Date().toISOString(),
    ]);
  }

  // ---- import transaction -----------------------------------------------------------------------

  /** Starts an import; bulk imports (many rows relative to the case) drop secondary indexes until commit. */
  begin(expectedRows: number): { segmentStart: number; firstRowid: number } {
    this.claimWrites();
    // Bytes after the committed length are a crashed import's: only now, holding the lock, are they cut.
    this.segment.cutTail();
    this.db.run('BEGIN');
    this.inTransaction = true;
    this.forget();
    this.distinct.clear();
    const existing = Number(this.scalar('SELECT count(*) FROM events'));
    this.tally.begin(this.segment.length, existing === 0);
    if (expectedRows > 50_000 && expectedRows > existing / 4) {
      for (const name of Object.keys(INDEXES)) this.db.run(`DROP INDEX IF EXISTS ${name}`);
      this.indexesDropped = true;
    }
    this.insertStmt = this.db.prepare(
      'INSERT INTO events(id,src,t,tflag,actor,atype,action,ttype,tid,outcome,req,eid,ip,h,off,len,flags) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
    );
    this.nextRowid = Number(this.scalar('SELECT coalesce(max(id), 0) FROM events')) + 1;
    return { segmentStart: this.segment.length, firstRowid: this.nextRowid };
  }

  /** Appends raw segment bytes (one or many entries) and returns where they start. */
  appendEntries(bytes: Uint8Array): number {
    try {
      return this.segment.append(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (e) {
      throw saveFailure(e, this.dir, 'importing into');
    }
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

  private rowValues: (string | number | null)[] = new Array(17).fill(null);
  private nextRowid = 1;

  /** Ends the transaction; save=false leaves the file as last saved (sync saves every few pages). */
  commit(opts: { save?: boolean } = {}): void {
    this.forget();
    this.distinct.clear();
    this.finishInsert();
    this.rebuildIndexes();
    this.db.run('COMMIT');
    this.inTransaction = false;
    this.columns?.committed();
    this.tally.commit(this.segment.length);
    if (opts.save !== false) this.save();
    else this.unsavedCommit = true;
  }

  rollback(segmentStart: number): void {
    this.forget();
    this.distinct.clear();
    this.finishInsert();
    // After COMMIT (the save failed) there is nothing to roll back in memory: saveFailed refuses writes.
    if (this.inTransaction) this.db.run('ROLLBACK');
    this.inTransaction = false;
    this.columns?.rolledBack();
    this.tally.rollback();
    this.indexesDropped = false;
    this.segment.truncate(segmentStart);
    this.sourceCache.clear();
    // A cancelled import leaves the case as last saved: nothing of this process is pending, so another may write.
    if (!this.unsavedCommit && !this.saveFailed) this.lock.release();
    this.gzipCache.clear();
    this.encodingCache.clear();
  }

  private finishInsert(): void {
    this.insertStmt?.free();
    this.insertStmt = null;
  }

  private rebuildIndexes(): void {
    if (!this.indexesDropped) return;
    for (const ddl of Object.values(INDEXES)) this.db.run(ddl);
    this.indexesDropped = false;
  }

  /** Calls fn with each stored event's content hash prefix and id, for de-duplication. */
  eachHash(fn: (h: number, id: number) => void): void {
    const stmt = this.db.prepare('SELECT h, id FROM events');
    try {
      while (stmt.step()) {
        const r = stmt.get() as [number, number];
        fn(r[0], r[1]);
      }
    } finally {
      stmt.free();
    }
  }

  /** Calls fn with each stored event's vendor, vendor event id and id. */
  eachEventId(fn: (vendor: string, eid: string, id: number) => void): void {
    const stmt = this.db.prepare('SELECT s.vendor, e.eid, e.id FROM events e JOIN sources s ON s.id = e.src WHERE e.eid IS NOT NULL');
    try {
      while (stmt.step()) {
        const r = stmt.get() as [string, string, number];
        fn(r[0], r[1], r[2]);
      }
    } finally {
      stmt.free();
    }
  }

  /** The few columns de-duplication needs to confirm a hash hit. */
  dedupInfo(id: number): { src: number; h: number; eid: string | null; raw: string; line: number } {
    const r = this.db.exec('SELECT src, h, eid, off, len FROM events WHERE id = ?', [id])[0]?.values[0];
    if (!r) throw new Error(`no event ${id} in this case`);
    const { extras, raw } = decodeEntry(this.segment.read(Number(r[3]), Number(r[4])));
    return { src: Number(r[0]), h: Number(r[1]), eid: (r[2] as string | null) ?? null, raw, line: extras.ln ?? 0 };
  }

  count(): number {
    return Number(this.scalar('SELECT count(*) FROM events'));
  }

  // ---- reading ----------------------------------------------------------------------------------

  /** Counts per filter, kept until the case changes: a scrolling timeline asks for many pages of one filter. */
  private counts = new Map<string, number>();
  /** Aggregates (metrics, facets, histogram) per filter, kept until the case changes, like counts. */
  private aggregates = new Map<string, unknown>();
  /** Counts changes to events, annotations and indexes: copies of the database (SQL console) compare it. */
  generation = 0;

  /** Drops cached counts and aggregates (benchmarks measure cold figures with it). */
  dropCaches(): void {
    this.forget();
    this.tally.dropLive();
  }

  /** The overview of the whole case as it is now (whole-case-tally.ts), or null: none kept, or a write is open. */
  wholeCaseHead(): TallyHead | null {
    return this.insertStmt ? null : this.tally.head(this.segment.length);
  }

  /** Keeps counts of the whole case just made from its rows (saved with the case's next save). */
  keepWholeCaseTally(t: WholeCaseTally): void {
    if (!this.insertStmt) this.tally.keep(t, this.segment.length);
  }

  /**
   * The open transaction is about to rewrite these rows of source `src` (remapping): their current values
   * leave the whole-case counts, read in one pass over the source's rows; countRewrittenRow puts each
   * one's new values in. Skipped when no counts are kept up (a case from before them).
   */
  uncountRows(src: number, ids: readonly number[]): void {
    this.columns?.rewritten(src);
    if (!this.tally.counting) return;
    const rewritten = new Set(ids);
    // Along the source index a row costs about twice what it does in a scan of the table (1M rows: 1.8 s
    // against 0.85 s): when the source is most of the case (a one-file case), scan (`+src` keeps SQLite
    // off the index); else read just its rows.
    const srcTest = 2 * ids.length >= this.count() ? '+src = ?' : 'src = ?';
    const stmt = this.db.prepare(`SELECT id, atype, outcome, actor, action, ttype, ip FROM events WHERE ${srcTest}`);
    try {
      stmt.bind([src]);
      while (stmt.step()) {
        const r = stmt.get() as [number, number, number, string | null, string | null, string | null, string | null];
        if (rewritten.has(r[0])) this.tally.remove(src, r[1], r[2], r[3], r[4], r[5], r[6]);
      }
    } finally {
      stmt.free();
    }
  }

  /** The new values of a row of source `src` rewritten in the open transaction (see uncountRows). */
  countRewrittenRow(src: number, atype: number, outcome: number, actor: string | null, action: string | null, ttype: string | null, ip: string | null): void {
    this.tally.add(src, atype, outcome, actor, action, ttype, ip);
  }

  /** The open transaction changes stored rows other than by insert() or a counted rewrite: whole-case counts cannot follow it. */
  rowsRewritten(): void {
    this.columns?.rewritten(null);
    this.tally.rowsRewritten();
  }

  /** The case's events or annotations changed: every cached count and aggregate is stale. */
  private forget(): void {
    this.generation++;
    this.counts.clear();
    this.aggregates.clear();
    this.hits.clear();
  }

  /**
   * An aggregate of a filter from the cache, or computed now: going back to an earlier filter (removing a
   * chip, resetting a zoom) is then instant, and the unfiltered overview is computed once per change.
   */
  cached<T>(kind: string, q: EventQuery, compute: () => T): T {
    const { sql, params } = this.where(q);
    const key = `${kind}\u0000${sql}\u0000${JSON.stringify(params)}`;
    if (this.aggregates.has(key)) return this.aggregates.get(key) as T;
    const value = compute();
    if (this.aggregates.size > 300) this.aggregates.clear();
    this.aggregates.set(key, value);
    return value;
  }

  /** Distinct values of the indexed text columns, kept until the case changes (null: too many). */
  private distinct = new Map<string, string[] | null>();
  private static readonly EXPANDABLE = new Set(['actor', 'action']);

  private expandContains = (column: string, needle: string): string[] | null => {
    if (!CaseStore.EXPANDABLE.has(column)) return null;
    let values = this.distinct.get(column);
    if (values === undefined) {
      const res = this.db.exec(`SELECT DISTINCT ${column} FROM events WHERE ${column} IS NOT NULL LIMIT 50001`)[0];
      const all = (res?.values ?? []).map((r) => String(r[0]));
      values = all.length > 50_000 ? null : all;
      this.distinct.set(column, values);
    }
    if (!values) return null;
    const n = needle.toLowerCase();
    const hits = values.filter((v) => v.toLowerCase().includes(n));
    return hits.length <= 500 ? hits : null;
  };

  query(q: EventQuery): QueryResult {
    const { sql: where, params } = this.where(q);
    const limit = Math.min(Math.max(q.limit ?? DEFAULT_PAGE, 0), MAX_PAGE);
    const offset = Math.max(q.offset ?? 0, 0);
    const countKey = `${where}\u0000${JSON.stringify(params)}`;
    const terms = parseSearch(q.search ?? '');
    const expr = terms.length ? toMatchExpression(terms) : null;
    let total = this.counts.get(countKey);
    if (total === undefined) {
      // A search alone is counted by reading its hits from the full-text index once; the pages reuse them.
      total = expr && onlySearch(q) ? this.hits.load(this.db, terms).count : Number(this.scalar(`SELECT count(*) FROM events ${where}`, params));
      if (this.counts.size > 200) this.counts = new Map();
      this.counts.set(countKey, total);
    }
    const rows: EventRow[] = [];
    if (limit > 0 && offset < total) {
      // Ids first: the time indexes cover (t, id), so skipping deep offsets never touches table rows.
      const ids: number[] = [];
      // Many hits: walk the time index and test each against the hit set; few: look the hits up.
      const probe = expr !== null && total > SEARCH_PROBE_MIN;
      if (probe) this.hits.load(this.db, terms);
      const page = probe ? whereClause(q, this.expandContains, { probeSearch: true }) : { sql: where, params };
      const idStmt = this.db.prepare(`SELECT id FROM events ${page.sql} ${orderClause(q)} LIMIT ? OFFSET ?`);
      try {
        idStmt.bind([...page.params, limit, offset]);
        while (idStmt.step()) ids.push(idStmt.get()[0] as number);
      } finally {
        idStmt.free();
      }
      // The snippet is cut from the raw text the row was just read with, not read a second time.
      const byId = this.rowsById(ids, terms.length ? (row, raw) => (row.match = snippet(raw, terms)) : undefined);
      for (const id of ids) rows.push(byId.get(id)!);
    }
    return { total, events: rows };
  }

  /** Timeline rows of the given ids (missing ids are left out). */
  rowsById(ids: number[], withRaw?: (row: EventRow, raw: string) => void): Map<number, EventRow> {
    const byId = new Map<number, EventRow>();
    const stmt = this.db.prepare(`SELECT ${ROW_COLUMNS} FROM events ${idsWhere(ids).sql}`);
    try {
      stmt.bind(ids);
      while (stmt.step()) {
        const { row: r, raw } = this.toRow(stmt.get() as RowValues, true);
        withRaw?.(r, raw);
        byId.set(Number(r.id), r);
      }
    } finally {
      stmt.free();
    }
    return byId;
  }

  /** Bookmarks, tags or notes changed: counts of filters over them are stale. */
  annotationsChanged(): void {
    this.forget();
  }

  /**
   * Saves a change to annotations or views by appending it to annotations.jsonl (annotation-log.ts),
   * not by rewriting case.sqlite. build gets the tables caught up with every process's lines, under
   * the writer lock, and returns the new state (or null: nothing changes); it may throw to refuse.
   */
  changeAnnotations(build: (db: Database) => JournalRecord | null): void {
    const held = this.lock.isHeld;
    this.claimWrites();
    try {
      const rec = build(this.db);
      if (!rec) return;
      try {
        this.annotationLog.append(this.db, rec);
      } catch (e) {
        throw saveFailure(e, this.dir);
      }
      this.forget();
    } finally {
      if (!held && !this.insertStmt) this.lock.release();
    }
  }

  /**
   * Applies annotations other processes saved since (one stat when there are none). Not while this
   * process is writing, nor once case.sqlite was replaced: this copy is then stale as a whole, and
   * writing is refused until the case is opened again (claimWrites).
   */
  refresh(): void {
    if (this.inTransaction || this.lock.isHeld || !this.annotationLog.changed()) return;
    if (this.stampOnDisk() !== this.diskStamp) return;
    if (this.annotationLog.catchUp(this.db)) this.forget();
  }

  /** The WHERE clause and bound values of a query, as query() builds it: for aggregates over a filter. */
  where(q: EventQuery): { sql: string; params: (string | number | null)[] } {
    // Not inside an import's transaction: its rows may still roll back.
    if (q.search?.trim() && !this.insertStmt) while (this.indexSearch(50_000) > 0);
    return whereClause(q, this.expandContains);
  }

  // ---- full-text index (search-index.ts) ---------------------------------------------------------

  private get searchUpto(): number {
    return Number(this.meta('search_upto') ?? 0);
  }

  /** Events not yet in the full-text index (all of them before the first search). */
  searchPending(): number {
    return Number(this.scalar('SELECT count(*) FROM events WHERE id > ?', [this.searchUpto]));
  }

  /** Indexes up to `limit` more events in id order; returns how many are still pending. */
  indexSearch(limit: number): number {
    const upto = this.searchUpto;
    if (upto === 0 || !this.hasSearchTable()) this.db.run(CREATE_SEARCH);
    const read = this.db.prepare('SELECT id, off, len FROM events WHERE id > ? ORDER BY id LIMIT ?');
    const ins = this.db.prepare('INSERT INTO search(docid, body) VALUES (?, ?)');
    let last = upto;
    this.db.run('BEGIN');
    try {
      read.bind([upto, limit]);
      while (read.step()) {
        const [id, off, len] = read.get() as [number, number, number];
        let text = '';
        try {
          text = searchText(decodeEntry(this.segment.read(off, len)).raw);
        } catch {
          // A damaged record is not searchable; it is named wherever it is shown (toRow).
        }
        ins.run([id, text]);
        last = id;
      }
      this.setMeta('search_upto', String(last));
      this.db.run('COMMIT');
    } catch (e) {
      this.db.run('ROLLBACK');
      throw e;
    } finally {
      read.free();
      ins.free();
    }
    if (last !== upto) this.forget();
    return this.searchPending();
  }

  private hasSearchTable(): boolean {
    return this.scalar("SELECT 1 FROM sqlite_master WHERE name = 'search'") !== null;
  }

  /** Full events (raw record, before/after, provenance) in query order: the CLI's --json and exports. */
  queryFull(q: EventQuery): { total: number; events: AuditEvent[] } {
    const { total, events } = this.query(q);
    // A damaged row stays in the page as the timeline shows it, marked, with no raw record.
    return { total, events: events.map((r) => (r.damaged ? this.damagedEvent(r) : this.getEvent(r.id))) };
  }

  private damagedEvent(r: EventRow): AuditEvent {
    const src = this.source(Number(this.scalar('SELECT src FROM events WHERE id = ?', [Number(r.id)])));
    return { ...r, before: null, after: null, raw: '', provenance: { kind: 'file', path: src.path, sha256: src.sha256, line: 0, offset: 0, length: 0 } };
  }

  getEvent(id: string): AuditEvent {
    const n = Number(id);
    const stmt = this.db.prepare(`SELECT ${ROW_COLUMNS} FROM events WHERE id = ?`);
    try {
      stmt.bind([Number.isInteger(n) ? n : -1]);
      if (!stmt.step()) throw new Error(`no event ${id} in this case`);
      return this.fullEvent(stmt.get() as RowValues, true).event;
    } finally {
      stmt.free();
    }
  }

  /**
   * Every event a query matches (or just the given ids), in query order, one row at a time: exports
   * stream through this instead of materialising the result. rawBytes are the stored bytes, uncopied.
   */
  *eachEvent(q: EventQuery, opts: { ids?: number[]; diff: boolean }): Generator<{ event: AuditEvent; rawBytes: Buffer; srcId: number }> {
    const { sql: where, params } = this.scope(q, opts.ids);
    const stmt = this.db.prepare(`SELECT ${ROW_COLUMNS} FROM events ${where} ${orderClause(q)}`);
    try {
      stmt.bind(params);
      while (stmt.step()) yield this.fullEvent(stmt.get() as RowValues, opts.diff);
    } finally {
      stmt.free();
    }
  }

  /**
   * The fast lane of exports: the given columns of every matching row in query order, a batch at a
   * time (column-cursor.ts: numbers as doubles, text as the bytes SQLite holds), with each row's
   * segment entry. A batch's entries are fetched with one read of the span they lie in when it is
   * dense (imports append in file order, so time order is mostly local), else one read each; `at` is
   * where each row's entry starts in `entries`. Entry bytes always sit in an ArrayBuffer of their own
   * (never Node's shared pool), so a caller may move them to another thread; `spare` holds such
   * buffers handed back, to be filled again. Null when the cursor cannot be had (callers take the
   * per-event lane); `numeric` must include off and len.
   */
  entryBatches(
    q: EventQuery,
    opts: { ids?: number[]; numeric: readonly string[]; text: readonly string[]; batch: number; spare?: Buffer[] },
  ): AsyncIterable<EntryBatch> | null {
    const offCol = opts.numeric.indexOf('off');
    const lenCol = opts.numeric.indexOf('len');
    if (offCol < 0 || lenCol < 0) throw new Error('entryBatches needs the off and len columns');
    const { sql: where, params } = this.scope(q, opts.ids);
    const sql = `SELECT ${[...opts.numeric, ...opts.text].join(',')} FROM events ${where} ${orderClause(q)}`;
    const cursor = ColumnCursor.open(this.db, sql, params, opts.numeric.length, opts.text.length, opts.batch);
    if (!cursor) return null;
    return this.readBatches(cursor, opts.numeric.length, offCol, lenCol, opts.spare ?? []);
  }

  /** Every event of these sources in id (so segment) order, as entryBatches gives them: columns id, src, off, len. */
  sourceEntryBatches(srcs: readonly number[], batch: number, spare: Buffer[] = []): AsyncIterable<EntryBatch> | null {
    // `+src` keeps SQLite on the rowid order (no index, no sort): rows come as the segment holds them.
    const sql = `SELECT id, src, off, len FROM events WHERE +src IN (${srcs.map(() => '?').join(',') || 'NULL'}) ORDER BY id`;
    const cursor = ColumnCursor.open(this.db, sql, [...srcs], 4, 0, batch);
    return cursor ? this.readBatches(cursor, 4, 2, 3, spare) : null;
  }

  /**
   * Batches with their segment bytes. A batch's bytes are read (on libuv's pool) while the batch
   * before it is handed out, so a segment that is not in the page cache is read from disk beside
   * the work on that batch rather than before it.
   */
  private async *readBatches(cursor: ColumnCursor, width: number, offCol: number, lenCol: number, spare: Buffer[]): AsyncGenerator<EntryBatch> {
    const start = () => {
      const cols = cursor.next();
      if (!cols) return null;
      const started = this.readEntries(cols, width, offCol, lenCol, spare);
      // A consumer that stops early leaves the read behind; its failure then has nobody to tell.
      started.read.catch(() => undefined);
      return started;
    };
    try {
      for (let next = start(); next;) {
        const { batch, read } = next;
        await read;
        next = start();
        yield batch;
      }
    } finally {
      cursor.free();
    }
  }

  private readEntries(cols: ColumnBatch, width: number, offCol: number, lenCol: number, spare: Buffer[]): { batch: EntryBatch; read: Promise<unknown> } {
    const { n, nums } = cols;
    let lo = Infinity;
    let hi = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const off = nums[i * width + offCol];
      const len = nums[i * width + lenCol];
      if (off < lo) lo = off;
      if (off + len > hi) hi = off + len;
      total += len;
    }
    const at = new Int32Array(n);
    const contiguous = hi - lo <= 2 * total + (1 << 20);
    const size = contiguous ? hi - lo : total;
    const fits = spare.findIndex((b) => b.length >= size);
    const buf = fits >= 0 ? spare.splice(fits, 1)[0] : Buffer.allocUnsafeSlow(Math.max(size, 1 << 20));
    const batch = { cols, entries: buf.subarray(0, size), at };
    if (contiguous) {
      for (let i = 0; i < n; i++) at[i] = nums[i * width + offCol] - lo;
      return { batch, read: this.segment.readIntoAsync(buf, lo, size) };
    }
    // Scattered rows (a narrow filter): one read each, here and now.
    let pos = 0;
    for (let i = 0; i < n; i++) {
      at[i] = pos;
      const len = nums[i * width + lenCol];
      this.segment.readInto(buf.subarray(pos), nums[i * width + offCol], len);
      pos += len;
    }
    return { batch, read: Promise.resolve() };
  }

  /** Before/after of an event as events show them (re-derived from a JSON record's raw text when not stored). */
  diffOf(srcId: number, extras: EventExtras, raw: string): { before: unknown; after: unknown } {
    if (extras.d && extras.b === undefined && extras.a === undefined) return this.deriveDiff(srcId, raw);
    return { before: extras.b ?? null, after: extras.a ?? null };
  }

  /** The WHERE clause of the given ids when there are some, else of the query (as whereClause builds it). */
  private scope(q: EventQuery, ids?: readonly number[]): { sql: string; params: (string | number | null)[] } {
    return ids ? idsWhere(ids) : whereClause(q, this.expandContains);
  }

  /** How many events eachEvent will yield, and from which sources. */
  matching(q: EventQuery, ids?: number[]): { count: number; sourceIds: number[] } {
    const { sql: where, params } = this.scope(q, ids);
    // The whole case's counts per source are kept (whole-case-tally.ts): no scan of every row.
    const head = where === '' ? this.wholeCaseHead() : null;
    if (head) return { count: head.events, sourceIds: head.bySource.filter(([, n]) => n > 0).map(([src]) => src) };
    const res = this.db.exec(`SELECT src, count(*) FROM events ${where} GROUP BY src ORDER BY src`, params)[0];
    const rows = (res?.values ?? []) as [number, number][];
    return { count: rows.reduce((n, r) => n + Number(r[1]), 0), sourceIds: rows.map((r) => Number(r[0])) };
  }

  private fullEvent(v: RowValues, diff: boolean): { event: AuditEvent; rawBytes: Buffer; srcId: number } {
    const { row, extras, raw, srcId, rawBytes } = this.toRow(v);
    const src = this.source(srcId);
    const provenance: AuditEvent['provenance'] =
      extras.url != null
        ? { kind: 'api', source: src.name, url: extras.url, page: extras.pg ?? 0, index: extras.ix ?? 0 }
        : {
            kind: 'file',
            path: src.path,
            ...(src.originalName ? { originalName: src.originalName } : {}),
            sha256: src.sha256,
            line: extras.ln ?? 0,
            offset: extras.fo ?? 0,
            length: extras.fb ?? 0,
            ...(this.sourceGzip(srcId) ? { gzip: true } : {}),
            ...encodingField(this.sourceEncoding(srcId)),
          };
    let before: unknown = extras.b ?? null;
    let after: unknown = extras.a ?? null;
    if (diff && extras.d && extras.b === undefined && extras.a === undefined) ({ before, after } = this.deriveDiff(srcId, raw));
    return { event: { ...row, before, after, raw, provenance }, rawBytes, srcId };
  }

  private appliers = new Map<number, ReturnType<typeof compileDiffMapping>>();

  /** Before/after of a JSON record, re-derived from its raw text with its source's mapping. */
  private deriveDiff(srcId: number, raw: string): { before: unknown; after: unknown } {
    let apply = this.appliers.get(srcId);
    if (!apply) {
      apply = compileDiffMapping(this.sourceMapping(srcId));
      this.appliers.set(srcId, apply);
    }
    const f = apply(parseJsonExact(raw) as Record<string, unknown>);
    return { before: f.before ?? null, after: f.after ?? null };
  }

  /** An event's segment entry, decoded; a damaged one is an error naming the event, its source and offset. */
  private readEntry(id: number, src: number, off: number, len: number): { extras: EventExtras; raw: string; entry: Buffer } {
    try {
      const entry = this.segment.read(off, len);
      if (entry.indexOf(ZEROS) >= 0) throw new Error('it holds a stretch of zero bytes');
      return { ...decodeEntry(entry), entry };
    } catch (e) {
      throw new DamagedEntry(
        `event ${id} (source ${this.source(src).name}, ${SEGMENT_FILE} offset ${off}, ${len} bytes): its raw record is damaged (${(e as Error).message})`,
      );
    }
  }

  /** tolerant: a damaged entry gives a row marked damaged (a page shows the rest) instead of an error. */
  private toRow(v: RowValues, tolerant = false): { row: EventRow; extras: EventExtras; raw: string; srcId: number; rawBytes: Buffer } {
    const [id, t, tflag, src, actor, atype, action, ttype, tid, outcome, req, eid, ip, off, len, flags] = v;
    let extras: EventExtras = {};
    let raw = '';
    let rawBytes: Buffer = Buffer.alloc(0);
    let damaged: string | null = null;
    try {
      const e = this.readEntry(id, src, off, len);
      ({ extras, raw } = e);
      rawBytes = e.entry.subarray(4 + e.entry.readUInt32LE(0));
    } catch (e) {
      if (!tolerant || !(e instanceof DamagedEntry)) throw e;
      damaged = e.message;
    }
    const source = this.source(src);
    const row: EventRow = {
      id: String(id),
      eventId: eid,
      time: t >= NO_TIME ? null : new Date(t).toISOString(),
      timeOriginal: extras.to ?? null,
      timeFlag: decodeTimeFlag(tflag),
      vendor: source.vendor,
      source: source.name,
      actor,
      actorType: decodeActorType(atype),
      action,
      targetType: ttype,
      targetId: tid,
      outcome: decodeOutcome(outcome),
      requestId: req,
      ip,
      userAgent: extras.ua ?? null,
      hasDiff: extras.d === 1 || extras.b !== undefined || extras.a !== undefined,
      flags: flags ? (JSON.parse(flags) as string[]) : [],
      ...(damaged ? { damaged } : {}),
    };
    return { row, extras, raw, srcId: src, rawBytes };
  }

  /** The raw record stored at a segment position (the query language's raw.PATH terms). */
  rawAt(off: number, len: number): string {
    return decodeEntry(this.segment.read(off, len)).raw;
  }

  /** An event's raw record and display extras. */
  entry(id: number): { raw: string; extras: EventExtras } {
    const r = this.db.exec('SELECT off, len FROM events WHERE id = ?', [id])[0]?.values[0];
    if (!r) throw new Error(`no event ${id} in this case`);
    return decodeEntry(this.segment.read(Number(r[0]), Number(r[1])));
  }

  /** Every stored event of a source, oldest first by insertion: used to re-derive fields. */
  *eventsOfSource(src: number): Generator<{ id: number; raw: string; extras: EventExtras }> {
    const stmt = this.db.prepare('SELECT id, off, len FROM events WHERE src = ? ORDER BY id');
    try {
      stmt.bind([src]);
      while (stmt.step()) {
        const [id, off, len] = stmt.get() as [number, number, number];
        const { extras, raw } = decodeEntry(this.segment.read(off, len));
        yield { id, raw, extras };
      }
    } finally {
      stmt.free();
    }
  }

  // ---- saving -----------------------------------------------------------------------------------

  private stampOnDisk(): string {
    try {
      const st = fs.statSync(path.join(this.dir, DB_FILE));
      return `${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch {
      return 'none';
    }
  }

  /**
   * Before any change: takes the case's writer lock (case-lock.ts) and checks that no other process saved
   * the case since this one read it (its copy in memory would overwrite that). Throws, changing nothing.
   */
  claimWrites(): void {
    if (this.readOnly)
      throw new CaseReadOnly(`${this.dir} is read-only (${this.readOnly}): it can be searched and exported, but not changed; nothing was changed.`);
    if (this.damaged) {
      throw new CaseReadOnly(`${this.dir} is damaged (${this.damaged}): it can be read and exported, but nothing is written onto it; nothing was changed.`);
    }
    if (this.saveFailed) throw new CaseBusy(`${this.saveFailed}; open the case again before changing it.`);
    try {
      this.lock.claim();
    } catch (e) {
      throw saveFailure(e, this.dir, 'taking the writer lock of');
    }
    if (this.stampOnDisk() !== this.diskStamp) {
      this.lock.release();
      throw new CaseBusy(
        `${this.dir} was changed by another AuditDesk process since it was opened here: open it again to see those changes, then repeat this (nothing was changed here).`,
      );
    }
    // Annotations other processes appended while this one did not hold the lock.
    if (!this.inTransaction && this.annotationLog.catchUp(this.db)) this.forget();
  }

  /** Whether this process may change the case now (for optional writes, like saving a search index). */
  canWrite(): boolean {
    if (this.readOnly || this.damaged) return false;
    try {
      this.claimWrites();
      return true;
    } catch (e) {
      if (e instanceof CaseBusy) return false;
      throw e;
    }
  }

  /**
   * The checksum of case.sqlite as this process last read or wrote it, or null when this copy is ahead
   * of the file (a commit not saved yet): what a cache of the table is stamped with.
   */
  get savedSum(): string | null {
    return this.unsavedCommit || this.saveFailed ? null : this.diskSum;
  }

  save(): void {
    this.claimWrites();
    try {
      const segLen = this.segment.sync();
      this.setMeta('segment_length', String(segLen));
      this.savedAt = new Date().toISOString();
      this.setMeta('saved_at', this.savedAt);
      for (const [key, value] of this.tally.unstored(segLen)) this.setMeta(key, value);
      this.setMeta('journal_seq', String(this.annotationLog.applied));
      const bytes = this.db.export();
      const sum = BlockSums.of(bytes);
      // The sum file first, listing the old sum too: a crash between the two leaves a consistent pair.
      writeSums(this.dir, sum, this.diskSum);
      writeFileAtomic(path.join(this.dir, DB_FILE), bytes);
      this.diskSum = sum;
    } catch (e) {
      // The case on disk is as it was saved last; this copy in memory is ahead of it and is not saved again.
      const failure = saveFailure(e, this.dir);
      this.saveFailed = failure.message;
      throw failure;
    }
    this.diskStamp = this.stampOnDisk();
    // Folded into case.sqlite (journal_seq): its lines are skipped if removing the file fails or a crash stops it.
    try {
      this.annotationLog.folded();
    } catch {
      // Left in place, the lines are at or below journal_seq: read and never applied again.
    }
    // Saved: nothing of this process is pending, so another may write (this one checks the file first).
    this.unsavedCommit = false;
    this.afterSave?.();
    if (!this.insertStmt) this.lock.release();
  }

  /**
   * Runs fn with raw SQL access: for the engine's own maintenance writes (remapping). A write that changes
   * events' counted columns must, within its transaction, report the rows (uncountRows and
   * countRewrittenRow) or call rowsRewritten().
   */
  withDb<T>(fn: (db: Database) => T): T {
    return fn(this.db);
  }

  /** A write transaction is open: its rows may still roll back, so only the SQL path reads them. */
  get writing(): boolean {
    return this.insertStmt !== null;
  }

  close(): void {
    this.columns = null;
    this.finishInsert();
    try {
      this.segment.close();
    } finally {
      this.db.close();
      this.lock.release();
    }
  }
}

/** The case cannot be changed: a read-only drive or folder, or opened read-only. */
export class CaseReadOnly extends CaseBusy {}

/** Eight zero bytes: no JSON text or log line holds them, a zeroed stretch of a damaged disk does. */
const ZEROS = Buffer.alloc(8);

/** A stored raw record cannot be read back: the message names the event, its source and offset. */
export class DamagedEntry extends Error {}

export interface EntryBatch {
  cols: ColumnBatch;
  entries: Buffer;
  at: Int32Array;
}

/** A WHERE clause matching exactly the given event ids (none: nothing). */
export function idsWhere(ids: readonly number[]): { sql: string; params: number[] } {
  return { sql: `WHERE id IN (${ids.map(() => '?').join(',') || 'NULL'})`, params: [...ids] };
}

type RowValues = [
  number,
  number,
  number | null,
  number,
  string | null,
  number,
  string | null,
  string | null,
  string | null,
  number,
  string | null,
  string | null,
  string | null,
  number,
  number,
  string | null,
];

function metaValue(db: Database, key: string): string | null {
  const v = db.exec('SELECT value FROM meta WHERE key = ?', [key])[0]?.values[0]?.[0];
  return v == null ? null : String(v);
}

function addMissingColumns(db: Database): void {
  for (const c of ADDED_COLUMNS) {
    const has = db.exec(`SELECT 1 FROM pragma_table_info('${c.table}') WHERE name = '${c.column}'`);
    if (!has.length) db.run(c.ddl);
  }
}

/** The provenance field of a decoded source; none for UTF-8, so UTF-8 provenance is as it always was. */
export function encodingField(encoding: TextEncoding | null): { encoding?: TextEncoding } {
  return encoding ? { encoding } : {};
}
