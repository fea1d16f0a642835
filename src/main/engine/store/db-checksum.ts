// A checksum of case.sqlite, saved beside it (case.sqlite.sum) and checked on open, so a damaged
// database (flipped bytes on a failing disk, a bad copy) is found before anything is written onto it.
// CRC-32 (zlib's, built into Node) per 8 MB block, then CRC-32 of the blocks' sums: blocks are summed
// as they are read, out of order, beside the reads of the others (read-whole.ts). It finds damage, not
// tampering: whoever can rewrite case.sqlite can rewrite its sum too.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { writeFileAtomic } from './atomic-write';

export const BLOCK = 8 << 20;
export const SUM_FILE = 'case.sqlite.sum';

export class BlockSums {
  readonly blocks: number;
  private readonly crcs: Uint32Array;

  constructor(readonly size: number) {
    this.blocks = Math.ceil(size / BLOCK);
    this.crcs = new Uint32Array(this.blocks);
  }

  add(block: number, bytes: Uint8Array): void {
    this.crcs[block] = zlib.crc32(bytes);
  }

  get value(): string {
    return `${this.size}:${zlib.crc32(new Uint8Array(this.crcs.buffer)).toString(16)}`;
  }

  /** The sum of pieces taken as one run of bytes, without joining them (CRC-32 carried across pieces). */
  static ofPieces(pieces: readonly Uint8Array[]): string {
    const s = new BlockSums(pieces.reduce((n, p) => n + p.length, 0));
    let block = 0;
    let filled = 0;
    let crc = 0;
    for (const piece of pieces) {
      for (let at = 0; at < piece.length;) {
        const take = Math.min(BLOCK - filled, piece.length - at);
        crc = zlib.crc32(piece.subarray(at, at + take), crc);
        at += take;
        filled += take;
        if (filled === BLOCK) {
          s.crcs[block++] = crc;
          filled = crc = 0;
        }
      }
    }
    if (filled) s.crcs[block] = crc;
    return s.value;
  }

  static of(bytes: Uint8Array): string {
    const s = new BlockSums(bytes.length);
    for (let b = 0; b < s.blocks; b++) s.add(b, bytes.subarray(b * BLOCK, Math.min(bytes.length, (b + 1) * BLOCK)));
    return s.value;
  }
}

/**
 * The sums case.sqlite may have: the one just saved and the one before it, since the sum file is
 * replaced before the database is (a crash between leaves the old database, still listed). Null when
 * the case has none (saved by an earlier version).
 */
export function readSums(dir: string): string[] | null {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, SUM_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const doc = JSON.parse(text) as { sums?: unknown };
    if (Array.isArray(doc.sums) && doc.sums.every((s) => typeof s === 'string')) return doc.sums as string[];
  } catch {
    // Unreadable: no sum matches, and the case is reported damaged.
  }
  return [];
}

export function writeSums(dir: string, next: string, previous: string | null): void {
  writeFileAtomic(path.join(dir, SUM_FILE), Buffer.from(JSON.stringify({ sums: previous && previous !== next ? [next, previous] : [next] })));
}
