// The engine: the one implementation of the contract. Hosts (IPC, HTTP/WebSocket, CLI) only carry
// calls to it; it runs in a worker thread so imports never block the thread that answers the UI.
import path from 'node:path';
import type { AuditDeskApi, CaseInfo, HostEvent, ImportReport, JobProgress } from '../../shared/contract';
import type { EventQuery } from '../../shared/query';
import type { Mapping, MappingReview } from '../../shared/mapping';
import { CaseStore } from './store/case-store';
import { ImportCancelled, importFile, loadDedupState } from './import/import-file';
import { sourceValues } from './import/source-values';
import { reviewMapping } from './mapping';
import { remapSource } from './remap-source';
import type { SyncLimits, SyncReport, SyncSettings, SyncSourceInfo, SyncVendorInfo } from '../../shared/sync';
import { syncSourceName } from '../../shared/sync';
import { runSync, type SyncRunOptions } from './sync/runner';
import { syncVendors } from '../vendors/sync-info';
import { listSync, newestStoredMs } from './sync/sync-state';
import { tokenScope } from './sync/token-scope';
import { traceByRequestId, traceFromEvent } from './investigate/trace';
import { eventDiff, resourceHistory } from './investigate/diff';
import { facets, histogram, summarize } from './investigate/overview';
import type { ExportRequest, ExportSummary } from '../../shared/export';
import { exportEvents } from './export/export-events';
import { FACET_FIELDS, type FacetField } from '../../shared/investigate';
import type { AnnotationChange, AnnotationFilter } from '../../shared/annotations';
import { annotate, annotationsOf, listAnnotations } from './investigate/annotations';
import type { ViewState } from '../../shared/views';
import { deleteView, listViews, renameView, saveView } from './views/saved-views';
import { SqlConsole } from './sql/sql-console';
import { runDetect, lastDetect } from './detect/run-detect';
import { loadRules } from './detect/load-rules';
import type { DetectResult } from '../../shared/detect';
import type { ReportRequest, ReportSummary } from '../../shared/report';
import { buildReport } from './report/build-report';
import { columnFacets, columnHistogram, columnQuery, columnSummary, columnsBeforeWrite, columnsOf, persistColumns } from './columns/column-path';
import { SearchBuild } from './search-build';

export interface EngineOptions {
  /** Build the full-text index in the background after imports, syncs and opening (the app, serve); the CLI leaves it to search. */
  indexInBackground?: boolean;
}

export class Engine implements AuditDeskApi {
  private store: CaseStore | null = null;
  private jobs = new Map<string, { cancelled: boolean }>();
  /** Writes (open, import, remap) run one at a time; reads go straight through. */
  private writeChain: Promise<unknown> = Promise.resolve();
  private jobCounter = 0;
  /** Sync tokens by scope (case, source name, base URL): in this process's memory only, never in the case or a message. */
  private tokens = new Map<string, string>();
  /** Test and CLI hook: retry timings for sync (tests make the waits instant). */
  syncOptions: Partial<Pick<SyncRunOptions, 'policy' | 'saveEvery' | 'overlapMs' | 'maxPageBytes' | 'maxPages'>> = {};

  constructor(
    private readonly emit: (e: HostEvent) => void = () => {},
    private readonly options: EngineOptions = {},
  ) {}

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writeChain.then(fn, fn);
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  private requireStore(): CaseStore {
    if (!this.store) throw new Error('no case is open: open or create one first');
    this.storeCalls++;
    // Annotations and views another process saved since (annotations.jsonl): one stat when none.
    this.store.refresh();
    return this.store;
  }

  openCase(p: { path: string; create?: boolean }): Promise<CaseInfo> {
    this.searchBuild.stop();
    return this.exclusive(async () => {
      const next = await CaseStore.open(p.path, { create: p.create });
      next.afterSave = () => persistColumns(next);
      this.flushSaves();
      this.store?.close();
      this.store = next;
      this.opened++;
      const info = next.info();
      this.emit({ type: 'caseChanged', info });
      this.warmColumns();
      this.indexInBackground();
      return info;
    });
  }

