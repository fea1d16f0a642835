// The docids of one token, or of every token starting with a prefix, read straight from FTS4's segment
// b-trees (<table>_segdir, <table>_segments; format: https://www.sqlite.org/fts3.html "Data Structures").
// SQLite's MATCH merges the doclists of all segments in docid order and hands back a row per hit, which
// for a common prefix over a million events costs more than the reading: here each segment's doclists
// are decoded in place into a bitset. A bitset is a union, so segment order does not matter; that is right
// only because the search table never has rows deleted or updated (a deletion is a newer segment's entry
// with an empty position list, which this reader refuses rather than misreads).
import type { Database, Statement } from 'sql.js';

/** Levels from 1024 up hold prefix indexes and other language ids, which the search table has not. */
const MAIN_INDEX_LEVELS = 1024;

/** Something this reader does not follow (a deletion, a malformed node): the caller asks SQLite instead. */
export class Fts4FormatError extends Error {}

/** Where a term sorts against the token asked for. */
const BEFORE = 0;
const EQUAL = 1;
/** The term starts with the token and is longer. */
const EXTENDS = 2;
const AFTER = 3;

/** A cursor over one node: varints and the prefix-compressed terms that leaf and interior nodes share. */
class Node {
  p = 0;
  term = new Uint8Array(64);
  termLen = 0;

  constructor(readonly a: Uint8Array) {}

  varint(): number {
    let v = 0;
    for (let mul = 1; mul < 2 ** 56; mul *= 128) {
      if (this.p >= this.a.length) break;
      const b = this.a[this.p++];
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
    }
    throw new Fts4FormatError('bad varint');
  }

  /** Reads the next term: the bytes it keeps of the previous one (not for a node's first), then its own. */
  nextTerm(first: boolean): void {
    const keep = first ? 0 : this.varint();
    const n = this.varint();
    if (keep > this.termLen || this.p + n > this.a.length) throw new Fts4FormatError('bad term');
    if (keep + n > this.term.length) {
      const grown = new Uint8Array(2 * (keep + n));
      grown.set(this.term.subarray(0, keep));
      this.term = grown;
    }
    this.term.set(this.a.subarray(this.p, this.p + n), keep);
    this.termLen = keep + n;
    this.p += n;
  }

  /** Terms sort as memcmp of their bytes, a shorter one first when it is the other's prefix. */
  order(token: Uint8Array): number {
    const n = Math.min(this.termLen, token.length);
    for (let i = 0; i < n; i++) if (this.term[i] !== token[i]) return this.term[i] < token[i] ? BEFORE : AFTER;
    if (this.termLen === token.length) return EQUAL;
    return this.termLen < token.length ? BEFORE : EXTENDS;
  }
}

/** Sets the bits of a doclist's docids (delta-encoded, each followed by its position list); returns how many were new. */
function setDocids(a: Uint8Array, p: number, end: number, bits: Uint8Array): number {
  let docid = 0;
  let added = 0;
  while (p < end) {
    let b = a[p++];
    let delta = b & 0x7f;
    for (let mul = 128; b >= 0x80; mul *= 128) {
      if (mul >= 2 ** 56) throw new Fts4FormatError('bad docid');
      b = a[p++];
      delta += (b & 0x7f) * mul;
    }
    docid += delta;
    if (a[p] === 0) throw new Fts4FormatError('empty position list (a deleted row)');
    // The position list ends at a 0x00 that is not the last byte of a multi-byte varint.
    for (let c = 0; (a[p] | c) !== 0;) c = a[p++] & 0x80;
    p++;
    if (docid > 0 && docid < bits.length && bits[docid] === 0) {
      bits[docid] = 1;
      added++;
    }
  }
  if (p !== end) throw new Fts4FormatError('doclist overruns its length');
  return added;
}

/**
 * Reads one segment after another, a block per statement: putting all segments' blocks of one height in
 * one statement (IN, or an OR of ranges) measured a little slower in sql.js, not faster.
 */
class SegmentReader {
  count = 0;
  private block: Statement;
  private leaves: Statement;

  constructor(
    db: Database,
    table: string,
    private token: Uint8Array,
    private prefix: boolean,
    private bits: Uint8Array,
  ) {
    this.block = db.prepare(`SELECT block FROM "${table}_segments" WHERE blockid = ?`);
    this.leaves = db.prepare(`SELECT blockid, block FROM "${table}_segments" WHERE blockid BETWEEN ? AND ? ORDER BY blockid`);
  }

