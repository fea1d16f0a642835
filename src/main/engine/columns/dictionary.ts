// One dictionary-encoded text column: each row holds a code, each code one distinct value (code 0 is
// NULL). Values are interned from the UTF-8 bytes SQLite holds (hashed as bytes), so a value seen before
// costs no string; only a new value is decoded once.
import { GrowingU32 } from './growing';

const EMPTY = -1;

export interface DictParts {
  pool: Uint8Array;
  /** The ASCII-lowered bytes, or null when they are the bytes themselves (no A-Z in any value). */
  lowerPool: Uint8Array | null;
  /** See DictColumn.seen. */
  seen: Uint8Array;
  poolAt: Uint32Array;
  hashes: Uint32Array;
  slots: Int32Array;
}

export class DictColumn {
  /**
   * Decoded values by code, filled as they are asked for (value()): most of a high-cardinality column's
   * values are never shown, and a string per value is most of the cost of reading the column.
   */
  private decoded: (string | null | undefined)[] = [null];
  private count = 1;
  readonly codes = new GrowingU32();
  /** Open-addressing table of codes by the hash of their bytes (interning from a batch's bytes). */
  private slots: Int32Array = new Int32Array(1 << 10).fill(EMPTY);
  private hashes = withFirst(0);
  private pool: Uint8Array = new Uint8Array(1 << 16);
  /**
   * The same bytes with ASCII A-Z lowered: what SQLite's LIKE compares (it folds ASCII only). Null until
   * a substring is looked for in a dictionary read from a column file (it is not saved: made in one pass).
   */
  private lowerPool: Uint8Array | null = new Uint8Array(1 << 16);
  /**
   * Which lowered bytes (at [b]) and byte pairs (at [256 + (b1 << 8 | b2)]) occur in the values: a needle
   * with one that does not cannot match, and its search is skipped. Made with the lowered bytes.
   */
  private seen: Uint8Array | null = null;
  /** Read from a column file whose values hold no A-Z: the bytes are searched as they are (see searchable). */
  private lowerIsPool = false;
  /** Where each code's bytes start in the pools (and, one further, end). */
  private poolAt = withFirst(0, 0);
  /** Bumped whenever a value is added: derived lookups (lower-case text) are kept per version. */
  version = 0;

  /** The arrays that make this dictionary (codes aside), each cut to its used length: what column-file.ts saves. */
  parts(): DictParts {
    const end = this.poolAt.data[this.count];
    const pool = this.pool.subarray(0, end);
    const lower = this.searchable().subarray(0, end);
    this.mayContain(new Uint8Array(0));
    return {
      pool,
      lowerPool: Buffer.from(lower.buffer, lower.byteOffset, end).equals(pool) ? null : lower,
      seen: this.seen!,
      poolAt: this.poolAt.data.subarray(0, this.count + 1),
      hashes: this.hashes.data.subarray(0, this.count),
      slots: this.slots,
    };
  }

  /** A dictionary over saved parts (column-file.ts checked their sizes); values are decoded as asked for. */
  static fromParts(p: DictParts, codes: Uint32Array): DictColumn {
    const d = new DictColumn();
    d.count = p.hashes.length;
    d.pool = p.pool;
    d.lowerPool = null;
    d.lowerIsPool = p.lowerPool === null;
    if (p.lowerPool) d.lowerPool = p.lowerPool;
    d.seen = p.seen;
    d.poolAt.data = p.poolAt;
    d.poolAt.length = p.poolAt.length;
    d.hashes.data = p.hashes;
    d.hashes.length = p.hashes.length;
    d.slots = p.slots;
    d.codes.data = codes;
    d.codes.length = codes.length;
    return d;
  }

  /** Codes in use so far (codes of values no row holds any more, after a remap, stay). */
  get size(): number {
    return this.count;
  }

  /** The value of a code (code 0: NULL). */
  value(code: number): string | null {
    let v = this.decoded[code];
    if (v === undefined) {
      const at = this.poolAt.data;
      v = Buffer.from(this.pool.buffer, this.pool.byteOffset + at[code], at[code + 1] - at[code]).toString('utf8');
      this.decoded[code] = v;
    }
    return v;
  }

  /** The code of a value, or -1 when no row could hold it. */
  codeOf(value: string | null): number {
    if (value === null) return 0;
    const bytes = Buffer.from(value, 'utf8');
    return this.find(bytes, 0, bytes.length, hashOf(bytes, 0, bytes.length));
  }