  /**
   * The unfiltered facets come from the case's stored counts, but a case without them (imported by an
   * earlier version) counts its rows once (~1.3 s at 1M). A UI asks for the unfiltered metrics first
   * (the CLI never does): then the facets, as the panel asks for them, are computed (and the counts
   * made) while the user looks, so opening the panel is instant.
   */
  private warmFacets(): void {
    const store = this.store;
    setImmediate(() => {
      if (store !== this.store || !store) return;
      try {
        facets(store, {}, FACET_FIELDS, 6);
      } catch {
        // Only a warm-up: the same call from the UI reports any error.
      }
    });
  }

  /** Calls that used the open case (requireStore): the column warm-up gives way to them. */
  private storeCalls = 0;

  /**
   * The filter answers come from columns (columns/) read once per open: read while the user looks, not
   * on the first click. Only when no call came in meanwhile: a CLI command (an export) would wait for a
   * read it never uses (at 1M about 0.3 s and 110 MB), and a call that filters reads them itself.
   */
  private warmColumns(): void {
    const store = this.store;
    const calls = this.storeCalls;
    setTimeout(() => {
      if (store !== this.store || !store || calls !== this.storeCalls) return;
      try {
        columnsOf(store);
      } catch {
        // Only a warm-up: the SQL path answers while the columns cannot be read.
      }
    }, 200).unref();
  }

  async caseInfo(): Promise<CaseInfo | null> {
    return this.store?.info() ?? null;
  }

  /** Folder where browser uploads are kept, inside the case so the case stays self-contained. */
  incomingDir(): string {
    return this.requireStore().incomingDir;
  }

  importFiles(p: { paths: string[]; originalNames?: string[]; jobId?: string; maxRecordBytes?: number }): Promise<ImportReport> {
    const jobId = p.jobId ?? `import-${++this.jobCounter}`;
    const job = { cancelled: false };
    this.jobs.set(jobId, job);
    // Not behind the rest of the index: the import goes first, then the index takes up its events too.
    this.searchBuild.stop();
    return this.exclusive(async () => {
      const store = this.requireStore();
      const report: ImportReport = { files: [] };
      columnsBeforeWrite(store);
      const dedup = loadDedupState(store);
      let lastEmit = 0;
      try {
        for (let i = 0; i < p.paths.length; i++) {
          const file = p.paths[i];
          const progress = (bytesDone: number, bytesTotal: number, events: number, phase: 'storing' | 'indexing' = 'storing') => {
            const now = Date.now();
            if (phase === 'storing' && now - lastEmit < 100) return;
            lastEmit = now;
            this.emit({
              type: 'progress',
              progress: {
                jobId,
                kind: 'import',
                file: p.originalNames?.[i] ?? file,
                fileIndex: i,
                fileCount: p.paths.length,
                bytesDone,
                bytesTotal,
                events,
                phase,
                done: false,
              },
            });
          };
          try {
            report.files.push(
              await importFile(store, file, {
                originalName: p.originalNames?.[i],
                onProgress: progress,
                isCancelled: () => job.cancelled,
                dedup,
                maxRecordBytes: p.maxRecordBytes,
              }),
            );
          } catch (e) {
            if (e instanceof ImportCancelled) {
              report.cancelled = true;
              break;
            }
            throw e;
          }
        }
      } finally {
        this.jobs.delete(jobId);
        this.emit({
          type: 'progress',
          progress: {
            jobId,
            kind: 'import',
            file: '',
            fileIndex: p.paths.length,
            fileCount: p.paths.length,
            bytesDone: 1,
            bytesTotal: 1,
            events: 0,
            done: true,
          },
        });
        this.emit({ type: 'caseChanged', info: store.info() });
        this.indexInBackground();
      }
      return report;
    });
  }

  /** Progress of a one-file job counted in items (rows, events): what export, detection and indexing report. */
  private jobCounterProgress(jobId: string, kind: JobProgress['kind'], file: string) {
    return (done: number, total: number, finished = false): void =>
      this.emit({
        type: 'progress',
        progress: { jobId, kind, file, fileIndex: 0, fileCount: 1, bytesDone: done, bytesTotal: total, events: done, done: finished },
      });
  }

