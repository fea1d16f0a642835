// A case on disk: a folder holding the sql.js database (model fields, indexes, sources) and the
// append-only segment of raw records. Saving writes the database atomically after the segment is
// synced, so a crash at any point leaves the last saved case intact. CaseStore is the one face the
// rest of the engine sees; each idea behind it has its own file (catalog, event writer and reader,
// entry batches, search upkeep, dedup reads, query cache, the case on disk).
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'sql.js';
import type { CaseInfo, QueryResult, SourceInfo } from '../../../shared/contract';
import type { AuditEvent, EventRow } from '../../../shared/event';
import type { EventQuery } from '../../../shared/query';
import { DEFAULT_PAGE, MAX_PAGE } from '../../../shared/query';
import type { Mapping } from '../../../shared/mapping';
import type { AnnotationFilter } from '../../../shared/annotations';
import type { TextEncoding } from '../../../shared/text-encoding';
import { loadSqlJs } from './sqljs';
import { readWhole } from './read-whole';
import { CaseBusy } from './case-lock';
import { DB_FILE, INCOMING_DIR, SEGMENT_FILE, cleanStaleTemps, readOnlyReason, saveFailure } from './case-files';
import { SUM_FILE, readSums } from './db-checksum';
import { Segment } from './segment';
import type { EventExtras } from './extras';
import { CREATE_TABLES, INDEXES, NO_TIME, SCHEMA_VERSION } from './schema';
import { orderClause, whereClause } from './query-sql';
import { registerQlFunctions } from './query-ql';
import { SearchHits } from './search-hits';
import { KeptTally, type TallyHead, type WholeCaseTally } from './whole-case-tally';
import { parseSearch, snippet, toMatchExpression } from '../../../shared/search';
import type { ColumnHooks } from './column-hooks';
import { JOURNAL_FILE } from './annotation-journal';
import { AnnotationLog } from './annotation-log';
import type { JournalRecord } from './annotation-records';
import { Catalog, addMissingColumns, metaValue, type NewSource } from './catalog';
import { EventWriter, type RewrittenRow } from './event-writer';
import { annotatedEvents, annotationsOfEvent, annotationsOfRows, tagCounts, type RowAnnotations } from './annotation-rows';
import { replaceFindings, syncStateRows, viewRow, viewRows, writeSyncStateRow, type SyncStateRow, type ViewRow } from './catalog-rows';
import { countByCode, countBySource, metricsOf, scanRows, topValuesOf } from './filter-counts';
import { eachIdOf, eachPosition, type IdSet } from './id-sets';
import { countTimeRanges, countTimedBy, countWholeCase, newestTimeOf, timeRangeOf } from './event-counts';
import { EventReader, idsWhere, type FullEvent } from './event-reader';
import { selectEntryBatches, type EntryBatch } from './entry-batches';
import { indexSearchChunk, searchPending } from './search-upkeep';
import { dedupInfo, eachEventId, eachHash } from './dedup-reads';
import { QueryCache } from './query-cache';
import { CaseDisk } from './case-disk';
import { scalar } from './scalar';
import { rollbackOpen } from './sqlite-full';

export { DB_FILE, INCOMING_DIR, SEGMENT_FILE } from './case-files';
export type { NewSource } from './catalog';
export { DamagedEntry, encodingField, idsWhere } from './event-reader';
export type { EntryBatch } from './entry-batches';
export type { RewrittenRow } from './event-writer';
export type { IdSet } from './id-sets';
export type { SyncStateRow, ViewRow } from './catalog-rows';
export { CaseReadOnly } from './case-disk';

/** Above this many full-text hits a page is found by walking the time index (see whereClause). */
const SEARCH_PROBE_MIN = 2000;

/** The query filters by full-text search and nothing else. */
function onlySearch(q: EventQuery): boolean {
  return !q.where?.length && !q.text?.trim() && !q.tag && !q.bookmarked && !q.noted && !q.finding && !q.from && !q.to;
}

