// Unchecked writes into a byte array at a position, returning the position after: the inner loop of
// the export's fast lane, which reserves room for a whole row first (ByteSink.ensure) and then writes
// its cells with these. Each cell is written as csvCell writes the same text.
import { NEUTRALISE_PREFIX, isFormulaStart, isSeparator, partNeedsPrefix } from './csv-cell';

const PREFIX = NEUTRALISE_PREFIX.charCodeAt(0);
/**
 * One lookup per byte tells the loops everything: 1: the byte makes a cell need quotes (a comma or line
 * break is also a separator); 2: it may start an encoded lone surrogate (0xED); 3: a separator that
 * needs no quotes (; tab |), after which a part may start like a formula.
 */
const SPECIAL = new Uint8Array(256);
SPECIAL[34] = SPECIAL[44] = SPECIAL[10] = SPECIAL[13] = 1;
SPECIAL[0xed] = 2;
SPECIAL[59] = SPECIAL[9] = SPECIAL[124] = 3;
/** Inside quotes: 1: a quote (doubled); 2: 0xED; 3: any separator. */
const QUOTED = new Uint8Array(256);
QUOTED[34] = 1;
QUOTED[0xed] = 2;
QUOTED[44] = QUOTED[59] = QUOTED[9] = QUOTED[124] = QUOTED[10] = QUOTED[13] = 3;

/** Whether the part of cell s[a, b) at i gets the prefix (csv-cell's rule, on bytes). */
export function prefixAt(s: Uint8Array, i: number, a: number, b: number): boolean {
  return i < b && isFormulaStart(s[i]) && partNeedsPrefix((k) => s[k], i, a, b);
}

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

const FORMULA_STARTS = [61, 43, 45, 64, 9, 13];

/**
 * Whether any part of s[a, b) gets the prefix, found with the native byte search (a record is long and
 * rarely needs it, so no JS loop runs over its bytes): each formula start is looked at only where it
 * begins the text or follows a separator.
 */
export function anyPrefix(s: Buffer, a: number, b: number): boolean {
  if (a >= b) return false;
  const v = s.subarray(a, b);
  const n = b - a;
  for (const f of FORMULA_STARTS) {
    for (let k = v.indexOf(f); k >= 0 && k < n; k = v.indexOf(f, k + 1)) {
      if ((k === 0 || isSeparator(v[k - 1])) && partNeedsPrefix((i) => v[i], k, 0, n)) return true;
    }
  }
  return false;
}

/**
 * UTF-8 bytes s[a, b) as one CSV cell (room for 2 * (b - a) + 3 bytes needed): quoted when they hold
 * a quote, comma or line break, prefixed where a part starts like a formula (lastCell.neutralised says
 * so). Returns -1, having written nothing that counts, when the bytes hold an encoded lone surrogate:
 * such text reads back as other bytes, so the caller writes the cell from the decoded string instead.
 */
export function putCell(o: Uint8Array, p: number, s: Uint8Array, a: number, b: number): number {
  lastCell.neutralised = false;
  if (a >= b) return p;
  const start = p;
  let neutralise = prefixAt(s, a, a, b);
  if (neutralise) o[p++] = PREFIX;
  for (let i = a; i < b; i++) {
    const c = s[i];
    const k = SPECIAL[c];
    if (k !== 0) {
      if (k === 1) return putQuoted(o, start, s, a, b);
      if (k === 2) {
        if (i + 1 < b && s[i + 1] >= 0xa0) return -1;
      } else if (prefixAt(s, i + 1, a, b)) {
        o[p++] = c;
        o[p++] = PREFIX;
        neutralise = true;
        continue;
      }
    }
    o[p++] = c;
  }
  lastCell.neutralised = neutralise;
  return p;
}

function putQuoted(o: Uint8Array, p: number, s: Uint8Array, a: number, b: number): number {
  o[p++] = 34;
  let neutralise = prefixAt(s, a, a, b);
  if (neutralise) o[p++] = PREFIX;
  for (let i = a; i < b; i++) {
    const c = s[i];
    o[p++] = c;
    const k = QUOTED[c];
    if (k === 0) continue;
    if (k === 1) o[p++] = 34;
    else if (k === 2) {
      if (i + 1 < b && s[i + 1] >= 0xa0) return -1;
    } else if (prefixAt(s, i + 1, a, b)) {
      o[p++] = PREFIX;
      neutralise = true;
    }
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
