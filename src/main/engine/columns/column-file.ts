// The column set saved beside the case (columns.bin), so that opening a case reads its columns at disk
// speed instead of rebuilding them from every row of case.sqlite. One file, replaced atomically: a
// header naming what it describes (case.sqlite's checksum, rows, last id, format) and its own checksum,
// then every typed array as it is in memory, each at an 8-byte boundary so that reading makes views of
// one buffer and copies nothing. The file is only a cache: any doubt (stale, damaged, other format)
// means the columns are read from SQL again.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../store/atomic-write';
import { BlockSums } from '../store/db-checksum';
import { TEXT_COLUMNS, type SavedColumns, type TextColumn } from './event-columns';
import type { DictParts } from './dictionary';

export const COLUMN_FILE = 'columns.bin';
/** Bumped whenever the layout or the meaning of a saved array changes. */
export const COLUMN_FORMAT = 1;
const MAGIC = Buffer.from('ADCOLS\0\0', 'latin1');
/** DictColumn.seen: 256 bytes, then 65536 byte pairs. */
const SEEN_SIZE = 256 + 65536;

/** What a saved column set describes: the table of case.sqlite with this checksum, these rows. */
export interface ColumnStamp {
  dbSum: string;
  rows: number;
  lastId: number;
}

type Kind = 'f64' | 'u32' | 'i32' | 'u8';
type Typed = Float64Array | Uint32Array | Int32Array | Uint8Array;
const MAKE: Record<Kind, { size: number; view: (b: ArrayBuffer, at: number, n: number) => Typed }> = {
  f64: { size: 8, view: (b, at, n) => new Float64Array(b, at, n) },
  u32: { size: 4, view: (b, at, n) => new Uint32Array(b, at, n) },
  i32: { size: 4, view: (b, at, n) => new Int32Array(b, at, n) },
  u8: { size: 1, view: (b, at, n) => new Uint8Array(b, at, n) },
};
const DICT_PARTS: [keyof DictParts, Kind][] = [
  ['pool', 'u8'],
  ['lowerPool', 'u8'],
  ['seen', 'u8'],
  ['poolAt', 'u32'],
  ['hashes', 'u32'],
  ['slots', 'i32'],
];

function kindOf(a: Typed): Kind {
  if (a instanceof Float64Array) return 'f64';
  if (a instanceof Uint32Array) return 'u32';
  if (a instanceof Int32Array) return 'i32';
  return 'u8';
}

/** The arrays of a column set by section name, in the order they are written. */
function sections(c: SavedColumns): [string, Typed][] {
  const out: [string, Typed][] = [
    ['ids', c.ids],
    ['t', c.t],
    ['tflag', c.tflag],
    ['src', c.src],
    ['atype', c.atype],
    ['outcome', c.outcome],
    ['order', c.order],
  ];
  for (const col of TEXT_COLUMNS) {
    out.push([`${col}.codes`, c.codes[col]]);
    for (const [part] of DICT_PARTS) {
      const a = c.text[col][part];
      if (a) out.push([`${col}.${part}`, a]);
    }
  }
  return out;
}

const align8 = (n: number) => (n + 7) & ~7;

/** Writes the column set, stamped, over the case's column file (tmp + rename: a crash leaves the old one or the new one). */
export function writeColumnFile(dir: string, c: SavedColumns, stamp: ColumnStamp): void {
  const parts = sections(c);
  let at = 0;
  const placed = parts.map(([name, a]) => {
    const entry: [string, Kind, number, number] = [name, kindOf(a), at, a.length];
    at = align8(at + a.byteLength);
    return entry;
  });
  // The arrays are written where they are, with zeros up to each 8-byte boundary: no copy of the body
  // (at 1M events a joined copy, twice, was about 270 MB of the import's peak memory).
  const pad = new Uint8Array(8);
  const body = parts.flatMap(([, a]) => {
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    return a.byteLength % 8 ? [bytes, pad.subarray(0, align8(a.byteLength) - a.byteLength)] : [bytes];
  });
  const header = Buffer.from(JSON.stringify({ format: COLUMN_FORMAT, ...stamp, bodySum: BlockSums.ofPieces(body), sections: placed }), 'utf8');
  const head = Buffer.alloc(align8(MAGIC.length + 4 + header.length));
  MAGIC.copy(head, 0);
  head.writeUInt32LE(header.length, MAGIC.length);
  header.copy(head, MAGIC.length + 4);
  writeFileAtomic(path.join(dir, COLUMN_FILE), [head, ...body]);
}

