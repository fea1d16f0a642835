// A second thread for detection: the engine thread reads the batches and matches some itself, and hands
// the others (their buffers moved, not copied) to one worker while it has fewer than two in hand.
import { Worker } from 'node:worker_threads';
import { workerSpec } from '../runtime/worker-spec';
import type { BatchInput, BatchResult } from './match-batch';
import type { RuleSource } from './sigma-rule';

export interface DetectWorkerData {
  /** Each rule's YAML as data and its name, compiled in the worker as in the engine (no YAML parsed again). */
  rules: { source: RuleSource; file: string }[];
  /** Per source id, the numbers of the rules that apply to it, in the engine's order. */
  sources: [number, number[]][];
}

export interface BatchAsk {
  seq: number;
  buffer: ArrayBuffer;
  offset: number;
  length: number;
  at: Int32Array;
  nums: Float64Array;
  n: number;
}

interface BatchReply {
  seq: number;
  result: BatchResult;
  buffer: ArrayBuffer;
}

type Pending = { resolve: (r: BatchReply) => void; reject: (e: Error) => void };

export class DetectPool {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private failed: Error | null = null;
  private closed = false;

  constructor(data: DetectWorkerData) {
    const spec = workerSpec('detect-worker', __dirname);
    this.worker = new Worker(spec.file, { execArgv: spec.execArgv, workerData: data });
    this.worker.on('message', (m: BatchReply) => {
      const p = this.pending.get(m.seq);
      this.pending.delete(m.seq);
      p?.resolve(m);
    });
    this.worker.on('error', (e) => this.fail(new Error(`the detection worker failed: ${e.message}`)));
    this.worker.on('exit', (code) => this.fail(new Error(`the detection worker stopped (exit code ${code})`)));
  }

  private fail(e: Error): void {
    if (this.closed) return;
    this.failed ??= e;
    for (const p of this.pending.values()) p.reject(this.failed);
    this.pending.clear();
  }

  /** Whether a batch sent now would be started without waiting long. */
  wantsMore(): boolean {
    return !this.failed && this.pending.size < 2;
  }

  /** Matches the batch in the worker; its entries' buffer is moved there and comes back in the reply. */
  run(b: BatchInput): Promise<BatchReply> {
    if (this.failed) return Promise.reject(this.failed);
    const seq = ++this.seq;
    const buffer = b.entries.buffer as ArrayBuffer;
    const ask: BatchAsk = { seq, buffer, offset: b.entries.byteOffset, length: b.entries.byteLength, at: b.at, nums: b.nums, n: b.n };
    const reply = new Promise<BatchReply>((resolve, reject) => this.pending.set(seq, { resolve, reject }));
    this.worker.postMessage(ask, [buffer]);
    return reply;
  }

  close(): void {
    this.closed = true;
    void this.worker.terminate();
  }
}