  async cancelJob(p: { jobId: string }): Promise<{ cancelled: boolean }> {
    const job = this.jobs.get(p.jobId);
    if (job) job.cancelled = true;
    return { cancelled: Boolean(job) };
  }

  async queryEvents(q: EventQuery) {
    await this.searchReady(q);
    const store = this.requireStore();
    return columnQuery(store, q) ?? store.query(q);
  }

  /** The full-text index, kept up to date in the background (search-build.ts) or for the search that needs it. */
  readonly searchBuild = new SearchBuild({
    exclusive: (fn) => this.exclusive(fn),
    jobId: () => `search-index-${++this.jobCounter}`,
    progress: (jobId, done, total, finished) => this.jobCounterProgress(jobId, 'search-index', 'full-text index')(done, total, finished),
    built: (store) => {
      // The index is only a cache of the records: while another process is changing the case it
      // stays in memory here, and is built again (and saved) by whichever process writes next.
      if (store === this.store && store.canWrite()) this.scheduleSave();
    },
  });

  private indexInBackground(): void {
    if (!this.options.indexInBackground || !this.store) return;
    this.searchBuild.start(this.store).catch(reportIndexFailure);
  }

  /**
   * A search needs the full-text index up to date: it waits for the run under way (with its progress
   * events), or starts one for what is missing. A run stopped by an import is taken up again after it.
   */
  private async searchReady(q: EventQuery | undefined): Promise<void> {
    if (!q?.search?.trim()) return;
    for (let store = this.requireStore(); store.searchPending() > 0; store = this.requireStore()) await this.searchBuild.start(store);
  }

  async getEvent(p: { id: string }) {
    return this.requireStore().getEvent(p.id);
  }

  /** Full events for a query (CLI --json); not in the contract because pages of raw records are heavy. */
  async queryFull(q: EventQuery) {
    await this.searchReady(q);
    return this.requireStore().queryFull(q);
  }

  async getMapping(p: { sourceId: number }): Promise<MappingReview> {
    const store = this.requireStore();
    const src = store.source(p.sourceId);
    const samples: Record<string, unknown>[] = [];
    for await (const v of sourceValues(store, src, 200)) samples.push(v.value);
    return reviewMapping(samples, store.sourceMapping(p.sourceId), p.sourceId);
  }

  saveMapping(p: { sourceId: number; mapping: Mapping; reapply: boolean }): Promise<CaseInfo> {
    return this.exclusive(async () => {
      const store = this.requireStore();
      store.claimWrites();
      const mapping: Mapping = { ...p.mapping, origin: 'saved' };
      store.saveMappingForShape(mapping);
      if (p.reapply) columnsBeforeWrite(store);
      if (p.reapply) await remapSource(store, p.sourceId, mapping);
      else store.save();
      const info = store.info();
      this.emit({ type: 'caseChanged', info });
      return info;
    });
  }

  async syncVendors(): Promise<SyncVendorInfo[]> {
    return syncVendors();
  }

  async syncSources(): Promise<SyncSourceInfo[]> {
    const store = this.requireStore();
    return listSync(store).map((r) => {
      const newest = newestStoredMs(store, r.sourceId);
      return {
        name: r.name,
        settings: r.settings,
        sourceId: r.sourceId,
        newest: newest == null ? null : new Date(newest).toISOString(),
        interrupted: r.state.run != null,
        lastReport: r.report,
        hasToken: this.tokens.has(tokenScope(store.dir, r.settings)),
      };
    });
  }

