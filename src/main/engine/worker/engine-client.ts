// Host side of the engine worker: starts it, carries calls to it, and fans its events out.
import { Worker } from 'node:worker_threads';
import { createApiClient, type AuditDeskApi, type HostEvent } from '../../../shared/contract';
import type { HostOnlyApi, HostOnlyMethod, WorkerReply } from './protocol';
import { workerSpec } from '../runtime/worker-spec';
import type { EngineOptions } from '../engine';

export type FullTrace = Awaited<ReturnType<HostOnlyApi['traceFull']>>;

export class EngineClient implements HostOnlyApi {
  readonly api: AuditDeskApi;
  private worker: Worker;
  private nextId = 1;
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private listeners = new Set<(e: HostEvent) => void>();

  constructor(options: EngineOptions = {}) {
    const spec = workerSpec('engine-worker', __dirname);
    this.worker = new Worker(spec.file, { execArgv: spec.execArgv, workerData: options });
    this.worker.on('message', (m: WorkerReply) => {
      if ('event' in m) {
        for (const l of this.listeners) l(m.event);
        return;
      }
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if ('error' in m) w.reject(new Error(m.error));
      else w.resolve(m.result);
    });
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) => this.failAll(new Error(`engine worker exited (code ${code})`)));
    this.api = createApiClient((method, params) => this.call(method, params));
  }

  call(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, method, params });
    });
  }

  onEvent(cb: (e: HostEvent) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** A host-only call, typed by the Engine method of that name (the one place its answer is trusted). */
  private host<K extends HostOnlyMethod>(method: K, params: unknown = {}): ReturnType<HostOnlyApi[K]> {
    return this.call(method, params) as ReturnType<HostOnlyApi[K]>;
  }

  incomingDir: HostOnlyApi['incomingDir'] = () => this.host('incomingDir');

  queryFull: HostOnlyApi['queryFull'] = (q) => this.host('queryFull', q);

  traceFull: HostOnlyApi['traceFull'] = (p) => this.host('traceFull', p);

  async close(): Promise<void> {
    try {
      await this.host('close');
    } finally {
      await this.worker.terminate();
    }
  }

  private failAll(e: Error): void {
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
}
