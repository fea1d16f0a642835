// Worker-thread entry: owns the Engine (and with it the sql.js heap) and answers the host thread.
import { parentPort, workerData } from 'node:worker_threads';
import { Engine, type EngineOptions } from '../engine';
import { isApiMethod } from '../../../shared/contract';
import { isHostOnlyMethod, type WorkerMethods, type WorkerReply, type WorkerRequest } from './protocol';

if (!parentPort) throw new Error('engine-worker must run in a worker thread');
const port = parentPort;
const post = (m: WorkerReply) => port.postMessage(m);
const engine = new Engine((event) => post({ event }), (workerData ?? {}) as EngineOptions);
// Typed: the Engine must have every method a request may name.
const methods: WorkerMethods = engine;

port.on('message', async (msg: WorkerRequest) => {
  try {
    const name = msg.method;
    if (!isApiMethod(name) && !isHostOnlyMethod(name)) throw new Error(`unknown method ${name}`);
    // Params come off the wire as they are; each method checks what it needs.
    const result = await methods[name].call(engine, (msg.params ?? {}) as never);
    post({ id: msg.id, result: result ?? null });
  } catch (e) {
    post({ id: msg.id, error: (e as Error).message ?? String(e) });
  }
});