  runSync(p: { settings: SyncSettings; token?: string; jobId?: string; limits?: SyncLimits; tokenCase?: string }): Promise<SyncReport> {
    const jobId = p.jobId ?? `sync-${++this.jobCounter}`;
    const job = { cancelled: false };
    this.jobs.set(jobId, job);
    const name = syncSourceName(p.settings);
    this.searchBuild.stop();
    return this.exclusive(async () => {
      const store = this.requireStore();
      if (p.tokenCase != null && path.resolve(p.tokenCase) !== store.dir)
        throw new Error(`${name}: the token was meant for another case: enter the source's API token`);
      // Bound to this case, name and base URL: a source of the same name elsewhere never receives it.
      const scope = tokenScope(store.dir, { ...p.settings, name });
      if (p.token) this.tokens.set(scope, p.token);
      const token = this.tokens.get(scope);
      if (!token) throw new Error(`${name}: no token in this session: enter the source's API token`);
      const emit = (progress: SyncReport | Parameters<NonNullable<SyncRunOptions['onProgress']>>[0], done: boolean) =>
        this.emit({
          type: 'syncProgress',
          jobId,
          source: name,
          progress: {
            pages: progress.pages,
            received: progress.received,
            new: progress.new,
            expectedTotal: progress.expectedTotal,
            retries: progress.retries,
            retry: 'retry' in progress ? progress.retry : null,
          },
          done,
        });
      columnsBeforeWrite(store);
      const dedup = loadDedupState(store);
      try {
        const report = await runSync(
          store,
          { ...p.settings, name },
          {
            ...this.syncOptions,
            ...p.limits,
            token,
            dedup,
            isCancelled: () => job.cancelled,
            onProgress: (pr) => emit(pr, false),
          },
        );
        emit(report, true);
        return report;
      } finally {
        this.jobs.delete(jobId);
        this.emit({ type: 'caseChanged', info: store.info() });
        this.indexInBackground();
      }
    });
  }

  /** Runs with writes held off, so the rows counted are the rows written. */
  async exportEvents(p: ExportRequest): Promise<ExportSummary> {
    // A search filter needs the full-text index up to date before rows are counted and written.
    await this.searchReady(p.query);
    const jobId = p.jobId ?? `export-${++this.jobCounter}`;
    const job = { cancelled: false };
    this.jobs.set(jobId, job);
    return this.exclusive(async () => {
      const store = this.requireStore();
      const progress = this.jobCounterProgress(jobId, 'export', p.out ?? 'export');
      try {
        return await exportEvents(store, p, { onProgress: (d, t) => progress(d, t), isCancelled: () => job.cancelled });
      } finally {
        this.jobs.delete(jobId);
        progress(1, 1, true);
      }
    });
  }

  async traceRequest(p: { requestId: string }) {
    return traceByRequestId(this.requireStore(), p.requestId);
  }

  async traceEvent(p: { id: string }) {
    return traceFromEvent(this.requireStore(), p.id);
  }

  /** A request trace with full events (CLI --json); rows only in the contract, like queryFull. */
  traceFull(p: { requestId: string }) {
    const store = this.requireStore();
    const trace = traceByRequestId(store, p.requestId);
    return { ...trace, events: trace.events.map((e) => ({ ...store.getEvent(e.id), offsetMs: e.offsetMs, gapMs: e.gapMs })) };
  }

  async eventDiff(p: { id: string }) {
    return eventDiff(this.requireStore(), p.id);
  }

  async resourceHistory(p: { id: string }) {
    return resourceHistory(this.requireStore(), p.id);
  }

  async summarize(q: EventQuery) {
    await this.searchReady(q);
    const store = this.requireStore();
    if (!store.where(q ?? {}).sql) this.warmFacets();
    return columnSummary(store, q ?? {}) ?? summarize(store, q);
  }

  async facets(p: { query: EventQuery; fields?: FacetField[]; limit?: number }) {
    await this.searchReady(p.query);
    const limit = Math.min(Math.max(p.limit ?? 8, 1), 100);
    return columnFacets(this.requireStore(), p.query ?? {}, p.fields, limit) ?? facets(this.requireStore(), p.query ?? {}, p.fields, limit);
  }

  async histogram(p: { query: EventQuery; maxBuckets?: number }) {
    await this.searchReady(p.query);
    const buckets = Math.min(Math.max(p.maxBuckets ?? 120, 10), 1000);
    return columnHistogram(this.requireStore(), p.query ?? {}, buckets) ?? histogram(this.requireStore(), p.query ?? {}, buckets);
  }

  async annotations(p: { id: string }) {
    return annotationsOf(this.requireStore(), p.id);
  }

  /** Runs with the writes (an import's transaction must not take an annotation with it on rollback). */
  annotate(c: AnnotationChange) {
    return this.exclusive(async () => annotate(this.requireStore(), c));
  }

  async listAnnotations(f: AnnotationFilter) {
    return listAnnotations(this.requireStore(), f ?? {});
  }

