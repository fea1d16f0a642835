// Engine-thread side of the parse worker: the file's header (format, mapping), then prepared batches.
import { Worker } from 'node:worker_threads';
import type { Mapping } from '../../../shared/mapping';
import type { PreparedBatch } from './prepared-batch';
import type { ParseMessage, ParseStart } from './parse-protocol';
import { workerSpec } from '../runtime/worker-spec';

export type ParseHeader = Extract<ParseMessage, { type: 'header' }>;
export type Unreadable = Extract<ParseMessage, { type: 'unreadable' }>;

export interface ParseStream {
  header: ParseHeader | Unreadable;
  batches: AsyncIterable<PreparedBatch>;
  stop(): Promise<void>;
}

export async function startParse(file: string, saved: Mapping[], opts: Omit<ParseStart, 'file' | 'saved'> = {}): Promise<ParseStream> {
  const spec = workerSpec('parse-worker', __dirname);
  const worker = new Worker(spec.file, { execArgv: spec.execArgv, workerData: { file, saved, ...opts } satisfies ParseStart });
  const queue: ParseMessage[] = [];
  let notify: (() => void) | null = null;
  let crashed: Error | null = null;
  worker.on('message', (m: ParseMessage) => {
    queue.push(m);
    notify?.();
  });
  worker.on('error', (e) => {
    crashed = e;
    notify?.();
  });
  worker.on('exit', (code) => {
    if (code !== 0 && !crashed) crashed = new Error(`parse worker exited (code ${code})`);
    notify?.();
  });
  const next = async (): Promise<ParseMessage> => {
    for (;;) {
      const m = queue.shift();
      if (m) {
        if (m.type === 'fail') throw new Error(m.message);
        return m;
      }
      if (crashed) throw crashed;
      await new Promise<void>((r) => (notify = r));
      notify = null;
    }
  };
  const stop = async () => {
    await worker.terminate();
  };
  const first = await next().catch(async (e) => {
    await stop();
    throw e;
  });
  if (first.type !== 'header' && first.type !== 'unreadable') throw new Error(`parse worker sent ${first.type} first`);
  if (first.type === 'unreadable') await stop();
  return {
    header: first,
    stop,
    batches: {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const m = await next();
          if (m.type === 'end') return;
          if (m.type !== 'batch') throw new Error(`parse worker sent ${m.type} mid-stream`);
          worker.postMessage({ type: 'ack' });
          yield m.batch;
        }
      },
    },
  };
}