  free(): void {
    this.block.free();
    this.leaves.free();
  }

  /** A segment whose tree fits its root (start_block 0) has the root as its only leaf. */
  read(startBlock: number, leavesEnd: number, root: Uint8Array): void {
    if (startBlock === 0) {
      this.scanLeaf(root);
      return;
    }
    // Down from the root to the first leaf that can hold the token and, for a prefix, the last one.
    let lo = this.interior(root);
    let hi = lo;
    for (;;) {
      if (lo.height !== hi.height) throw new Fts4FormatError('uneven tree');
      const from = lo.first;
      const to = this.prefix ? hi.last : from;
      if (lo.height === 1) {
        if (from < startBlock || to > leavesEnd) throw new Fts4FormatError('leaf outside its segment');
        this.scanLeaves(from, to);
        return;
      }
      lo = this.interior(this.readBlock(from));
      hi = to === from ? lo : this.interior(this.readBlock(to));
    }
  }

  /**
   * An interior node: its height, then its left child's blockid and separator terms (child i + 1 holds
   * the terms from separator i on). first: the first child that can hold a term >= the token; last: the
   * last child that can hold a term starting with it.
   */
  private interior(a: Uint8Array): { height: number; first: number; last: number } {
    const node = new Node(a);
    const height = node.varint();
    if (height < 1) throw new Fts4FormatError('leaf where an interior node belongs');
    let child = node.varint();
    let first = -1;
    let last = -1;
    for (let i = 0; node.p < a.length && last < 0; i++, child++) {
      node.nextTerm(i === 0);
      const o = node.order(this.token);
      if (first < 0 && o !== BEFORE && o !== EQUAL) first = child;
      if (o === AFTER) last = child;
    }
    return { height, first: first < 0 ? child : first, last: last < 0 ? child : last };
  }

  private readBlock(blockid: number): Uint8Array {
    try {
      this.block.bind([blockid]);
      if (!this.block.step()) throw new Fts4FormatError(`block ${blockid} missing`);
      return this.block.get()[0] as Uint8Array;
    } finally {
      this.block.reset();
    }
  }

  private scanLeaves(from: number, to: number): void {
    try {
      this.leaves.bind([from, to]);
      for (let want = from; this.leaves.step(); want++) {
        const [blockid, block] = this.leaves.get() as [number, Uint8Array];
        if (blockid !== want) throw new Fts4FormatError(`leaf ${want} missing`);
        if (!this.scanLeaf(block)) return;
      }
    } finally {
      this.leaves.reset();
    }
  }

  /** Sets the bits of every matching term's doclist; false once the terms sort past the token. */
  private scanLeaf(a: Uint8Array): boolean {
    if (a.length === 0) return true; // the root of an empty segment
    const node = new Node(a);
    if (node.varint() !== 0) throw new Fts4FormatError('interior node where a leaf belongs');
    for (let first = true; node.p < a.length; first = false) {
      node.nextTerm(first);
      const size = node.varint();
      const at = node.p;
      node.p += size;
      if (node.p > a.length) throw new Fts4FormatError('doclist overruns its leaf');
      const o = node.order(this.token);
      if (o === BEFORE) continue;
      if (o === AFTER || (o === EXTENDS && !this.prefix)) return false;
      this.count += setDocids(a, at, at + size, this.bits);
    }
    return true;
  }
}

/**
 * Sets bits[docid] (docids 1 to bits.length - 1) of every row of an FTS4 table holding the token, or with
 * prefix any token that starts with it; token is its UTF-8 bytes as the tokenizer stores them. Returns
 * how many bits it set. The table's pending writes must be flushed (no transaction open on it). Throws
 * Fts4FormatError, with bits partly set, where the index holds what this reader does not follow.
 */
export function readTokenHits(db: Database, table: string, token: Uint8Array, prefix: boolean, bits: Uint8Array): number {
  if (!/^\w+$/.test(table)) throw new Error(`not a table name: ${table}`);
  const segments = db.prepare(`SELECT start_block, leaves_end_block, root FROM "${table}_segdir" WHERE level < ${MAIN_INDEX_LEVELS}`);
  const reader = new SegmentReader(db, table, token, prefix, bits);
  try {
    while (segments.step()) {
      const [startBlock, leavesEnd, root] = segments.get() as [number, number, Uint8Array];
      reader.read(startBlock, leavesEnd, root);
    }
    return reader.count;
  } finally {
    segments.free();
    reader.free();
  }
}
