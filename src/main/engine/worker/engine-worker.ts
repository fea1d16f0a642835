// Worker-thread entry: owns the Engine (and with it the sql.js heap) and answers the host thread.
import { parentPort } from 'node:worker_threads';
import { Engine } from '../engine';
import { isApiMethod } from '../../../shared/contract';
import { HOST_ONLY_METHODS, type WorkerReply, type WorkerRequest } from './protocol';

if (!parentPort) throw new Error('engine-worker must run in a worker thread');
const port = parentPort;
const post = (m: WorkerReply) => port.postMessage(m);
const engine = new Engine((event) => post({ event }));

port.on('message', async (msg: WorkerRequest) => {
  try {
    const name = msg.method;
    if (!isApiMethod(name) && !(HOST_ONLY_METHODS as readonly string[]).includes(name)) {
      throw new Error(`unknown method ${name}`);
    }
    const fn = (engine as unknown as Record<string, (p: unknown) => unknown>)[name];
    const result = await fn.call(engine, msg.params ?? {});
    post({ id: msg.id, result: result ?? null });
  } catch (e) {
    post({ id: msg.id, error: (e as Error).message ?? String(e) });
  }
});