  private find(src: Uint8Array, a: number, b: number, h: number): number {
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const code = this.slots[s];
      if (code === EMPTY) return -1;
      if (this.hashes.data[code] === h && this.sameBytes(code, src, a, b)) return code;
    }
  }

  /** The code of the UTF-8 bytes src[a, b) (a < 0: NULL), adding the value when new. */
  internBytes(src: Uint8Array, a: number, b: number): number {
    if (a < 0) return 0;
    const h = hashOf(src, a, b);
    const hit = this.find(src, a, b, h);
    if (hit >= 0) return hit;
    return this.add(undefined, src, a, b, h);
  }

  /** The code of a value, adding it when new. */
  intern(value: string | null): number {
    if (value === null) return 0;
    const bytes = Buffer.from(value, 'utf8');
    const h = hashOf(bytes, 0, bytes.length);
    const hit = this.find(bytes, 0, bytes.length, h);
    return hit >= 0 ? hit : this.add(value, bytes, 0, bytes.length, h);
  }

  /** Each code's place among the values in SQLite's BINARY order (UTF-8 bytes); NULL (code 0) after all. */
  ranks(): Uint32Array {
    const at = this.poolAt.data;
    const pool = this.pool;
    // Compared in place (no subarray per comparison: a million distinct values take ~20M comparisons).
    const cmp = (a: number, b: number): number => {
      const ea = at[a + 1];
      const eb = at[b + 1];
      for (let i = at[a], j = at[b]; ; i++, j++) {
        if (i === ea) return j === eb ? 0 : -1;
        if (j === eb) return 1;
        const d = pool[i] - pool[j];
        if (d) return d;
      }
    };
    const codes = new Uint32Array(this.count - 1);
    for (let i = 0; i < codes.length; i++) codes[i] = i + 1;
    codes.sort(cmp);
    const rank = new Uint32Array(this.count);
    codes.forEach((c, i) => (rank[c] = i));
    rank[0] = this.count - 1;
    return rank;
  }

  private sameBytes(code: number, src: Uint8Array, a: number, b: number): boolean {
    const p = this.poolAt.data[code];
    if (this.poolAt.data[code + 1] - p !== b - a) return false;
    for (let i = 0; i < b - a; i++) if (this.pool[p + i] !== src[a + i]) return false;
    return true;
  }

  private add(value: string | undefined, src: Uint8Array, a: number, b: number, h: number): number {
    // Values read as their own lowered bytes (searchable()) get a lowered copy before a new one joins them.
    if (this.lowerIsPool && !this.lowerPool) this.lowered();
    const code = this.count++;
    if (value !== undefined) this.decoded[code] = value;
    this.hashes.push(h);
    const at = this.poolAt.data[code];
    if (at + (b - a) > this.pool.length) {
      const n = Math.max(2 * this.pool.length, at + (b - a));
      this.pool = grown(this.pool, n, at);
      if (this.lowerPool) this.lowerPool = grown(this.lowerPool, n, at);
    }
    this.pool.set(src.subarray(a, b), at);
    if (this.lowerPool) lowerInto(this.lowerPool, at, src, a, b);
    if (this.seen && this.lowerPool) markSeen(this.seen, this.lowerPool, at, at + (b - a));
    this.poolAt.push(at + (b - a));
    if (2 * this.count > this.slots.length) this.rehash();
    else this.place(code, h);
    this.version++;
    return code;
  }

  private place(code: number, h: number): void {
    const mask = this.slots.length - 1;
    let s = h & mask;
    while (this.slots[s] !== EMPTY) s = (s + 1) & mask;
    this.slots[s] = code;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    for (let code = 1; code < this.count; code++) this.place(code, this.hashes.data[code]);
  }

  /**
   * Codes whose value contains `needle` as SQLite's `LIKE '%needle%'` finds it: ASCII letters match
   * either case, every other character only itself. Searched in the bytes of all values at once (UTF-8
   * is self-synchronising, so a byte match is a character match); NULL never matches.
   */
  likeCodes(needle: string): number[] {
    const out: number[] = [];
    if (needle === '') {
      for (let code = 1; code < this.count; code++) out.push(code);
      return out;
    }
    const want = lowerNeedle(needle);
    if (!this.mayContain(want)) return out;
    const at = this.poolAt.data;
    const end = at[this.count];
    const lower = this.searchable();
    const hay = Buffer.from(lower.buffer, lower.byteOffset, end);
    let code = 1;
    for (let p = hay.indexOf(want, 0); p >= 0;) {
      // The value the match starts in: the last code whose bytes start at or before p.
      let lo = code;
      let hi = this.count - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (at[mid] <= p) lo = mid;
        else hi = mid - 1;
      }
      code = lo;
      // Skip empty values that start here: the match lies in the first non-empty one.
      while (at[code + 1] <= p) code++;
      if (p + want.length <= at[code + 1]) {
        out.push(code);
        if (++code >= this.count) break;
        p = hay.indexOf(want, at[code]);
      } else p = hay.indexOf(want, p + 1);
    }
    return out;
  }

  private lowered(): Uint8Array {
    if (!this.lowerPool) {
      if (this.lowerIsPool) this.lowerPool = this.pool.slice();
      else {
        this.lowerPool = new Uint8Array(this.pool.length);
        lowerInto(this.lowerPool, 0, this.pool, 0, this.poolAt.data[this.count]);
      }
    }
    return this.lowerPool;
  }

  /** The lowered bytes, or the bytes themselves when a column file said they are the same (nothing copied). */
  private searchable(): Uint8Array {
    return this.lowerPool ?? (this.lowerIsPool ? this.pool : this.lowered());
  }

  /** Whether some value may contain these lowered bytes (false: none does). */
  mayContain(want: Uint8Array): boolean {
    if (!this.seen) {
      const lower = this.searchable();
      this.seen = new Uint8Array(256 + 65536);
      // Value by value, as add() marks them: the same table whether values came at once or one by one
      // (a column file written after an import equals the one read from SQL).
      const at = this.poolAt.data;
      for (let code = 1; code < this.count; code++) markSeen(this.seen, lower, at[code], at[code + 1]);
    }
    const seen = this.seen;
    for (let i = 0; i < want.length; i++) if (!seen[want[i]]) return false;
    for (let i = 1; i < want.length; i++) if (!seen[256 + ((want[i - 1] << 8) | want[i])]) return false;
    return true;
  }

  /**
   * Of the given codes (ascending), those whose value contains `needle` as likeCodes finds it: when a
   * longer needle is typed, its matches are among the shorter one's.
   */
  likeCodesAmong(needle: string, among: Uint32Array): number[] {
    const want = lowerNeedle(needle);
    const lower = this.searchable();
    const at = this.poolAt.data;
    const out: number[] = [];
    for (let k = 0; k < among.length; k++) {
      const code = among[k];
      const a = at[code];
      const b = at[code + 1];
      if (b - a < want.length) continue;
      if (Buffer.from(lower.buffer, lower.byteOffset + a, b - a).indexOf(want) >= 0) out.push(code);
    }
    return out;
  }

  /**
   * a's value against b's (codes > 0) by their bytes while both are ASCII, where every string order
   * agrees with the bytes' order: negative, zero or positive; NaN from the first non-ASCII byte on, where
   * the caller compares the decoded values in the order it needs.
   */
  compareAscii(a: number, b: number): number {
    const at = this.poolAt.data;
    const pool = this.pool;
    const ea = at[a + 1];
    const eb = at[b + 1];
    for (let i = at[a], j = at[b]; ; i++, j++) {
      if (i === ea) return j === eb ? 0 : -1;
      if (j === eb) return 1;
      const x = pool[i];
      const y = pool[j];
      if ((x | y) & 0x80) return NaN;
      if (x !== y) return x - y;
    }
  }

  /** Bytes held for interning and lookups (strings not counted: V8 keeps them). */
  bytes(): number {
    return (
      this.pool.length +
      (this.lowerPool?.length ?? 0) +
      (this.seen?.length ?? 0) +
      this.slots.byteLength +
      this.codes.bytes() +
      this.hashes.bytes() +
      this.poolAt.bytes()
    );
  }
}

