// The engine's side of the SQL console: statements go to their own worker thread (sql-worker.ts), which
// holds a read-only copy of the case made when the case last changed. The engine stays free while a
// statement runs, and cancel() ends the thread, the only way to stop a statement inside sql.js.
import { Worker } from 'node:worker_threads';
import type { SqlResult } from '../../../shared/sql';
import { workerSpec } from '../runtime/worker-spec';
import type { SqlAsk, SqlReply, SqlRequest } from './sql-protocol';
import { assertReadOnly } from './read-only-check';

/** A reply that is not ok rejects its ask, so an answered ask is always an ok one. */
type OkReply = Extract<SqlReply, { ok: true }>;
type Pending = { resolve: (r: OkReply) => void; reject: (e: Error) => void };

export class SqlCancelled extends Error {
  constructor() {
    super('the SQL statement was cancelled');
  }
}

export class SqlConsole {
  private worker: Worker | null = null;
  private copyKey: unknown = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  /** Runs queue one behind the other: a page asked for while a statement runs waits for it. */
  private chain: Promise<unknown> = Promise.resolve();
  /** Counts cancels: runs queued before one are dropped with it. */
  private generation = 0;
  /** The statement in the thread now, if any. */
  private running: string | null = null;

  /** key says which state of the case the copy shows; bytes() is called only when it changed. */
  run(p: { sql: string; offset?: number; limit?: number }, key: unknown, bytes: () => Promise<Uint8Array>): Promise<SqlResult> {
    const sql = String(p?.sql ?? '');
    // Refused at once, without a copy of the case or a thread.
    assertReadOnly(sql);
    // A different statement replaces the running one: the user moved on (or the tab that ran it is
    // gone), and a runaway left behind must not hold up the next. Pages of the same one wait for it.
    if (this.running !== null && this.running !== sql) this.cancel();
    const generation = this.generation;
    const next = this.chain.then(async () => {
      if (generation !== this.generation) throw new SqlCancelled();
      if (this.copyKey !== key || !this.worker) {
        const data = await bytes();
        await this.ask({ type: 'load', bytes: data }, [data.buffer as ArrayBuffer]);
        this.copyKey = key;
      }
      this.running = sql;
      try {
        return (await this.ask({ type: 'run', params: { ...p, sql } }, [])).result!;
      } finally {
        if (this.running === sql) this.running = null;
      }
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Stops the running statement (if any) by ending its thread; the next run makes a new copy. */
  cancel(): boolean {
    const running = this.pending.size > 0;
    this.generation++;
    this.running = null;
    this.close(new SqlCancelled());
    return running;
  }

  close(reason: Error = new Error('the SQL console was closed')): void {
    const w = this.worker;
    this.worker = null;
    this.copyKey = null;
    for (const p of this.pending.values()) p.reject(reason);
    this.pending.clear();
    if (w) {
      w.removeAllListeners();
      // An error from a thread already gone is of no interest.
      w.on('error', () => undefined);
      void w.terminate();
    }
  }

  private start(): Worker {
    const spec = workerSpec('sql-worker', __dirname);
    const w = new Worker(spec.file, { execArgv: spec.execArgv });
    w.on('message', (m: SqlReply) => {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (this.pending.size === 0) w.unref();
      if (!p) return;
      if (m.ok) p.resolve(m);
      else p.reject(new Error(m.error));
    });
    const fail = (e: Error) => {
      if (this.worker === w) this.close(e);
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the SQL console's thread ended (code ${code})`)));
    return w;
  }

  private ask(m: SqlAsk, transfer: ArrayBuffer[]): Promise<OkReply> {
    this.worker ??= this.start();
    // Held while it works; idle, it must not keep a finished CLI run alive.
    this.worker.ref();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker!.postMessage({ ...m, id } as SqlRequest, transfer);
    });
  }
}
