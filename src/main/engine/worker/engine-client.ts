// Host side of the engine worker: starts it, carries calls to it, and fans its events out.
import { Worker } from 'node:worker_threads';
import { createApiClient, type AuditDeskApi, type HostEvent } from '../../../shared/contract';
import type { AuditEvent } from '../../../shared/event';
import type { EventQuery } from '../../../shared/query';
import type { Trace } from '../../../shared/investigate';
import type { WorkerReply } from './protocol';

export type FullTrace = Omit<Trace, 'events'> & { events: (AuditEvent & { offsetMs: number | null; gapMs: number | null })[] };
import { workerSpec } from './worker-spec';

export class EngineClient {
  readonly api: AuditDeskApi;
  private worker: Worker;
  private nextId = 1;
  private waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private listeners = new Set<(e: HostEvent) => void>();

  constructor() {
    const spec = workerSpec('engine-worker');
    this.worker = new Worker(spec.file, { execArgv: spec.execArgv });
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

  incomingDir(): Promise<string> {
    return this.call('incomingDir', {}) as Promise<string>;
  }

  queryFull(q: EventQuery): Promise<{ total: number; events: AuditEvent[] }> {
    return this.call('queryFull', q) as Promise<{ total: number; events: AuditEvent[] }>;
  }

  traceFull(p: { requestId: string }): Promise<FullTrace> {
    return this.call('traceFull', p) as Promise<FullTrace>;
  }

  async close(): Promise<void> {
    try {
      await this.call('close', {});
    } finally {
      await this.worker.terminate();
    }
  }

  private failAll(e: Error): void {
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
}
