// A batch of records made ready for the store off the engine thread: model fields in a flat array,
// content hashes, and the segment entries back to back in one transferable buffer.
import crypto from 'node:crypto';
import type { RecordError, SourceRecord } from './source-record';
import type { MappedFields } from '../mapping/mapped-fields';
import { encodeEntry, type EventExtras } from '../store/extras';
import { NO_TIME, encodeActorType, encodeOutcome, encodeTimeFlag } from '../store/schema';

/** Values per record in PreparedBatch.cols, in the store's insert order after src. */
export const COLS_PER_RECORD = 11;

export interface PreparedBatch {
  n: number;
  /** t, tflag, actor, atype, action, ttype, tid, outcome, req, eid, ip — per record. */
  cols: (string | number | null)[];
  hashes: string[];
  lines: number[];
  entries: Uint8Array;
  /** End offset of each record's entry inside entries. */
  ends: number[];
  /** Records whose time is flagged: index in batch and the original text, for the warnings. */
  timeFlags: [number, string, string | null][];
  errors: RecordError[];
  bytesDone: number;
}

export function prepareBatch(
  records: SourceRecord[],
  errorsIn: RecordError[],
  bytesDone: number,
  apply: (v: Record<string, unknown>) => MappedFields,
): PreparedBatch {
  const cols: (string | number | null)[] = [];
  const hashes: string[] = [];
  const lines: number[] = [];
  const bufs: Buffer[] = [];
  const ends: number[] = [];
  const timeFlags: [number, string, string | null][] = [];
  const errors = [...errorsIn];
  let size = 0;
  for (const rec of records) {
    let f: MappedFields;
    try {
      f = apply(rec.value);
    } catch (e) {
      errors.push({ line: rec.line, message: `cannot map record: ${(e as Error).message}` });
      continue;
    }
    const flag = f.timeFlag ?? (f.timeMs == null ? 'missing' : null);
    const i = hashes.length;
    cols.push(f.timeMs ?? NO_TIME, encodeTimeFlag(flag), f.actor, encodeActorType(f.actorType), f.action, f.targetType, f.targetId, encodeOutcome(f.outcome), f.requestId, f.eventId, f.ip);
    hashes.push(crypto.hash('sha256', rec.raw, 'base64'));
    lines.push(rec.line);
    if (f.timeFlag) timeFlags.push([i, f.timeFlag, f.timeOriginal]);
    const extras: EventExtras = { to: f.timeOriginal, ln: rec.line, fo: rec.offset, fb: rec.length };
    if (f.userAgent) extras.ua = f.userAgent;
    if (f.before !== undefined && f.before !== null) extras.b = f.before;
    if (f.after !== undefined && f.after !== null) extras.a = f.after;
    const buf = encodeEntry(extras, rec.raw);
    bufs.push(buf);
    size += buf.length;
    ends.push(size);
  }
  // A fresh, unpooled buffer so it can be transferred to the engine thread without a copy.
  const entries = new Uint8Array(size);
  let at = 0;
  for (const b of bufs) {
    entries.set(b, at);
    at += b.length;
  }
  return { n: hashes.length, cols, hashes, lines, entries, ends, timeFlags, errors, bytesDone };
}
