// A batch of records made ready for the store off the engine thread. Numbers travel in a typed array,
// strings as one JSON text, segment entries in one buffer: all cheap to hand between threads, where
// a structured clone of millions of small values would cost the engine thread seconds.
import crypto from 'node:crypto';
import type { RecordError, SourceRecord } from './source-record';
import type { MappedFields } from '../mapping/mapped-fields';
import { encodeEntry, extrasFor, type EventExtras } from '../store/extras';
import { NO_TIME, encodeActorType, encodeOutcome, encodeTimeFlag } from '../store/schema';

/** Per record in `nums`: t, tflag (-1 = none), atype, outcome, content hash prefix, line. */
export const NUM_COLS = 6;
/** Per record in `strs`: actor, action, ttype, tid, req, eid, ip. */
export const STR_COLS = 7;
export const N_T = 0;
export const N_TFLAG = 1;
export const N_ATYPE = 2;
export const N_OUTCOME = 3;
export const N_HASH = 4;
export const N_LINE = 5;
export const S_EID = 5;

export interface PreparedBatch {
  n: number;
  nums: Float64Array;
  strs: string;
  entries: Uint8Array;
  /** End offset of each record's entry inside entries. */
  ends: Uint32Array;
  /** Records whose time is flagged: index in batch, the flag and the original text, for warnings. */
  timeFlags: [number, string, string | null][];
  errors: RecordError[];
  bytesDone: number;
}

/** The first 48 bits of the record's SHA-256: a de-duplication key, confirmed byte-wise on a hit. */
export function hashPrefix(raw: string): number {
  return crypto.hash('sha256', raw, 'buffer').readUIntBE(0, 6);
}

export function prepareBatch(
  records: SourceRecord[],
  errorsIn: RecordError[],
  bytesDone: number,
  apply: (v: Record<string, unknown>) => MappedFields,
  /** where: the provenance extras of a record (file line/offset by default; API url/page/index). */
  opts: { keepDiff: boolean; where?: (rec: SourceRecord, i: number) => Pick<EventExtras, 'ln' | 'fo' | 'fb' | 'url' | 'pg' | 'ix'> },
): PreparedBatch {
  const nums = new Float64Array(records.length * NUM_COLS);
  const strs: (string | null)[] = [];
  const bufs: Buffer[] = [];
  const ends = new Uint32Array(records.length);
  const timeFlags: [number, string, string | null][] = [];
  const errors = [...errorsIn];
  let size = 0;
  let n = 0;
  for (const rec of records) {
    let f: MappedFields;
    try {
      f = apply(rec.value);
    } catch (e) {
      errors.push({ line: rec.line, message: `cannot map record: ${(e as Error).message}` });
      continue;
    }
    const flag = encodeTimeFlag(f.timeFlag ?? (f.timeMs == null ? 'missing' : null));
    const o = n * NUM_COLS;
    nums[o + N_T] = f.timeMs ?? NO_TIME;
    nums[o + N_TFLAG] = flag ?? -1;
    nums[o + N_ATYPE] = encodeActorType(f.actorType);
    nums[o + N_OUTCOME] = encodeOutcome(f.outcome);
    nums[o + N_HASH] = hashPrefix(rec.raw);
    nums[o + N_LINE] = rec.line;
    strs.push(f.actor, f.action, f.targetType, f.targetId, f.requestId, f.eventId, f.ip);
    if (f.timeFlag) timeFlags.push([n, f.timeFlag, f.timeOriginal]);
    const where = opts.where ? opts.where(rec, n) : { ln: rec.line, fo: rec.offset, fb: rec.length };
    const extras = extrasFor(f, where, opts.keepDiff);
    const buf = encodeEntry(extras, rec.raw);
    bufs.push(buf);
    size += buf.length;
    ends[n++] = size;
  }
  // A fresh, unpooled buffer so it can be transferred to the engine thread without a copy.
  const entries = new Uint8Array(size);
  let at = 0;
  for (const b of bufs) {
    entries.set(b, at);
    at += b.length;
  }
  return {
    n,
    nums: n === records.length ? nums : nums.slice(0, n * NUM_COLS),
    strs: JSON.stringify(strs),
    entries,
    ends: n === records.length ? ends : ends.slice(0, n),
    timeFlags,
    errors,
    bytesDone,
  };
}
