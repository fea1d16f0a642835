// Building the full-text index in the background (issue 16): after an import or a sync, and when a
// case opens with its index behind, instead of on the first search. The work is cut into chunks of
// about CHUNK_MS, each run between the engine's writes and after a turn of the event loop, so any
// request waits at most one chunk. A search that finds the index behind waits for the same run.
import type { CaseStore } from './store/case-store';

/** Work per chunk: what a request arriving meanwhile may wait behind. */
const CHUNK_MS = 50;
const MIN_CHUNK = 50;
const MAX_CHUNK = 20_000;
/** Progress events at most this often (a 1M-event build makes hundreds of chunks). */
const PROGRESS_MS = 100;

export interface SearchBuildHooks {
  /** Runs fn with the engine's writes held off (its write chain). */
  exclusive(fn: () => Promise<void>): Promise<void>;
  /** A new job id for a run's progress events. */
  jobId(): string;
  /** How far run `jobId` is: done of total events; finished on its last event. */
  progress(jobId: string, done: number, total: number, finished: boolean): void;
  /** The index of store became complete: keep it (save when the case may be written). */
  built(store: CaseStore): void;
}

interface Run {
  store: CaseStore;
  stopped: boolean;
  done: Promise<void>;
}

export class SearchBuild {
  private run: Run | null = null;
  /** Events per chunk, tuned to CHUNK_MS as chunks are timed (the machine's speed and load vary). */
  private chunk = 1000;
  /** Chunks indexed by this engine: a search after a completed build adds none (tests read it). */
  chunks = 0;

  constructor(private readonly hooks: SearchBuildHooks) {}

  /** Whether a run is under way (tests and the engine's state). */
  get running(): boolean {
    return this.run !== null;
  }

  /** The run bringing store's index up to date: the one under way, or a new one when events are missing. */
  start(store: CaseStore): Promise<void> {
    if (this.run?.store === store) return this.run.done;
    this.stop();
    const total = store.searchPending();
    if (total === 0) return Promise.resolve();
    const run: Run = { store, stopped: false, done: Promise.resolve() };
    this.run = run;
    run.done = this.loop(run, total);
    return run.done;
  }

  /** Ends the run after its current chunk: the case closes, or an import is about to add events. */
  stop(): void {
    if (this.run) this.run.stopped = true;
    this.run = null;
  }

  private async loop(run: Run, total: number): Promise<void> {
    const jobId = this.hooks.jobId();
    let done = 0;
    let complete = false;
    let told = 0;
    this.hooks.progress(jobId, 0, total, false);
    try {
      while (!complete) {
        // Requests that arrived during the last chunk are answered before the next one.
        await new Promise((r) => setImmediate(r));
        if (run.stopped) break;
        await this.hooks.exclusive(async () => {
          if (run.stopped) return;
          const limit = this.chunk;
          const t0 = performance.now();
          const added = run.store.indexSearchStep(limit);
          this.tune(limit, performance.now() - t0);
          this.chunks++;
          done += added;
          complete = added < limit;
        });
        if (Date.now() - told >= PROGRESS_MS) {
          told = Date.now();
          this.hooks.progress(jobId, Math.min(done, total), total, false);
        }
      }
      if (complete) this.hooks.built(run.store);
    } finally {
      if (this.run === run) this.run = null;
      this.hooks.progress(jobId, complete ? total : Math.min(done, total), total, true);
    }
  }

  /** Scales the next chunk toward CHUNK_MS, at most doubling at a time (one quick chunk proves little). */
  private tune(limit: number, ms: number): void {
    const next = Math.round((limit * CHUNK_MS) / Math.max(ms, 1));
    this.chunk = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, 2 * limit, next));
  }
}
