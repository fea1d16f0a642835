// Unchecked writes into a byte array at a position, returning the position after: the inner loop of
// the export's fast lane, which reserves room for a whole row first (ByteSink.ensure) and then writes
// its cells with these. Each cell is written as csvCell writes the same text.
import { NEUTRALISE_PREFIX, isFormulaStart } from './csv-cell';

const PREFIX = NEUTRALISE_PREFIX.charCodeAt(0);
/** 1: the byte makes a cell need quotes; 2: it may start an encoded lone surrogate (0xED). */
const SPECIAL = new Uint8Array(256);
SPECIAL[34] = SPECIAL[44] = SPECIAL[10] = SPECIAL[13] = 1;
SPECIAL[0xed] = 2;

/** Whether the last putCell neutralised its cell. */
export const lastCell = { neutralised: false };

export function putBytes(o: Uint8Array, p: number, s: Uint8Array, a: number, b: number): number {
  if (b - a > 48) {
    o.set(s.subarray(a, b), p);
    return p + b - a;
  }
  for (let i = a; i < b; i++) o[p++] = s[i];
  return p;
}

/** All of `s` (a constant written per row): a whole-array set, without a subarray view to allocate. */
export function putAll(o: Uint8Array, p: number, s: Uint8Array): number {
  const n = s.length;
  if (n > 32) {
    o.set(s, p);
    return p + n;
  }
  for (let i = 0; i < n; i++) o[p++] = s[i];
  return p;
}

/**
 * UTF-8 bytes s[a, b) as one CSV cell (room for 2 * (b - a) + 3 bytes needed): quoted when they hold
 * a quote, comma or line break, prefixed when they start like a formula (lastCell.neutralised says so).
 * Returns -1, having written nothing that counts, when the bytes hold an encoded lone surrogate: such
 * text reads back as other bytes, so the caller writes the cell from the decoded string instead.
 */
export function putCell(o: Uint8Array, p: number, s: Uint8Array, a: number, b: number): number {
  lastCell.neutralised = false;
  if (a >= b) return p;
  const start = p;
  const neutralise = isFormulaStart(s[a]);
  if (neutralise) o[p++] = PREFIX;
  for (let i = a; i < b; i++) {
    const c = s[i];
    if (SPECIAL[c] !== 0) {
      if (SPECIAL[c] === 1) return putQuoted(o, start, s, a, b, neutralise);
      if (i + 1 < b && s[i + 1] >= 0xa0) return -1;
    }
    o[p++] = c;
  }
  lastCell.neutralised = neutralise;
  return p;
}

function putQuoted(o: Uint8Array, p: number, s: Uint8Array, a: number, b: number, neutralise: boolean): number {
  o[p++] = 34;
  if (neutralise) o[p++] = PREFIX;
  for (let i = a; i < b; i++) {
    const c = s[i];
    if (c === 0xed && i + 1 < b && s[i + 1] >= 0xa0) return -1;
    o[p++] = c;
    if (c === 34) o[p++] = 34;
  }
  o[p++] = 34;
  lastCell.neutralised = neutralise;
  return p;
}

/** A non-negative safe integer's decimal digits (as String(n)); up to 16 bytes. */
export function putUint(o: Uint8Array, p: number, n: number): number {
  let digits = 1;
  for (let m = n; m >= 10; m = Math.floor(m / 10)) digits++;
  let q = p + digits;
  do {
    const d = Math.floor(n / 10);
    o[--q] = 48 + n - d * 10;
    n = d;
  } while (n > 0);
  return p + digits;
}
