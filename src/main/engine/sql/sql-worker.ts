// Worker-thread entry of the SQL console: statements run here, on the console's own copy of the case,
// so a slow one never holds up the engine (the timeline, facets and search keep answering), and
// cancelling it is ending this thread.
import { parentPort } from 'node:worker_threads';
import { SqlCopy } from './sql-copy';
import type { SqlReply, SqlRequest } from './sql-protocol';

if (!parentPort) throw new Error('sql-worker must run in a worker thread');
const port = parentPort;
const copy = new SqlCopy();

port.on('message', async (m: SqlRequest) => {
  try {
    if (m.type === 'load') {
      await copy.load(m.bytes);
      port.postMessage({ id: m.id, ok: true } satisfies SqlReply);
    } else {
      port.postMessage({ id: m.id, ok: true, result: copy.run(m.params) } satisfies SqlReply);
    }
  } catch (e) {
    port.postMessage({ id: m.id, ok: false, error: (e as Error).message ?? String(e) } satisfies SqlReply);
  }
});
