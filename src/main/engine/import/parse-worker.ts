// Worker-thread entry that reads, parses, maps and hashes one file, so the engine thread spends its
// time only on storing (the two run in parallel on two cores).
import { parentPort, workerData } from 'node:worker_threads';
import { openRecordReader } from './open-reader';
import { FileFormatError, type RecordError, type SourceRecord } from './source-record';
import { prepareBatch } from './prepared-batch';
import { chooseMapping, compileMapping } from '../mapping';
import type { ParseMessage, ParseStart } from './parse-protocol';

const SAMPLE_SIZE = 200;
const MAX_AHEAD = 3;

if (!parentPort) throw new Error('parse-worker must run in a worker thread');
const port = parentPort;
let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', () => {
  inFlight--;
  wake?.();
  wake = null;
});

function send(m: ParseMessage): void {
  if (m.type === 'batch') {
    inFlight++;
    port.postMessage(m, [m.batch.entries.buffer, m.batch.nums.buffer, m.batch.ends.buffer] as ArrayBuffer[]);
  } else port.postMessage(m);
}

async function room(): Promise<void> {
  while (inFlight >= MAX_AHEAD) await new Promise<void>((r) => (wake = r));
}

async function run(start: ParseStart): Promise<void> {
  let reader;
  try {
    reader = await openRecordReader(start.file, { batchSize: start.batchSize, maxRecordBytes: start.maxRecordBytes, length: start.length });
  } catch (e) {
    if (e instanceof FileFormatError) return send({ type: 'unreadable', message: e.message, line: e.line, errors: [] });
    throw e;
  }
  const it = reader.batches()[Symbol.asyncIterator]();
  const pending: SourceRecord[] = [];
  const pendingErrors: RecordError[] = [];
  let bytesDone = 0;
  let done = false;
  while (pending.length < SAMPLE_SIZE && !done) {
    const next = await it.next();
    if (next.done) done = true;
    else {
      pending.push(...next.value.records);
      pendingErrors.push(...next.value.errors);
      bytesDone = next.value.bytesDone;
    }
  }
  if (!pending.length) {
    return send({ type: 'unreadable', message: 'no records found', line: 0, errors: pendingErrors });
  }
  const mapping = chooseMapping(
    pending.slice(0, SAMPLE_SIZE).map((r) => r.value),
    { saved: start.saved },
  );
  send({ type: 'header', format: reader.format, gzip: reader.gzip, encoding: reader.encoding, bytesTotal: reader.bytesTotal, notes: reader.notes, mapping });
  const apply = compileMapping(mapping);
  const opts = { keepDiff: !reader.format.startsWith('json') };
  send({ type: 'batch', batch: prepareBatch(pending, pendingErrors, bytesDone, apply, opts) });
  while (!done) {
    const next = await it.next();
    if (next.done) break;
    await room();
    send({ type: 'batch', batch: prepareBatch(next.value.records, next.value.errors, next.value.bytesDone, apply, opts) });
  }
  send({ type: 'end' });
}

run(workerData as ParseStart).catch((e: Error) => send({ type: 'fail', message: e.message ?? String(e) }));
