// Assembly, hashing and writing of a fast export's rows on a second thread. The formatting thread
// sends each batch as the rows' heads (their cells before the stored record) plus the batch's segment
// bytes; this thread appends each record (as a quoted CSV cell where the row needs one), then hashes
// every row (and the stored record where the row differs from it), keeps the data file's running
// SHA-256, and writes the data file and the manifest's row entries. The two threads then run side by
// side. The worker (row-hasher-worker.mjs) is Node built-ins only, shipped as it is, so it needs no
// bundle entry.
import { Worker } from 'node:worker_threads';
import { shippedFile } from '../runtime/shipped-file';

/** How a row's stored record goes into it, after its head. */
export const RECORD = {
  /** Not at all: the head is the whole row (a source row that had to be neutralised). */
  NONE: 0,
  /** Byte for byte: the row is the record (a source row as it was). */
  VERBATIM: 1,
  /** As a CSV cell: quoted (quotes doubled) when it holds a quote, comma or line break. A record that
   * must be neutralised is written by the formatting thread as part of the head (NONE). */
  CELL: 2,
} as const;

/** What stands where a hash goes in a manifest entry until the hashing thread writes the hash over it. */
export const HASH_PLACE = '0'.repeat(64);

/**
 * One batch: each row's head bytes and [start, end) in them, the segment bytes and each row's record's
 * [start, end) in them, how the record goes in (RECORD), and where in `heads` the manifest entries' UTF-8
 * text lies. hashAt[2i] is where (from templateStart) row i's hash goes in that text, hashAt[2i + 1]
 * its record's, or -1 when the row is the record; a HASH_PLACE stands in each.
 */
export interface HashChunk {
  heads: Uint8Array;
  headBounds: Int32Array;
  entries: Uint8Array;
  rawBounds: Int32Array;
  kinds: Uint8Array;
  templateStart: number;
  templateEnd: number;
  hashAt: Int32Array;
}

/** Chunks go out in order and are answered in order; at most `depth` wait, so memory stays bounded. */
export class RowHasher {
  private worker: Worker;
  private waiting: { resolve: (v: { sha256?: string; bytes?: number }) => void; reject: (e: Error) => void }[] = [];
  private failed: Error | null = null;
  private inFlight: Promise<unknown>[] = [];
  private finished = false;

  /**
   * The data file is framing.prefix + rows joined by framing.separator + framing.suffix; `recycle` gets
   * each chunk's head and entry buffers back once its rows are written.
   */
  constructor(
    dataFd: number,
    rowsFd: number,
    framing: { prefix: string; separator: string; suffix: string },
    recycle: (heads: Uint8Array, entries: Uint8Array) => void,
    private readonly depth = 2,
  ) {
    const { prefix, separator, suffix } = framing;
    const workerData = { dataFd, rowsFd, prefix, separator, suffix, record: RECORD };
    this.worker = new Worker(shippedFile('row-hasher-worker.mjs', __dirname), { workerData });
    this.worker.on('message', (m: { ok?: true; heads?: Uint8Array; entries?: Uint8Array; sha256?: string; bytes?: number; error?: string }) => {
      const w = this.waiting.shift();
      if (m.heads && m.entries) recycle(m.heads, m.entries);
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

  private ask(message: unknown, transfer: ArrayBuffer[]): Promise<{ sha256?: string; bytes?: number }> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(message, transfer);
    });
  }

  /** Hands a chunk over (its buffers move to the worker); waits only when `depth` chunks are already queued. */
  async push(chunk: HashChunk): Promise<void> {
    const transfer = [chunk.heads, chunk.headBounds, chunk.entries, chunk.rawBounds, chunk.kinds, chunk.hashAt].map((a) => a.buffer as ArrayBuffer);
    const done = this.ask(chunk, transfer);
    done.catch(() => undefined);
    this.inFlight.push(done);
    while (this.inFlight.length > this.depth) await this.inFlight.shift();
  }

  /** Waits for every chunk, writes the suffix, then returns the data file's SHA-256 and size. */
  async finish(): Promise<{ sha256: string; bytes: number }> {
    for (const p of this.inFlight.splice(0)) await p;
    const r = await this.ask({ finish: true }, []);
    this.finished = true;
    return { sha256: r.sha256!, bytes: r.bytes! };
  }

  /** After finish the thread ends by itself (closing its port); otherwise it is stopped. */
  close(): void {
    this.worker.removeAllListeners('exit');
    if (!this.finished) void this.worker.terminate();
  }
}
