// The engine: the one implementation of the contract. Hosts (IPC, HTTP/WebSocket, CLI) only carry
// calls to it; it runs in a worker thread so imports never block the thread that answers the UI.
import type { AuditDeskApi, CaseInfo, HostEvent, ImportReport } from '../../shared/contract';
import type { EventQuery } from '../../shared/query';
import type { Mapping, MappingReview } from '../../shared/mapping';
import { CaseStore } from './store/case-store';
import { ImportCancelled, importFile, loadDedupState } from './import/import-file';
import { sourceValues } from './import/source-values';
import { reviewMapping } from './mapping';
import { remapSource } from './remap-source';
import type { ExportRequest, ExportSummary } from '../../shared/export';
import { exportEvents } from './export/export-events';

export class Engine implements AuditDeskApi {
  private store: CaseStore | null = null;
  private jobs = new Map<string, { cancelled: boolean }>();
  /** Writes (open, import, remap) run one at a time; reads go straight through. */
  private writeChain: Promise<unknown> = Promise.resolve();
  private jobCounter = 0;

  constructor(private readonly emit: (e: HostEvent) => void = () => {}) {}

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writeChain.then(fn, fn);
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  private requireStore(): CaseStore {
    if (!this.store) throw new Error('no case is open: open or create one first');
    return this.store;
  }

  openCase(p: { path: string; create?: boolean }): Promise<CaseInfo> {
    return this.exclusive(async () => {
      const next = await CaseStore.open(p.path, { create: p.create });
      this.store?.close();
      this.store = next;
      const info = next.info();
      this.emit({ type: 'caseChanged', info });
      return info;
    });
  }

  async caseInfo(): Promise<CaseInfo | null> {
    return this.store?.info() ?? null;
  }

  /** Folder where browser uploads are kept, inside the case so the case stays self-contained. */
  incomingDir(): string {
    return this.requireStore().incomingDir;
  }

  importFiles(p: { paths: string[]; originalNames?: string[]; jobId?: string }): Promise<ImportReport> {
    const jobId = p.jobId ?? `import-${++this.jobCounter}`;
    const job = { cancelled: false };
    this.jobs.set(jobId, job);
    return this.exclusive(async () => {
      const store = this.requireStore();
      const report: ImportReport = { files: [] };
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
              progress: { jobId, kind: 'import', file: p.originalNames?.[i] ?? file, fileIndex: i, fileCount: p.paths.length, bytesDone, bytesTotal, events, phase, done: false },
            });
          };
          try {
            report.files.push(
              await importFile(store, file, {
                originalName: p.originalNames?.[i],
                onProgress: progress,
                isCancelled: () => job.cancelled,
                dedup,
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
          progress: { jobId, kind: 'import', file: '', fileIndex: p.paths.length, fileCount: p.paths.length, bytesDone: 1, bytesTotal: 1, events: 0, done: true },
        });
        this.emit({ type: 'caseChanged', info: store.info() });
      }
      return report;
    });
  }

  async cancelJob(p: { jobId: string }): Promise<{ cancelled: boolean }> {
    const job = this.jobs.get(p.jobId);
    if (job) job.cancelled = true;
    return { cancelled: Boolean(job) };
  }

  async queryEvents(q: EventQuery) {
    return this.requireStore().query(q);
  }

  async getEvent(p: { id: string }) {
    return this.requireStore().getEvent(p.id);
  }

  /** Full events for a query (CLI --json); not in the contract because pages of raw records are heavy. */
  queryFull(q: EventQuery) {
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
      const mapping: Mapping = { ...p.mapping, origin: 'saved' };
      store.saveMappingForShape(mapping);
      if (p.reapply) await remapSource(store, p.sourceId, mapping);
      else store.save();
      const info = store.info();
      this.emit({ type: 'caseChanged', info });
      return info;
    });
  }

  /** Runs with writes held off, so the rows counted are the rows written. */
  exportEvents(p: ExportRequest): Promise<ExportSummary> {
    const jobId = p.jobId ?? `export-${++this.jobCounter}`;
    const job = { cancelled: false };
    this.jobs.set(jobId, job);
    return this.exclusive(async () => {
      const store = this.requireStore();
      const progress = (done: number, total: number, finished = false) =>
        this.emit({
          type: 'progress',
          progress: { jobId, kind: 'export', file: p.out ?? 'export', fileIndex: 0, fileCount: 1, bytesDone: done, bytesTotal: total, events: done, done: finished },
        });
      try {
        return await exportEvents(store, p, { onProgress: (d, t) => progress(d, t), isCancelled: () => job.cancelled });
      } finally {
        this.jobs.delete(jobId);
        progress(1, 1, true);
      }
    });
  }

  close(): void {
    this.store?.close();
    this.store = null;
  }
}