/** A needle's UTF-8 bytes with ASCII A-Z lowered, as the lowered pool holds values. */
export function lowerNeedle(needle: string): Buffer {
  return Buffer.from(
    needle.replace(/[A-Z]/g, (c) => c.toLowerCase()),
    'utf8',
  );
}

function markSeen(seen: Uint8Array, bytes: Uint8Array, a: number, b: number): void {
  if (a < b) seen[bytes[a]] = 1;
  for (let i = a + 1; i < b; i++) {
    seen[bytes[i]] = 1;
    seen[256 + ((bytes[i - 1] << 8) | bytes[i])] = 1;
  }
}

/** dst[at...] = src[a, b) with ASCII A-Z lowered. */
function lowerInto(dst: Uint8Array, at: number, src: Uint8Array, a: number, b: number): void {
  for (let i = a, j = at; i < b; i++, j++) {
    const c = src[i];
    dst[j] = c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
  }
}

function hashOf(src: Uint8Array, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = a; i < b; i++) h = Math.imul(h ^ src[i], 0x01000193);
  return h >>> 0;
}

function grown(a: Uint8Array, n: number, keep: number): Uint8Array {
  const bigger = new Uint8Array(n);
  bigger.set(a.subarray(0, keep));
  return bigger;
}

function withFirst(...xs: number[]): GrowingU32 {
  const g = new GrowingU32();
  for (const x of xs) g.push(x);
  return g;
}