/** Why a column file cannot be used: the columns are then read from SQL. */
export class ColumnFileRejected extends Error {}

/**
 * The saved column set if the file is there, whole, of this format and stamped `want`; throws
 * ColumnFileRejected (with the reason) when it is not, null when there is no file.
 */
export function readColumnFile(dir: string, want: Omit<ColumnStamp, 'rows'>): SavedColumns | null {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(path.join(dir, COLUMN_FILE));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ColumnFileRejected(`cannot be read (${(e as Error).message})`);
  }
  // Views need 8-byte alignment; a large read has its own buffer at offset 0, a small one may not.
  if (buf.byteOffset % 8) buf = Buffer.from(new Uint8Array(buf));
  const reject = (why: string): never => {
    throw new ColumnFileRejected(why);
  };
  if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) reject('not a column file');
  const headerLength = buf.readUInt32LE(MAGIC.length);
  const bodyAt = align8(MAGIC.length + 4 + headerLength);
  if (bodyAt > buf.length) reject('its header is cut short');
  let header: ColumnStamp & { format: number; bodySum: string; sections: [string, Kind, number, number][] };
  try {
    header = JSON.parse(buf.subarray(MAGIC.length + 4, MAGIC.length + 4 + headerLength).toString('utf8'));
  } catch {
    return reject('its header is damaged');
  }
  if (header.format !== COLUMN_FORMAT) reject(`format ${header.format}, this version reads ${COLUMN_FORMAT}`);
  if (header.dbSum !== want.dbSum || header.lastId !== want.lastId) reject('stale: the case changed since it was written');
  const body = buf.subarray(bodyAt);
  if (BlockSums.of(body) !== header.bodySum) reject('damaged: its checksum does not match');
  const byName = new Map<string, Typed>();
  for (const [name, kind, at, n] of header.sections) {
    const make = MAKE[kind];
    if (!make || !Number.isInteger(at) || !Number.isInteger(n) || at % 8 || at < 0 || n < 0 || at + n * make.size > body.length) {
      reject(`damaged: section ${name} lies outside the file`);
    }
    byName.set(name, make.view(body.buffer as ArrayBuffer, body.byteOffset + at, n));
  }
  const get = <T extends Typed>(name: string, kind: Kind, length?: number): T => {
    const a = byName.get(name);
    if (!a || kindOf(a) !== kind || (length !== undefined && a.length !== length)) return reject(`damaged: section ${name} is missing or the wrong size`);
    return a as T;
  };
  const rows = header.rows;
  const text = {} as Record<TextColumn, DictParts>;
  const codes = {} as Record<TextColumn, Uint32Array>;
  for (const col of TEXT_COLUMNS) {
    const hashes = get<Uint32Array>(`${col}.hashes`, 'u32');
    const poolAt = get<Uint32Array>(`${col}.poolAt`, 'u32', hashes.length + 1);
    const end = poolAt[hashes.length];
    const slots = get<Int32Array>(`${col}.slots`, 'i32');
    if (slots.length < 2 * hashes.length || slots.length & (slots.length - 1)) reject(`damaged: ${col}'s lookup table has the wrong size`);
    const lowerPool = byName.has(`${col}.lowerPool`) ? get<Uint8Array>(`${col}.lowerPool`, 'u8', end) : null;
    text[col] = { pool: get(`${col}.pool`, 'u8', end), lowerPool, seen: get(`${col}.seen`, 'u8', SEEN_SIZE), poolAt, hashes, slots };
    codes[col] = get(`${col}.codes`, 'u32', rows);
  }
  const ids = get<Float64Array>('ids', 'f64', rows);
  if ((rows ? ids[rows - 1] : 0) !== want.lastId) reject('damaged: its rows end at another id');
  return {
    ids,
    t: get('t', 'f64', rows),
    tflag: get('tflag', 'u8', rows),
    src: get('src', 'u32', rows),
    atype: get('atype', 'u8', rows),
    outcome: get('outcome', 'u8', rows),
    order: get('order', 'u32', rows),
    codes,
    text,
  };
}
