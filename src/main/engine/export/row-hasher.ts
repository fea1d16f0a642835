// Hashing and writing of a fast export's chunks on a second thread: SHA-256 of every row (and of the
// stored record where the row differs from it), the data file's running SHA-256, and the writes of the
// data file and the manifest's row entries. The formatting thread hands over whole chunks and goes on
// with the next one, so the two halves of the work run side by side. The worker is a few lines of
// Node built-ins, run from this text, so it needs no separate bundle entry.
import { Worker } from 'node:worker_threads';

/** One chunk: data bytes, each row's [start, end) in them, the stored records' bytes and [start, end) (-1 when the row is the record), and the manifest entries' text with \u0001 where each hash goes. */
export interface HashChunk {
  data: Uint8Array;
  bounds: Int32Array;
  raw: Uint8Array;
  rawBounds: Int32Array;
  template: string;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const hash = crypto.hash ?? ((alg, data, enc) => crypto.createHash(alg).update(data).digest(enc));
const dataHash = crypto.createHash('sha256');
function writeAll(fd, buf) {
  for (let done = 0; done < buf.length; ) done += fs.writeSync(fd, buf, done, buf.length - done);
}
parentPort.on('message', (m) => {
  try {
    if (m.finish) {
      parentPort.postMessage({ sha256: dataHash.digest('hex') });
      parentPort.close();
      return;
    }
    const { data, bounds, raw, rawBounds, template } = m;
    const parts = template.split('\\u0001');
    let out = parts[0];
    let k = 1;
    for (let i = 0; i < bounds.length; i += 2) {
      out += hash('sha256', data.subarray(bounds[i], bounds[i + 1]), 'hex') + parts[k++];
      if (rawBounds[i] >= 0) out += hash('sha256', raw.subarray(rawBounds[i], rawBounds[i + 1]), 'hex') + parts[k++];
    }
    if (k !== parts.length) throw new Error('manifest template has ' + (parts.length - 1) + ' hash places, ' + (k - 1) + ' hashes');
    dataHash.update(data);
    writeAll(workerData.dataFd, data);
    if (out) writeAll(workerData.rowsFd, Buffer.from(out, 'utf8'));
    parentPort.postMessage({ ok: true });
  } catch (e) {
    parentPort.postMessage({ error: String((e && e.stack) || e) });
  }
});
`;

/** Chunks go out in order and are answered in order; at most `depth` wait, so memory stays bounded. */
export class RowHasher {
  private worker: Worker;
  private waiting: { resolve: (v: { sha256?: string }) => void; reject: (e: Error) => void }[] = [];
  private failed: Error | null = null;
  private inFlight: Promise<unknown>[] = [];
  private finished = false;

  constructor(
    dataFd: number,
    rowsFd: number,
    private readonly depth = 2,
  ) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { dataFd, rowsFd } });
    this.worker.on('message', (m: { ok?: true; sha256?: string; error?: string }) => {
      const w = this.waiting.shift();
      if (m.error) this.fail(new Error(`export hashing failed: ${m.error}`), w);
      else w?.resolve(m);
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`export hashing thread exited (${code})`)));
  }

  private fail(e: Error, first?: (typeof this.waiting)[number]): void {
    this.failed ??= e;
    first?.reject(e);
    for (const w of this.waiting.splice(0)) w.reject(e);
  }

  private ask(message: unknown, transfer: ArrayBuffer[]): Promise<{ sha256?: string }> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(message, transfer);
    });
  }

  /** Hands a chunk over (its buffers move to the worker); waits only when `depth` chunks are already queued. */
  async push(chunk: HashChunk): Promise<void> {
    const transfer = [chunk.data, chunk.raw, chunk.bounds, chunk.rawBounds].map((a) => a.buffer as ArrayBuffer);
    const done = this.ask(chunk, transfer);
    done.catch(() => undefined);
    this.inFlight.push(done);
    while (this.inFlight.length > this.depth) await this.inFlight.shift();
  }

  /** Waits for every chunk, then returns the data file's SHA-256. */
  async finish(): Promise<string> {
    for (const p of this.inFlight.splice(0)) await p;
    const r = await this.ask({ finish: true }, []);
    this.finished = true;
    return r.sha256!;
  }

  /** After finish the thread ends by itself (closing its port); otherwise it is stopped. */
  close(): void {
    this.worker.removeAllListeners('exit');
    if (!this.finished) void this.worker.terminate();
  }
}