  async listViews() {
    return listViews(this.requireStore());
  }

  saveView(p: { name: string; state: ViewState; overwrite?: boolean }) {
    return this.viewWrite(() => saveView(this.requireStore(), p));
  }

  renameView(p: { from: string; to: string }) {
    return this.viewWrite(() => renameView(this.requireStore(), p));
  }

  deleteView(p: { name: string }) {
    return this.viewWrite(() => deleteView(this.requireStore(), p));
  }

  /** Views are small writes saved like annotations; viewChanges tells the SQL console's copy it is stale. */
  private viewChanges = 0;
  private viewWrite<T>(fn: () => T): Promise<T> {
    return this.exclusive(async () => {
      const result = fn();
      this.viewChanges++;
      return result;
    });
  }

  private sql = new SqlConsole();
  /** Cases opened so far: a reopened case is another state for the console's copy. */
  private opened = 0;

  /** The copy is made from the live database's bytes with writes held off (export needs no open transaction). */
  async runSql(p: { sql: string; offset?: number; limit?: number }) {
    const store = this.requireStore();
    const key = `${this.opened}:${store.generation}:${this.viewChanges}`;
    return this.sql.run(p ?? { sql: '' }, key, () => this.exclusive(async () => store.withDb((db) => db.export())));
  }

  async cancelSql(): Promise<{ cancelled: boolean }> {
    return { cancelled: this.sql.cancel() };
  }

  /** Rules are loaded before the writes are held, so a bad folder is refused at once. */
  detect(p: { rulesDir?: string; jobId?: string }): Promise<DetectResult> {
    const jobId = p.jobId ?? `detect-${++this.jobCounter}`;
    let rules: ReturnType<typeof loadRules>;
    try {
      rules = loadRules(p.rulesDir || undefined);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.exclusive(async () => {
      const store = this.requireStore();
      const progress = this.jobCounterProgress(jobId, 'detect', 'detection rules');
      try {
        const result = await runDetect(store, rules, { onProgress: (d, t) => progress(d, t), rulesDir: p.rulesDir || null });
        // Findings are derived from the records, like the search index: kept in memory when another process writes.
        if (store.canWrite()) this.scheduleSave();
        return result;
      } finally {
        progress(1, 1, true);
      }
    });
  }

  async lastDetect(): Promise<DetectResult | null> {
    return lastDetect(this.requireStore());
  }

  /** Like an export: writes held off, so the events cited are the events exported. */
  async buildReport(p: ReportRequest): Promise<ReportSummary> {
    await this.searchReady(p.query);
    return this.exclusive(async () => buildReport(this.requireStore(), p ?? {}, { onProgress: () => {}, isCancelled: () => false }));
  }

  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * A full-text index built here is saved shortly after, not per chunk (saving a 1M-event case takes
   * about a second); close() saves it if still pending. Annotations and views are saved at once
   * (annotations.jsonl), never through this.
   */
  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(
      () => {
        this.saveTimer = null;
        // The change was refused before it was made if the case could not be written; a save failing
        // here (disk full, another process) is reported, not left as an unhandled rejection.
        void this.exclusive(async () => this.store?.save()).catch(reportSaveFailure);
      },
      Number(process.env.AD_ANNOTATION_SAVE_MS ?? 800),
    );
  }

  /** Saves a pending full-text index now (before another case is opened, and on close). */
  flushSaves(): void {
    if (!this.saveTimer) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.store?.save();
  }

  close(): void {
    this.searchBuild.stop();
    this.sql.close();
    try {
      this.flushSaves();
    } catch (e) {
      // The change behind it was refused when made if the case was not writable; still close the case.
      reportSaveFailure(e);
    }
    this.store?.close();
    this.store = null;
  }
}

/** Building the full-text index in the background failed: a search that needs it reports the error too. */
function reportIndexFailure(e: unknown): void {
  process.stderr.write(`auditdesk: building the full-text index failed: ${(e as Error).message}\n`);
}

/** A save the user did not wait for (annotations, views, the search index) failed: said on stderr. */
function reportSaveFailure(e: unknown): void {
  process.stderr.write(`auditdesk: saving the case failed: ${(e as Error).message}\n`);
}
