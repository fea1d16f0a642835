// Each segment entry is [u32 extras length][extras JSON][raw record]: the raw text stays byte-exact,
// and display-only fields ride beside it instead of costing heap in sql.js.
import type { TimeFlag } from '../../../shared/event';
import type { MappedFields } from '../mapping/mapped-fields';

export interface EventExtras {
  /** Time text as the source wrote it. */
  to?: string | null;
  tf?: TimeFlag | null;
  ua?: string | null;
  /** The record carries a before/after pair (kept here as b/a for CSV rows, re-derived for JSON). */
  d?: 1;
  b?: unknown;
  a?: unknown;
  /** Position in the source file: 1-based line, byte offset and length. */
  ln?: number;
  fo?: number;
  fb?: number;
  /** For API sources: request URL, page and index within the page. */
  url?: string;
  pg?: number;
  ix?: number;
}

export function encodeEntry(extras: EventExtras, raw: string): Buffer {
  const x = JSON.stringify(extras);
  const xLen = Buffer.byteLength(x);
  const rawLen = Buffer.byteLength(raw);
  const buf = Buffer.allocUnsafe(4 + xLen + rawLen);
  buf.writeUInt32LE(xLen, 0);
  buf.write(x, 4, 'utf8');
  buf.write(raw, 4 + xLen, 'utf8');
  return buf;
}

export function decodeEntry(buf: Buffer): { extras: EventExtras; raw: string } {
  if (buf.length < 4) throw new Error(`entry of ${buf.length} bytes is too short`);
  const xLen = buf.readUInt32LE(0);
  if (xLen < 2 || 4 + xLen > buf.length) throw new Error(`entry header gives ${xLen} bytes of extras in ${buf.length}`);
  return {
    extras: JSON.parse(buf.toString('utf8', 4, 4 + xLen)) as EventExtras,
    raw: buf.toString('utf8', 4 + xLen),
  };
}

/**
 * The display extras of a mapped record. Records with a before/after pair are marked; JSON records
 * re-derive the pair from their raw text when shown, CSV rows (which cannot be re-read without their
 * header) keep it here.
 */
export function extrasFor(f: MappedFields, where: Pick<EventExtras, 'ln' | 'fo' | 'fb' | 'url' | 'pg' | 'ix'>, keepDiff: boolean): EventExtras {
  const extras: EventExtras = { to: f.timeOriginal, ...where };
  if (f.timeFlag) extras.tf = f.timeFlag;
  if (f.userAgent) extras.ua = f.userAgent;
  const hasB = f.before !== undefined && f.before !== null;
  const hasA = f.after !== undefined && f.after !== null;
  if (hasB || hasA) {
    extras.d = 1;
    if (keepDiff && hasB) extras.b = f.before;
    if (keepDiff && hasA) extras.a = f.after;
  }
  return extras;
}