export class CaseStore {
  private savedAt: string | null;
  private hits: SearchHits;
  private tally = new KeptTally((key) => this.catalog.meta(key));
  private catalog: Catalog;
  private writer: EventWriter;
  private reader: EventReader;
  private cache: QueryCache;
  private disk: CaseDisk;
  /** The column engine's copy of the events (columns/), told of every committed change; null until read. */
  columns: ColumnHooks | null = null;
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
    readOnly: string | null = null,
    damaged: string | null = null,
    diskSum: string | null = null,
  ) {
    this.catalog = new Catalog(db);
    this.writer = new EventWriter(db, this.tally);
    this.reader = new EventReader(db, segment, this.catalog);
    this.cache = new QueryCache(db);
    this.savedAt = this.catalog.meta('saved_at');
    this.disk = new CaseDisk(dir, readOnly, damaged, diskSum);
    this.annotationLog = new AnnotationLog(dir, Number(this.catalog.meta('journal_seq') ?? 0));
    // An import's transaction may still roll back; outside it the full-text index is all in its segments.
    this.hits = new SearchHits(db, () => !this.writer.open);
    registerQlFunctions(db, (off, len) => this.rawAt(off, len));
    // The database file lives in sql.js's in-memory filesystem, where every page write is a JS copy:
    // keep the rollback journal and a generous page cache in the heap instead.
    db.run(`PRAGMA journal_mode=${process.env.AD_JOURNAL ?? 'MEMORY'}; PRAGMA cache_size=${process.env.AD_CACHE ?? -131072}; PRAGMA temp_store=MEMORY`);
    // A page limit: how a test fills the database the way a ten-million-event import fills the wasm heap.
    if (process.env.AD_MAX_PAGE_COUNT) db.run(`PRAGMA max_page_count=${Number(process.env.AD_MAX_PAGE_COUNT)}`);
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
      store.catalog.setMeta('schema_version', String(SCHEMA_VERSION));
      store.catalog.setMeta('created_at', new Date().toISOString());
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
    if (!readOnly && !damaged) cleanStaleTemps(abs, store.disk.lock);
    return store;
  }

  get name(): string {
    return path.basename(this.dir);
  }

  /** Why the case cannot be changed (a read-only drive or folder, or asked for), or null. */
  get readOnly(): string | null {
    return this.disk.readOnly;
  }

  /** What is wrong with case.sqlite (db-checksum.ts): the case is read, never written. */
  get damaged(): string | null {
    return this.disk.damaged;
  }

  get incomingDir(): string {
    const dir = path.join(this.dir, INCOMING_DIR);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  }

  info(): CaseInfo {
    const count = Number(scalar(this.db, 'SELECT count(*) FROM events'));
    // Two statements, not one: SQLite reads a lone min() or max() off the ev_t index's ends, but a
    // min and max together scan every row (~300 ms at 1M, on every open).
    const from = scalar(this.db, `SELECT min(t) FROM events WHERE t < ${NO_TIME}`);
    const to = scalar(this.db, `SELECT max(t) FROM events WHERE t < ${NO_TIME}`);
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

  // ---- catalog (catalog.ts) ---------------------------------------------------------------------

  sources(): SourceInfo[] {
    return this.catalog.sources();
  }

  source(id: number): SourceInfo {
    return this.catalog.source(id);
  }

  sourceMapping(id: number): Mapping {
    return this.catalog.sourceMapping(id);
  }

  sourceGzip(id: number): boolean {
    return this.catalog.sourceGzip(id);
  }

  /** The encoding a file source was decoded from, or null for UTF-8 (read as it is). */
  sourceEncoding(id: number): TextEncoding | null {
    return this.catalog.sourceEncoding(id);
  }

  findSourceBySha(sha256: string): SourceInfo | null {
    return this.catalog.findSourceBySha(sha256);
  }

  addSource(s: NewSource): number {
    return this.catalog.addSource(s);
  }

  updateSource(id: number, fields: { events?: number; vendor?: string; mapping?: Mapping; format?: string }): void {
    this.catalog.updateSource(id, fields);
    this.reader.forgetSource(id);
  }

  /** A meta value (catalog.ts), or null. */
  meta(key: string): string | null {
    return this.catalog.meta(key);
  }

  /** Saved views' rows by name (catalog-rows.ts). */
  viewRows(): ViewRow[] {
    return viewRows(this.db);
  }

  viewRow(name: string): ViewRow | null {
    return viewRow(this.db, name);
  }

  /** Sync sources' rows: all, by name, or the one of `name`. */
  syncStateRows(name?: string): SyncStateRow[] {
    return syncStateRows(this.db, name);
  }

  writeSyncStateRow(r: SyncStateRow): void {
    writeSyncStateRow(this.db, r);
  }

  /** Replaces every finding (rule id, event ids) and the run's summary under a meta key. */
  replaceFindings(hits: Iterable<[string, readonly number[]]>, metaKey: string, summary: string): void {
    replaceFindings(this.db, hits, metaKey, summary);
  }

  savedMappings(): Mapping[] {
    return this.catalog.savedMappings();
  }

  saveMappingForShape(mapping: Mapping): void {
    this.catalog.saveMappingForShape(mapping);
  }

  // ---- import transaction (event-writer.ts) -----------------------------------------------------

  /** Starts an import; bulk imports (many rows relative to the case) drop secondary indexes until commit. */
  begin(expectedRows: number): { segmentStart: number; firstRowid: number } {
    this.claimWrites();
    // Bytes after the committed length are a crashed import's: only now, holding the lock, are they cut.
    this.segment.cutTail();
    this.db.run('BEGIN');
    this.inTransaction = true;
    this.forget();
    this.cache.forgetDistinct();
    const existing = Number(scalar(this.db, 'SELECT count(*) FROM events'));
    this.tally.begin(this.segment.length, existing === 0);
    const firstRowid = this.writer.start(expectedRows, existing);
    return { segmentStart: this.segment.length, firstRowid };
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
    const id = this.writer.insert(src, nums, n, strs, s, off, len, flags);
    this.columns?.inserted(id, src, nums, n, strs, s);
    return id;
  }

  /** Ends the transaction; save=false leaves the file as last saved (sync saves every few pages). */
  commit(opts: { save?: boolean } = {}): void {
    this.forget();
    this.cache.forgetDistinct();
    this.writer.finish();
    this.writer.rebuildIndexes();
    this.db.run('COMMIT');
    this.inTransaction = false;
    this.columns?.committed();
    this.tally.commit(this.segment.length);
    if (opts.save !== false) this.save();
    else this.unsavedCommit = true;
  }

  rollback(segmentStart: number): void {
    this.forget();
    this.cache.forgetDistinct();
    this.writer.finish();
    try {
      // After COMMIT (the save failed) there is nothing to roll back in memory: saveFailed refuses writes.
      if (this.inTransaction) rollbackOpen(this.db);
    } catch (e) {
      // This copy in memory no longer matches the disk: writes are refused until the case is opened again.
      this.disk.saveFailed ??= `rolling back ${this.dir} in memory failed (${(e as Error).message})`;
      throw e;
    } finally {
      this.inTransaction = false;
      this.undoWrites(segmentStart);
    }
  }

  /** The rest of a rollback, done even when ROLLBACK itself fails (a dead wasm heap): the segment, caches, lock. */
  private undoWrites(segmentStart: number): void {
    this.columns?.rolledBack();
    this.tally.rollback();
    this.writer.rolledBack();
    this.segment.truncate(segmentStart);
    this.catalog.forgetSources();
    // A cancelled import leaves the case as last saved: nothing of this process is pending, so another may write.
    if (!this.unsavedCommit && !this.disk.saveFailed) this.disk.lock.release();
  }

  // ---- de-duplication (dedup-reads.ts) ----------------------------------------------------------

  /** Calls fn with each stored event's content hash prefix and id, for de-duplication. */
  eachHash(fn: (h: number, id: number) => void): void {
    eachHash(this.db, fn);
  }

  /** Calls fn with each stored event's vendor, vendor event id and id. */
  eachEventId(fn: (vendor: string, eid: string, id: number) => void): void {
    eachEventId(this.db, fn);
  }

  /** The few columns de-duplication needs to confirm a hash hit. */
  dedupInfo(id: number): { src: number; h: number; eid: string | null; raw: string; line: number } {
    return dedupInfo(this.db, this.segment, id);
  }

  count(): number {
    return Number(scalar(this.db, 'SELECT count(*) FROM events'));
  }

  /** The highest event id stored (0 for none): a rowid lookup, not a scan. */
  lastEventId(): number {
    return Number(scalar(this.db, 'SELECT coalesce(max(id), 0) FROM events'));
  }

  // ---- whole-case counts (whole-case-tally.ts) --------------------------------------------------

  /** Counts changes to events, annotations and indexes: copies of the database (SQL console) compare it. */
  get generation(): number {
    return this.cache.generation;
  }

  /** Drops cached counts and aggregates (benchmarks measure cold figures with it). */
  dropCaches(): void {
    this.forget();
    this.tally.dropLive();
  }

  /** The overview of the whole case as it is now (whole-case-tally.ts), or null: none kept, or a write is open. */
  wholeCaseHead(): TallyHead | null {
    return this.writer.open ? null : this.tally.head(this.segment.length);
  }

  /** Keeps counts of the whole case just made from its rows (saved with the case's next save). */
  keepWholeCaseTally(t: WholeCaseTally): void {
    if (!this.writer.open) this.tally.keep(t, this.segment.length);
  }

  /**
   * The open transaction is about to rewrite these rows of source `src` (remapping): their current values
   * leave the whole-case counts, read in one pass over the source's rows; rewriteRows puts each one's
   * new values in. Skipped when no counts are kept up (a case from before them).
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

  /** Rewrites rows of source `src` in the open transaction (remapping), after uncountRows of them. */
  rewriteRows(src: number, rows: readonly RewrittenRow[]): void {
    this.writer.rewrite(src, rows);
  }

  /** Counts the whole case from its rows (event-counts.ts); null when a column has too many distinct values. */
  countWholeCase(): WholeCaseTally | null {
    return countWholeCase(this.db);
  }

  /** The open transaction changes stored rows other than by insert() or a counted rewrite: whole-case counts cannot follow it. */
  rowsRewritten(): void {
    this.columns?.rewritten(null);
    this.tally.rowsRewritten();
  }

  // ---- reading (query-cache.ts, event-reader.ts) ------------------------------------------------

  /** The case's events or annotations changed: every cached count and aggregate is stale. */
  private forget(): void {
    this.cache.forget();
    this.hits.clear();
  }

  /**
   * An aggregate of a filter from the cache, or computed now: going back to an earlier filter (removing a
   * chip, resetting a zoom) is then instant, and the unfiltered overview is computed once per change.
   */
  cached<T>(kind: string, q: EventQuery, compute: () => T): T {
    const { sql, params } = this.where(q);
    return this.cache.aggregate(`${kind}\u0000${sql}\u0000${JSON.stringify(params)}`, compute);
  }

  query(q: EventQuery): QueryResult {
    const { sql: where, params } = this.where(q);
    const limit = Math.min(Math.max(q.limit ?? DEFAULT_PAGE, 0), MAX_PAGE);
    const offset = Math.max(q.offset ?? 0, 0);
    const terms = parseSearch(q.search ?? '');
    const expr = terms.length ? toMatchExpression(terms) : null;
    // A search alone is counted by reading its hits from the full-text index once; the pages reuse them.
    const total = this.cache.count(`${where}\u0000${JSON.stringify(params)}`, () =>
      expr && onlySearch(q) ? this.hits.load(this.db, terms).count : Number(scalar(this.db, `SELECT count(*) FROM events ${where}`, params)),
    );
    const rows: EventRow[] = [];
    if (limit > 0 && offset < total) {
      // Ids first: the time indexes cover (t, id), so skipping deep offsets never touches table rows.
      const ids: number[] = [];
      // Many hits: walk the time index and test each against the hit set; few: look the hits up.
      const probe = expr !== null && total > SEARCH_PROBE_MIN;
      if (probe) this.hits.load(this.db, terms);
      const page = probe ? whereClause(q, this.cache.expandContains, { probeSearch: true }) : { sql: where, params };
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
    return this.reader.rowsById(ids, withRaw);
  }

  /** The WHERE clause and bound values of a query, as query() builds it: for aggregates over a filter. */
  where(q: EventQuery): { sql: string; params: (string | number | null)[] } {
    // Not inside an import's transaction: its rows may still roll back.
    if (q.search?.trim() && !this.writer.open) while (this.indexSearch(50_000) > 0);
    return whereClause(q, this.cache.expandContains);
  }

  /** The WHERE clause of the given ids when there are some, else of the query (as whereClause builds it). */
  private scope(q: EventQuery, ids?: readonly number[]): { sql: string; params: (string | number | null)[] } {
    return ids ? idsWhere(ids) : whereClause(q, this.cache.expandContains);
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

  /** Full events (raw record, before/after, provenance) in query order: the CLI's --json and exports. */
  queryFull(q: EventQuery): { total: number; events: AuditEvent[] } {
    const { total, events } = this.query(q);
    // A damaged row stays in the page as the timeline shows it, marked, with no raw record.
    return { total, events: events.map((r) => (r.damaged ? this.reader.damagedEvent(r) : this.getEvent(r.id))) };
  }

  /** Whether an event of this id is stored. */
  hasEvent(id: number): boolean {
    return this.reader.has(id);
  }

  /** Earliest and latest time of the rows a WHERE clause (from where()) selects, and how many have none. */
  timeRange(where: string, params: (string | number | null)[]): { lo: number | null; hi: number; untimed: number } {
    return timeRangeOf(this.db, where, params);
  }

  /** Timed rows a (non-empty) WHERE clause selects, counted per value of an SQL expression of t. */
  countTimedBy(group: string, where: string, params: (string | number | null)[]): [number, number][] {
    return countTimedBy(this.db, group, where, params);
  }

  /** Events of the whole case between consecutive time bounds, keyed by each range's start. */
  countTimeRanges(bounds: readonly number[]): Map<number, number> {
    return countTimeRanges(this.db, bounds);
  }

  /** Events, failures, warnings and distinct actors of the rows a WHERE clause selects (filter-counts.ts). */
  filterMetrics(where: string, params: (string | number | null)[]): { total: number; failures: number; warnings: number; distinctActors: number } {
    return metricsOf(this.db, where, params);
  }

  /** Rows a WHERE clause selects, per source id. */
  countBySource(where: string, params: (string | number | null)[]): [number, number][] {
    return countBySource(this.db, where, params);
  }

  /** Rows a WHERE clause selects, per actor type code and per outcome code. */
  countByCode(where: string, params: (string | number | null)[]): { actorTypes: number[]; outcomes: number[] } {
    return countByCode(this.db, where, params);
  }

  /** The most frequent values of an indexed column among the rows a WHERE clause selects. */
  topValues(column: 'actor' | 'action', where: string, params: (string | number | null)[], limit: number): [string | null, number][] {
    return topValuesOf(this.db, column, where, params, limit);
  }

  /** One pass over the rows a WHERE clause selects: src, atype, outcome, then the given text columns. */
  scanRows(
    columns: readonly string[],
    where: string,
    params: (string | number | null)[],
    each: (r: [number, number, number, ...(string | null)[]]) => void,
  ): void {
    scanRows(this.db, columns, where, params, each);
  }

  /** Calls fn with each event id of a set (a tag, bookmarks, notes, a finding, a full-text match). */
  eachIdOf(set: IdSet, fn: (id: number) => void): void {
    eachIdOf(this.db, set, fn);
  }

  /** Calls fn with every event's id and segment position (the column engine's raw.PATH columns). */
  eachPosition(fn: (id: number, off: number, len: number) => void): void {
    eachPosition(this.db, fn);
  }

  /** Newest event time stored from a source (ms), null when it holds none with a time. */
  newestTime(src: number): number | null {
    return newestTimeOf(this.db, src);
  }

  getEvent(id: string): AuditEvent {
    return this.reader.getEvent(id);
  }

  /**
   * Every event a query matches (or just the given ids), in query order, one row at a time: exports
   * stream through this instead of materialising the result. rawBytes are the stored bytes, uncopied.
   */
  *eachEvent(q: EventQuery, opts: { ids?: number[]; diff: boolean }): Generator<FullEvent> {
    const { sql: where, params } = this.scope(q, opts.ids);
    yield* this.reader.eachEvent(where, params, orderClause(q), opts.diff);
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
    if (!opts.numeric.includes('off') || !opts.numeric.includes('len')) throw new Error('entryBatches needs the off and len columns');
    const { sql: where, params } = this.scope(q, opts.ids);
    const sql = `SELECT ${[...opts.numeric, ...opts.text].join(',')} FROM events ${where} ${orderClause(q)}`;
    return selectEntryBatches(this.db, this.segment, sql, params, { ...opts, spare: opts.spare ?? [] });
  }

  /** Every event of these sources in id (so segment) order, as entryBatches gives them: columns id, src, off, len. */
  sourceEntryBatches(srcs: readonly number[], batch: number, spare: Buffer[] = []): AsyncIterable<EntryBatch> | null {
    // `+src` keeps SQLite on the rowid order (no index, no sort): rows come as the segment holds them.
    const sql = `SELECT id, src, off, len FROM events WHERE +src IN (${srcs.map(() => '?').join(',') || 'NULL'}) ORDER BY id`;
    return selectEntryBatches(this.db, this.segment, sql, [...srcs], { numeric: ['id', 'src', 'off', 'len'], text: [], batch, spare });
  }

  /** Before/after of an event as events show them (re-derived from a JSON record's raw text when not stored). */
  diffOf(srcId: number, extras: EventExtras, raw: string): { before: unknown; after: unknown } {
    return this.reader.diffOf(srcId, extras, raw);
  }

  /** The raw record stored at a segment position (the query language's raw.PATH terms). */
  rawAt(off: number, len: number): string {
    return this.reader.rawAt(off, len);
  }

  /** An event's raw record and display extras. */
  entry(id: number): { raw: string; extras: EventExtras } {
    return this.reader.entry(id);
  }

  /** Every stored event of a source, oldest first by insertion: used to re-derive fields. */
  eventsOfSource(src: number): Generator<{ id: number; raw: string; extras: EventExtras }> {
    return this.reader.eventsOfSource(src);
  }

  // ---- full-text index (search-upkeep.ts) -------------------------------------------------------

  /** Events not yet in the full-text index (all of them before the first search). */
  searchPending(): number {
    return searchPending(this.db, this.catalog);
  }

  /** Indexes up to `limit` more events in id order; returns how many are still pending. */
  indexSearch(limit: number): number {
    this.indexSearchStep(limit);
    return this.searchPending();
  }

  private searchGrown = false;

  /**
   * Indexes up to `limit` more events; returns how many it added (fewer than limit: the index is
   * complete). No count of what is left (a scan at 1M rows), and caches are dropped once, when it
   * completes: only a search reads the index, and searches wait for it to be complete.
   */
  indexSearchStep(limit: number): number {
    const added = indexSearchChunk(this.db, this.segment, this.catalog, limit);
    if (added) this.searchGrown = true;
    if (added < limit && this.searchGrown) {
      this.searchGrown = false;
      this.forget();
    }
    return added;
  }

  // ---- annotations (annotation-log.ts) ----------------------------------------------------------

  /** The bookmarks, tags and notes on the rows a WHERE clause selects (what an export lists beside them). */
  annotationsOfRows(where: string, params: (string | number | null)[]): RowAnnotations {
    return annotationsOfRows(this.db, where, params);
  }

  /** One event's bookmark, tags and note. */
  annotationsOfEvent(id: number): { bookmarked: boolean; tags: string[]; note: string | null } {
    return annotationsOfEvent(this.db, id);
  }

  /** Annotated events (id, when last annotated) of a kind, tag or text, newest first. */
  annotatedEvents(f: Pick<AnnotationFilter, 'kind' | 'tag' | 'text'>): [number, string][] {
    return annotatedEvents(this.db, f);
  }

  /** Every tag with how many events carry it, most used first. */
  tagCounts(): { tag: string; count: number }[] {
    return tagCounts(this.db);
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
    const held = this.disk.lock.isHeld;
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
      if (!held && !this.writer.open) this.disk.lock.release();
    }
  }

  /**
   * Applies annotations other processes saved since (one stat when there are none). Not while this
   * process is writing, nor once case.sqlite was replaced: this copy is then stale as a whole, and
   * writing is refused until the case is opened again (claimWrites).
   */
  refresh(): void {
    if (this.inTransaction || this.disk.lock.isHeld || !this.annotationLog.changed()) return;
    if (this.disk.changedElsewhere()) return;
    if (this.annotationLog.catchUp(this.db)) this.forget();
  }

  // ---- saving (case-disk.ts) --------------------------------------------------------------------

  /**
   * Before any change: takes the case's writer lock (case-lock.ts) and checks that no other process saved
   * the case since this one read it (its copy in memory would overwrite that). Throws, changing nothing.
   */
  claimWrites(): void {
    this.disk.claim();
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
    return this.unsavedCommit || this.disk.saveFailed ? null : this.disk.lastSum;
  }

  save(): void {
    this.claimWrites();
    try {
      const segLen = this.segment.sync();
      this.catalog.setMeta('segment_length', String(segLen));
      this.savedAt = new Date().toISOString();
      this.catalog.setMeta('saved_at', this.savedAt);
      for (const [key, value] of this.tally.unstored(segLen)) this.catalog.setMeta(key, value);
      this.catalog.setMeta('journal_seq', String(this.annotationLog.applied));
      this.disk.write(this.db.export());
    } catch (e) {
      throw this.disk.failed(e);
    }
    this.disk.saved();
    // Folded into case.sqlite (journal_seq): its lines are skipped if removing the file fails or a crash stops it.
    try {
      this.annotationLog.folded();
    } catch {
      // Left in place, the lines are at or below journal_seq: read and never applied again.
    }
    // Saved: nothing of this process is pending, so another may write (this one checks the file first).
    this.unsavedCommit = false;
    this.afterSave?.();
    if (!this.writer.open) this.disk.lock.release();
  }

  /**
   * Runs fn with raw SQL access: for the engine's own maintenance writes (remapping). A write that changes
   * events' counted columns must, within its transaction, report the rows (uncountRows, then
   * rewriteRows) or call rowsRewritten().
   */
  withDb<T>(fn: (db: Database) => T): T {
    return fn(this.db);
  }

  /** A write transaction is open: its rows may still roll back, so only the SQL path reads them. */
  get writing(): boolean {
    return this.writer.open;
  }

  close(): void {
    this.columns = null;
    this.writer.finish();
    try {
      this.segment.close();
    } finally {
      this.db.close();
      this.disk.lock.release();
    }
  }
}
