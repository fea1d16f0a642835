// The fast lane of exports and re-derivations: rows' columns a batch at a time (column-cursor.ts) with
// their segment entries, the next batch's bytes read while the one before it is handed out.
import type { Database } from 'sql.js';
import { ColumnCursor, type ColumnBatch } from './column-cursor';
import type { Segment } from './segment';

export interface EntryBatch {
  cols: ColumnBatch;
  entries: Buffer;
  at: Int32Array;
}

/**
 * The given columns of every row a statement selects, a batch at a time, with each row's segment entry
 * (see CaseStore.entryBatches). Null when the cursor cannot be had; `numeric` must include off and len.
 */
export function selectEntryBatches(
  db: Database,
  segment: Segment,
  sql: string,
  params: (string | number | null)[],
  opts: { numeric: readonly string[]; text: readonly string[]; batch: number; spare: Buffer[] },
): AsyncIterable<EntryBatch> | null {
  const offCol = opts.numeric.indexOf('off');
  const lenCol = opts.numeric.indexOf('len');
  if (offCol < 0 || lenCol < 0) throw new Error('entryBatches needs the off and len columns');
  const cursor = ColumnCursor.open(db, sql, params, opts.numeric.length, opts.text.length, opts.batch);
  if (!cursor) return null;
  return readBatches(segment, cursor, opts.numeric.length, offCol, lenCol, opts.spare);
}

/**
 * Batches with their segment bytes. A batch's bytes are read (on libuv's pool) while the batch
 * before it is handed out, so a segment that is not in the page cache is read from disk beside
 * the work on that batch rather than before it.
 */
async function* readBatches(
  segment: Segment,
  cursor: ColumnCursor,
  width: number,
  offCol: number,
  lenCol: number,
  spare: Buffer[],
): AsyncGenerator<EntryBatch> {
  const start = () => {
    const cols = cursor.next();
    if (!cols) return null;
    const started = readEntries(segment, cols, width, offCol, lenCol, spare);
    // A consumer that stops early leaves the read behind; its failure then has nobody to tell.
    started.read.catch(() => undefined);
    return started;
  };
  try {
    for (let next = start(); next;) {
      const { batch, read } = next;
      await read;
      next = start();
      yield batch;
    }
  } finally {
    cursor.free();
  }
}

function readEntries(
  segment: Segment,
  cols: ColumnBatch,
  width: number,
  offCol: number,
  lenCol: number,
  spare: Buffer[],
): { batch: EntryBatch; read: Promise<unknown> } {
  const { n, nums } = cols;
  let lo = Infinity;
  let hi = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const off = nums[i * width + offCol];
    const len = nums[i * width + lenCol];
    if (off < lo) lo = off;
    if (off + len > hi) hi = off + len;
    total += len;
  }
  const at = new Int32Array(n);
  const contiguous = hi - lo <= 2 * total + (1 << 20);
  const size = contiguous ? hi - lo : total;
  const fits = spare.findIndex((b) => b.length >= size);
  const buf = fits >= 0 ? spare.splice(fits, 1)[0] : Buffer.allocUnsafeSlow(Math.max(size, 1 << 20));
  const batch = { cols, entries: buf.subarray(0, size), at };
  if (contiguous) {
    for (let i = 0; i < n; i++) at[i] = nums[i * width + offCol] - lo;
    return { batch, read: segment.readIntoAsync(buf, lo, size) };
  }
  // Scattered rows (a narrow filter): one read each, here and now.
  let pos = 0;
  for (let i = 0; i < n; i++) {
    at[i] = pos;
    const len = nums[i * width + lenCol];
    segment.readInto(buf.subarray(pos), nums[i * width + offCol], len);
    pos += len;
  }
  return { batch, read: Promise.resolve() };
}
