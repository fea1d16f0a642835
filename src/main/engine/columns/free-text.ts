// The free-text box over the model fields, fast: each column's dictionary is searched once per word
// (skipped when a byte pair of the word occurs in none of its values; narrowed to the previous word's
// matches when the user typed one more character), then a tight pass per matching column ORs its
// "code matches" table into the kept rows; a column of many distinct values with few matching ones
// gives its rows through per-code row chains instead. freeTextSimple, beside it, is the plain
// form (search every dictionary, one pass per column): the agreement test holds them equal.
import type { DictColumn } from './dictionary';

/** Matching codes of recent needles, per dictionary and its version (codes never change meaning; new values bump it). */
const recent = new WeakMap<DictColumn, { version: number; needles: Map<string, Uint32Array> }>();
const KEEP = 32;

/** Codes (ascending) whose value contains the needle, as dict.likeCodes finds them. */
export function matchingCodes(dict: DictColumn, needle: string): Uint32Array {
  let kept = recent.get(dict);
  if (!kept || kept.version !== dict.version) recent.set(dict, (kept = { version: dict.version, needles: new Map() }));
  const hit = kept.needles.get(needle);
  if (hit) return hit;
  // The longest kept needle inside this one: its matches hold all of this one's.
  let within: string | null = null;
  for (const k of kept.needles.keys()) if (k.length < needle.length && (within === null || k.length > within.length) && containsLike(needle, k)) within = k;
  const codes = Uint32Array.from(within !== null ? dict.likeCodesAmong(needle, kept.needles.get(within)!) : dict.likeCodes(needle));
  kept.needles.set(needle, codes);
  if (kept.needles.size > KEEP) kept.needles.delete(kept.needles.keys().next().value!);
  return codes;
}

/** Whether `a` contains `b` as LIKE compares (ASCII letters either case): then a value containing a contains b. */
function containsLike(a: string, b: string): boolean {
  const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return lower(a).includes(lower(b));
}

/** A column to test: each row's code and which codes match. */
export interface Tested {
  codes: Uint32Array;
  accept: Uint8Array;
}

const NONE = 0xffffffff;
/** Rows by code of a column: first[code] is the first row holding it (NONE: no row), next[row] the next row with the same code. */
const chains = new WeakMap<DictColumn, { version: number; first: Uint32Array; next: Uint32Array }>();

/**
 * Marks in `rows` the rows holding any of the codes, following each code's chain of rows: for a column
 * of many distinct values (event ids, request ids) a few matching codes are a few rows, found without a
 * pass over every row. `version` is the column set's (rows appended or rewritten make new chains).
 */
export function markRowsOf(dict: DictColumn, n: number, version: number, codes: Uint32Array, rows: Uint8Array): void {
  let c = chains.get(dict);
  if (!c || c.version !== version || c.next.length !== n) {
    const data = dict.codes.data;
    const first = new Uint32Array(dict.size).fill(NONE);
    const next = new Uint32Array(n);
    for (let i = n - 1; i >= 0; i--) {
      next[i] = first[data[i]];
      first[data[i]] = i;
    }
    chains.set(dict, (c = { version, first, next }));
  }
  const { first, next } = c;
  for (let k = 0; k < codes.length; k++) for (let r = codes[k] < first.length ? first[codes[k]] : NONE; r !== NONE; r = next[r]) rows[r] = 1;
}

/** Whether the rows of these codes are few enough to be found by their chains rather than by a pass (a guess from the average rows per value). */
export function fewRows(dict: DictColumn, n: number, matched: number): boolean {
  return dict.size > 1024 && matched * (n / dict.size) < n / 32;
}

/**
 * mask[i] stays 1 only where rows[i] is 1 or some column's accept[codes[i]] is 1. A tight pass per
 * column (one array type each, so each loop stays monomorphic), then one over the mask.
 */
export function keepAny(mask: Uint8Array, wide: Tested[], narrow: { codes: Uint8Array; accept: Uint8Array }[], rows: Uint8Array): void {
  for (const w of wide) orWide(rows, w.codes, w.accept);
  for (const w of narrow) orNarrow(rows, w.codes, w.accept);
  for (let i = 0; i < mask.length; i++) mask[i] &= rows[i];
}

function orWide(hit: Uint8Array, codes: Uint32Array, accept: Uint8Array): void {
  for (let i = 0; i < hit.length; i++) hit[i] |= accept[codes[i]];
}

function orNarrow(hit: Uint8Array, codes: Uint8Array, accept: Uint8Array): void {
  for (let i = 0; i < hit.length; i++) hit[i] |= accept[codes[i]];
}

export function acceptOf(size: number, codes: Iterable<number>): Uint8Array {
  const a = new Uint8Array(size);
  for (const c of codes) if (c >= 0 && c < size) a[c] = 1;
  return a;
}
