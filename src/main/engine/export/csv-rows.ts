// The fast lane for CSV exports (without redaction): rows are built from the store's columns and
// segment entries without building an event per row. This thread writes each row's cells up to its
// stored record ("head"); the hashing thread (row-hasher.ts) appends the record itself, quoted as a
// CSV cell where needed, and hashes and writes, so the byte-heavy half runs beside the next batch.
// Every byte must equal what formatRow writes for the same event (test/export/csv-fast.test.ts
// compares the two on real files).
import { SEGMENT_FILE, type CaseStore, type EntryBatch } from '../store/case-store';
import { damagedEntry, entryDamage, noZeroRun } from '../store/entry-damage';
import type { ColumnBatch } from '../store/column-cursor';
import type { EventExtras } from '../store/extras';
import { NO_TIME, decodeActorType, decodeOutcome, decodeTimeFlag } from '../store/schema';
import { csvCell, neutraliseRow, neutraliseText } from './csv-cell';
import { IsoTime } from './iso-time';
import { ByteSink, utf8 } from './byte-sink';
import { anyPrefix, lastCell, putAll, putBytes, putCell, putUint } from './put-bytes';
import { XK, XK_COUNT, extrasSpans, isNullText } from './extras-spans';
import type { ManifestSource } from './manifest';
import { HASH_PLACE, RECORD, type HashChunk } from './row-hasher';
import type { CsvLayout } from './row-format';

/** Columns the fast lane reads, numbers then text: everything for normalized rows, only what provenance needs for raw ones. */
export const NORMALIZED_COLUMNS_SQL = {
  numeric: ['id', 't', 'ifnull(tflag, -1)', 'src', 'atype', 'outcome', 'off', 'len'],
  text: ['actor', 'action', 'ttype', 'tid', 'req', 'eid', 'ip', 'flags'],
} as const;
export const RAW_COLUMNS_SQL = { numeric: ['id', 'src', 'off', 'len'], text: [] } as const;
const N = { id: 0, t: 1, tflag: 2, src: 3, atype: 4, outcome: 5, off: 6, len: 7 } as const;
const T = { actor: 0, action: 1, ttype: 2, tid: 3, req: 4, eid: 5, ip: 6, flags: 7 } as const;
const R = { id: 0, src: 1, off: 2, len: 3 } as const;

const QUOTES = /"/g;

/** A number as JSON.stringify writes it inside an object. */
const num = (v: unknown) => (typeof v === 'number' ? String(v) : JSON.stringify(v));

export interface CsvRowsState {
  rows: number;
  neutralisedCells: number;
  neutralisedRows: number;
}

interface SourceParts {
  index: number;
  name: string;
  /** The vendor and source cells, and whether each was neutralised: the same for every row of a source. */
  vendorCell: { cell: string; neutralised: boolean };
  nameCell: { cell: string; neutralised: boolean };
  /** The vendor and source cells as bytes, with the comma between them and after. */
  vendorNameBytes: Uint8Array;
  /** Quoted provenance cell of a file source, cut where line, offset and length go. */
  fileCell: [string, string, string, string];
  /** Whether that cell was neutralised (its path or name holds a part that would run). */
  fileCellNeutralised: boolean;
  fileCellBytes: [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  /** Bytes of the parts above, for reserving room per row. */
  fixedBytes: number;
}

const ACTOR_TYPE_BYTES = Array.from({ length: 16 }, (_, i) => utf8(`${decodeActorType(i)},`));
const OUTCOME_BYTES = Array.from({ length: 16 }, (_, i) => utf8(`${decodeOutcome(i)},`));
const TIME_FLAG_BYTES = Array.from({ length: 16 }, (_, i) => utf8(`,${decodeTimeFlag(i) ?? ''},`));
/** tflag is read as ifnull(tflag, -1). */
const NO_FLAG_BYTES = utf8(`,${decodeTimeFlag(null) ?? ''},`);
/** Where in ENTRY.sha and ENTRY.rawLine the hash goes. */
const SHA_AT = '","sha256":"'.length;
const RAW_AT = ',"rawSha256":"'.length;
const ENTRY = {
  first: utf8('{"row":'),
  next: utf8(',\n{"row":'),
  id: utf8(',"id":"'),
  sha: utf8(`","sha256":"${HASH_PLACE}","source":`),
  rawLine: utf8(`,"rawSha256":"${HASH_PLACE}","line":`),
  offset: utf8(',"offset":'),
  length: utf8(',"length":'),
};

export class CsvRowWriter {
  private sourceParts = new Map<number, SourceParts>();
  readonly state: CsvRowsState = { rows: 0, neutralisedCells: 0, neutralisedRows: 0 };
  /** Cells neutralised in the row being written. */
  private neutralised: string[] = [];
  private iso = new IsoTime();
  /** Head buffers the hashing thread has handed back, to be filled again. */
  private spareHeads: Buffer[] = [];
  /** Segment buffers handed back likewise, for the store to read the next batches into (entryBatches' `spare`). */
  readonly spareEntries: Buffer[] = [];
  private heads = new ByteSink(Buffer.alloc(0));
  /** The batch's manifest entries, copied after the heads when the batch is done. */
  private template = new ByteSink(Buffer.allocUnsafeSlow(1 << 20));
  private spans = new Int32Array(2 * XK_COUNT);
  /** The batch's hash places in its manifest entries (see HashChunk). */
  private hashAt = new Int32Array(0);
  private decoder = new TextDecoder();
  /** The batch's segment bytes, where records are read from. */
  private entries: Buffer = Buffer.alloc(0);
  /** Numbers per row in a batch's nums: the mode's numeric columns. */
  private readonly width: number;

  constructor(
    private readonly store: CaseStore,
    private readonly mode: 'raw' | 'normalized',
    private readonly layout: CsvLayout | null,
    private readonly sources: ManifestSource[],
    sourceIndex: Map<number, number>,
  ) {
    this.width = (mode === 'normalized' ? NORMALIZED_COLUMNS_SQL : RAW_COLUMNS_SQL).numeric.length;
    for (const [srcId, index] of sourceIndex) {
      const s = store.source(srcId);
      const gzip = store.sourceGzip(srcId);
      const encoding = store.sourceEncoding(srcId);
      const head = JSON.stringify({ kind: 'file', path: s.path, ...(s.originalName ? { originalName: s.originalName } : {}), sha256: s.sha256 });
      const q = (t: string) => t.replace(QUOTES, '""');
      const vendorCell = csvCell(s.vendor);
      const nameCell = csvCell(s.name);
      // Only the path and name can hold a part that would run: after each comma of the JSON comes a quote.
      const fileHead = neutraliseText(head.slice(0, -1));
      const fileCell: SourceParts['fileCell'] = [
        `"${q(fileHead.text)},""line"":`,
        ',""offset"":',
        ',""length"":',
        `${gzip ? ',""gzip"":true' : ''}${encoding ? `,""encoding"":""${encoding}""` : ''}}"`,
      ];
      const vendorNameBytes = utf8(`${vendorCell.cell},${nameCell.cell},`);
      const fileCellBytes = fileCell.map(utf8) as SourceParts['fileCellBytes'];
      this.sourceParts.set(srcId, {
        index,
        name: s.name,
        vendorCell,
        nameCell,
        vendorNameBytes,
        fileCell,
        fileCellNeutralised: fileHead.neutralised,
        fileCellBytes,
        fixedBytes: vendorNameBytes.length + fileCellBytes.reduce((n, b) => n + b.length, 0),
      });
    }
  }

  /** A batch's buffers back from the hashing thread, whole (a chunk may have used only part of them). */
  recycle(heads: Uint8Array, entries: Uint8Array): void {
    this.spareHeads.push(Buffer.from(heads.buffer));
    this.spareEntries.push(Buffer.from(entries.buffer));
  }

  /** Formats a batch of rows: their heads here, their records left in the batch's segment bytes for the hashing thread. */
  writeBatch(batch: EntryBatch): HashChunk {
    const { cols, at, entries } = batch;
    const n = cols.n;
    const headBounds = new Int32Array(2 * n);
    const rawBounds = new Int32Array(2 * n);
    const kinds = new Uint8Array(n);
    const hashAt = (this.hashAt = new Int32Array(2 * n));
    const heads = this.heads;
    const template = this.template;
    // The last batch's buffer has moved to the hashing thread.
    heads.reset(this.spareHeads.pop() ?? Buffer.allocUnsafeSlow(4 << 20));
    template.pos = 0;
    const seg = new Uint8Array(entries.buffer, entries.byteOffset, entries.length);
    this.entries = entries;
    const normalized = this.mode === 'normalized';
    const width = this.width;
    this.refuseDamaged(batch, noZeroRun(entries));
    for (let i = 0; i < n; i++) {
      const nb = i * width;
      const start = at[i];
      const xLen = entries.readUInt32LE(start);
      const rawStart = start + 4 + xLen;
      const rawEnd = start + cols.nums[nb + (normalized ? N.len : R.len)];
      const srcId = cols.nums[nb + (normalized ? N.src : R.src)];
      const src = this.sourceParts.get(srcId)!;
      const rowNumber = this.state.rows + 1;
      headBounds[2 * i] = heads.pos;
      const templateAt = template.pos;
      let kind = normalized ? this.normalizedRow(cols, i, seg, start + 4, rawStart, rawEnd, src, rowNumber) : -1;
      if (kind < 0) {
        // The row as strings: raw rows, and normalized rows the byte path leaves alone (see normalizedRow).
        heads.pos = headBounds[2 * i];
        template.pos = templateAt;
        this.neutralised.length = 0;
        kind = this.rowFromStrings(cols, i, entries, start, rawStart, rawEnd, src, rowNumber);
      }
      headBounds[2 * i + 1] = heads.pos;
      rawBounds[2 * i] = rawStart;
      rawBounds[2 * i + 1] = rawEnd;
      kinds[i] = kind;
      this.state.rows = rowNumber;
      this.sources[src.index].rows++;
      if (this.neutralised.length) {
        template.text(`,"neutralised":${JSON.stringify(this.neutralised)}`);
        this.state.neutralisedCells += this.neutralised.length;
        this.state.neutralisedRows++;
      }
      template.byte(125);
    }
    // The manifest entries ride in the same buffer, after the heads: a moved buffer, not a copied string.
    const templateStart = heads.pos;
    heads.bytes(template.u8, 0, template.pos);
    return { heads: heads.u8, headBounds, entries, rawBounds, kinds, templateStart, templateEnd: heads.pos, hashAt };
  }

  /** A damaged record stops the export, named as every other reader names it: evidence is never written from damaged bytes. */
  private refuseDamaged({ cols, at, entries }: EntryBatch, noZeros: boolean): void {
    const C = this.mode === 'normalized' ? N : R;
    for (let i = 0; i < cols.n; i++) {
      const nb = i * this.width;
      const len = cols.nums[nb + C.len];
      // Without a zero run anywhere in the batch only the header bounds are left to check.
      const damage = entryDamage(entries, at[i], len, !noZeros);
      if (damage) {
        const src = this.sourceParts.get(cols.nums[nb + C.src]);
        throw damagedEntry(cols.nums[nb + C.id], src?.name ?? `#${cols.nums[nb + C.src]}`, SEGMENT_FILE, cols.nums[nb + C.off], len, damage);
      }
    }
  }

  /**
   * A normalized row's head and manifest entry straight from the column and segment bytes. Returns
   * how the record goes in, or -1 when the row needs the string path: its extras hold an escaped
   * string or an API position, its before/after must be re-derived from the record, its time is
   * outside years 1970-9999, or a cell holds bytes that do not read back as themselves.
   */
  private normalizedRow(
    cols: ColumnBatch,
    i: number,
    seg: Uint8Array,
    xStart: number,
    rawStart: number,
    rawEnd: number,
    src: SourceParts,
    rowNumber: number,
  ): number {
    const x = this.spans;
    if (extrasSpans(seg, xStart, rawStart, x) !== 0) return -1;
    if (x[2 * XK.url] >= 0) return -1;
    const hasDiff = x[2 * XK.d] >= 0 && !isFalsy(seg, x[2 * XK.d], x[2 * XK.d + 1]);
    if (hasDiff && x[2 * XK.b] < 0 && x[2 * XK.a] < 0) return -1;
    const nums = cols.nums;
    const nb = i * NORMALIZED_COLUMNS_SQL.numeric.length;
    const t = nums[nb + N.t];
    const tflag = nums[nb + N.tflag];
    const flagBytes = tflag < 0 ? NO_FLAG_BYTES : TIME_FLAG_BYTES[tflag];
    const actorType = ACTOR_TYPE_BYTES[nums[nb + N.atype]];
    const outcome = OUTCOME_BYTES[nums[nb + N.outcome]];
    if (!flagBytes || !actorType || !outcome) return -1;
    const text = cols.text;
    const at = cols.textAt;
    const tb = 2 * i * NORMALIZED_COLUMNS_SQL.text.length;
    const neutralised = this.neutralised;
    neutralised.length = 0;

    // Room for every cell doubled (quotes) plus the fixed parts, so the writes below need no checks.
    this.heads.ensure(2 * (cols.rowText[i + 1] - cols.rowText[i] + rawStart - xStart) + src.fixedBytes + 256);
    const o = this.heads.u8;
    let p = putUint(o, this.heads.pos, nums[nb + N.id]);
    o[p++] = 44;
    if ((p = this.textCell(o, p, text, at, tb, T.eid, 'eventId')) < 0) return -1;
    o[p++] = 44;
    if (t < NO_TIME && (p = this.iso.write(t, o, p)) < 0) return -1;
    o[p++] = 44;
    if ((p = this.extrasCell(o, p, seg, XK.to, 'timeOriginal')) < 0) return -1;
    p = putAll(o, p, flagBytes);
    if (src.vendorCell.neutralised) neutralised.push('vendor');
    if (src.nameCell.neutralised) neutralised.push('source');
    p = putAll(o, p, src.vendorNameBytes);
    if ((p = this.textCell(o, p, text, at, tb, T.actor, 'actor')) < 0) return -1;
    o[p++] = 44;
    p = putAll(o, p, actorType);
    if ((p = this.textCell(o, p, text, at, tb, T.action, 'action')) < 0) return -1;
    o[p++] = 44;
    if ((p = this.textCell(o, p, text, at, tb, T.ttype, 'targetType')) < 0) return -1;
    o[p++] = 44;
    if ((p = this.textCell(o, p, text, at, tb, T.tid, 'targetId')) < 0) return -1;
    o[p++] = 44;
    p = putAll(o, p, outcome);
    if ((p = this.textCell(o, p, text, at, tb, T.req, 'requestId')) < 0) return -1;
    o[p++] = 44;
    if ((p = this.textCell(o, p, text, at, tb, T.ip, 'ip')) < 0) return -1;
    o[p++] = 44;
    if ((p = this.extrasCell(o, p, seg, XK.ua, 'userAgent')) < 0) return -1;
    o[p++] = 44;
    // Stored flags are JSON.stringify of the list, or NULL; an empty list writes nothing.
    const fa = at[tb + 2 * T.flags];
    const fz = at[tb + 2 * T.flags + 1];
    if (fa >= 0 && !(fz - fa === 2 && text[fa] === 91 && text[fa + 1] === 93)) {
      if (text.subarray(fa, fz).includes(92)) return -1;
      if ((p = this.textCell(o, p, text, at, tb, T.flags, 'flags')) < 0) return -1;
    }
    o[p++] = 44;
    if ((p = this.jsonCell(o, p, seg, XK.b, 'before')) < 0) return -1;
    o[p++] = 44;
    if ((p = this.jsonCell(o, p, seg, XK.a, 'after')) < 0) return -1;
    o[p++] = 44;
    const [pa, pb, pc, pd] = src.fileCellBytes;
    p = putAll(o, p, pa);
    p = this.extrasNumber(o, p, seg, XK.ln);
    p = putAll(o, p, pb);
    p = this.extrasNumber(o, p, seg, XK.fo);
    p = putAll(o, p, pc);
    p = this.extrasNumber(o, p, seg, XK.fb);
    p = putAll(o, p, pd);
    if (src.fileCellNeutralised) neutralised.push('provenance');
    o[p++] = 44;
    this.heads.pos = p;
    const kind = this.recordCell(rawStart, rawEnd);

    this.template.ensure(256 + 3 * (rawStart - xStart));
    const m = this.template.u8;
    let q = this.template.pos;
    const lead = rowNumber === 1 ? ENTRY.first : ENTRY.next;
    q = putAll(m, q, lead);
    q = putUint(m, q, rowNumber);
    q = putAll(m, q, ENTRY.id);
    q = putUint(m, q, nums[nb + N.id]);
    this.hashAt[2 * i] = q + SHA_AT;
    q = putAll(m, q, ENTRY.sha);
    q = putUint(m, q, src.index);
    this.hashAt[2 * i + 1] = q + RAW_AT;
    q = putAll(m, q, ENTRY.rawLine);
    q = this.extrasNumber(m, q, seg, XK.ln);
    q = putAll(m, q, ENTRY.offset);
    q = this.extrasNumber(m, q, seg, XK.fo);
    q = putAll(m, q, ENTRY.length);
    q = this.extrasNumber(m, q, seg, XK.fb);
    this.template.pos = q;
    this.sources[src.index].kind = 'file';
    return kind;
  }

  /** Text column k of the row as a cell (nothing when NULL). */
  private textCell(o: Uint8Array, p: number, text: Uint8Array, at: Int32Array, tb: number, k: number, column: string): number {
    const a = at[tb + 2 * k];
    return a < 0 ? p : this.notedCell(o, p, text, a, at[tb + 2 * k + 1], column);
  }

  /** A string in the extras as a cell (nothing when absent or null); -1 for any other kind of value. */
  private extrasCell(o: Uint8Array, p: number, seg: Uint8Array, k: number, column: string): number {
    const a = this.spans[2 * k];
    const b = this.spans[2 * k + 1];
    if (a < 0 || isNullText(seg, a, b)) return p;
    return seg[a] === 34 ? this.notedCell(o, p, seg, a + 1, b - 1, column) : -1;
  }

  /** before/after: the stored JSON text (JSON.stringify of its own parse) as a cell; nothing when absent or null. */
  private jsonCell(o: Uint8Array, p: number, seg: Uint8Array, k: number, column: string): number {
    const a = this.spans[2 * k];
    const b = this.spans[2 * k + 1];
    return a < 0 || isNullText(seg, a, b) ? p : this.notedCell(o, p, seg, a, b, column);
  }

  /** putCell, noting the column when its cell was neutralised. */
  private notedCell(o: Uint8Array, p: number, s: Uint8Array, a: number, b: number, column: string): number {
    p = putCell(o, p, s, a, b);
    if (lastCell.neutralised) this.neutralised.push(column);
    return p;
  }

  /** An extras number as num(x ?? 0) writes it: its JSON text, or 0 when absent or null. */
  private extrasNumber(o: Uint8Array, p: number, seg: Uint8Array, k: number): number {
    const a = this.spans[2 * k];
    const b = this.spans[2 * k + 1];
    if (a < 0 || isNullText(seg, a, b)) {
      o[p] = 48;
      return p + 1;
    }
    return putBytes(o, p, seg, a, b);
  }

  /** A row written from decoded values: every raw row, and the normalized rows normalizedRow leaves. */
  private rowFromStrings(
    cols: ColumnBatch,
    i: number,
    entries: Buffer,
    start: number,
    rawStart: number,
    rawEnd: number,
    src: SourceParts,
    rowNumber: number,
  ): number {
    const extras = JSON.parse(entries.toString('utf8', start + 4, rawStart)) as EventExtras;
    const normalized = this.mode === 'normalized';
    const id = cols.nums[i * this.width + (normalized ? N.id : R.id)];
    let kind: number;
    if (normalized) {
      this.heads.text(this.normalizedHead(this.rowValues(cols, i), extras, src, entries, rawStart, rawEnd));
      kind = this.recordCell(rawStart, rawEnd);
    } else if (this.layout?.kind === 'source-rows') {
      const text = entries.toString('utf8', rawStart, rawEnd);
      const { row, columns } = neutraliseRow(text, this.layout.delimiter);
      for (const c of columns) this.neutralised.push(`column ${c + 1}`);
      if (row !== text) this.heads.text(row);
      kind = row === text ? RECORD.VERBATIM : RECORD.NONE;
    } else {
      this.heads.text(`${rowNumber},`);
      kind = this.recordCell(rawStart, rawEnd);
    }

    const manifestSource = this.sources[src.index];
    let where: string;
    if (extras.url != null) {
      manifestSource.kind = 'api';
      where = `,"url":${JSON.stringify(extras.url)},"page":${num(extras.pg ?? 0)},"index":${num(extras.ix ?? 0)}`;
    } else {
      manifestSource.kind = 'file';
      where = `,"line":${num(extras.ln ?? 0)},"offset":${num(extras.fo ?? 0)},"length":${num(extras.fb ?? 0)}`;
    }
    // Everything before the hashes is ASCII, so characters count bytes here.
    let entry = `${rowNumber === 1 ? '' : ',\n'}{"row":${rowNumber},"id":"${id}","sha256":"`;
    this.hashAt[2 * i] = this.template.pos + entry.length;
    entry += `${HASH_PLACE}","source":${src.index}`;
    this.hashAt[2 * i + 1] = -1;
    if (kind !== RECORD.VERBATIM) {
      entry += ',"rawSha256":"';
      this.hashAt[2 * i + 1] = this.template.pos + entry.length;
      entry += `${HASH_PLACE}"`;
    }
    this.template.text(entry + where);
    return kind;
  }

  /** A normalized row's columns as sql.js would hand them over, for normalizedHead. */
  private rowValues(cols: ColumnBatch, i: number): unknown[] {
    const nb = i * NORMALIZED_COLUMNS_SQL.numeric.length;
    const tb = 2 * i * NORMALIZED_COLUMNS_SQL.text.length;
    const n = (k: number) => cols.nums[nb + k];
    const t = (k: number) =>
      cols.textAt[tb + 2 * k] < 0 ? null : this.decoder.decode(cols.text.subarray(cols.textAt[tb + 2 * k], cols.textAt[tb + 2 * k + 1]));
    return [
      n(N.id),
      n(N.t),
      n(N.tflag) < 0 ? null : n(N.tflag),
      n(N.src),
      t(T.actor),
      n(N.atype),
      t(T.action),
      t(T.ttype),
      t(T.tid),
      n(N.outcome),
      t(T.req),
      t(T.eid),
      t(T.ip),
      null,
      null,
      t(T.flags),
    ];
  }

  /**
   * The record as the row's last cell. Most records need nothing and go to the hashing thread as they
   * are (it quotes them where needed); one with a part that would run is written here, prefixed, as
   * the end of the head.
   */
  private recordCell(a: number, b: number): number {
    if (!anyPrefix(this.entries, a, b)) return RECORD.CELL;
    this.neutralised.push('raw');
    const heads = this.heads;
    heads.ensure(2 * (b - a) + 3);
    const p = putCell(heads.u8, heads.pos, this.entries, a, b);
    if (p >= 0) heads.pos = p;
    else heads.text(csvCell(this.entries.toString('utf8', a, b)).cell);
    return RECORD.NONE;
  }

  /** csvCell for a text column, noting the column when it is neutralised. */
  private cell(v: unknown, column: string): string {
    if (v === null || v === undefined) return '';
    const { cell, neutralised } = csvCell(String(v));
    if (neutralised) this.neutralised.push(column);
    return cell;
  }

  private json(v: unknown, column: string): string {
    return v === null || v === undefined ? '' : this.cell(JSON.stringify(v), column);
  }

  /** The normalized row's cells before `raw`, each exactly as csvCell writes it, ending with the comma before `raw`. */
  private normalizedHead(r: unknown[], x: EventExtras, src: SourceParts, entries: Buffer, rawStart: number, rawEnd: number): string {
    const t = r[1] as number;
    const flags = r[15] as string | null;
    const { before, after } = x.d
      ? this.store.diffOf(r[3] as number, x, entries.toString('utf8', rawStart, rawEnd))
      : { before: x.b ?? null, after: x.a ?? null };
    let h = `${r[0] as number},${this.cell(r[11], 'eventId')},`;
    if (t < NO_TIME) {
      const time = this.iso.format(t);
      // Years past 9999 or before 0 are written with a sign, which a spreadsheet would run.
      const c = time.charCodeAt(0);
      h += c < 48 || c > 57 ? this.cell(time, 'time') : time;
    }
    h += `,${this.cell(x.to, 'timeOriginal')},${decodeTimeFlag(r[2] as number | null) ?? ''},`;
    if (src.vendorCell.neutralised) this.neutralised.push('vendor');
    if (src.nameCell.neutralised) this.neutralised.push('source');
    h += `${src.vendorCell.cell},${src.nameCell.cell},${this.cell(r[4], 'actor')},${decodeActorType(r[5] as number)},`;
    h += `${this.cell(r[6], 'action')},${this.cell(r[7], 'targetType')},${this.cell(r[8], 'targetId')},${decodeOutcome(r[9] as number)},`;
    h += `${this.cell(r[10], 'requestId')},${this.cell(r[12], 'ip')},${this.cell(x.ua, 'userAgent')},`;
    const parsedFlags = flags ? (JSON.parse(flags) as string[]) : [];
    h += `${parsedFlags.length ? this.cell(JSON.stringify(parsedFlags), 'flags') : ''},${this.json(before, 'before')},${this.json(after, 'after')},`;
    if (x.url != null) {
      h += this.cell(JSON.stringify({ kind: 'api', source: src.name, url: x.url, page: x.pg ?? 0, index: x.ix ?? 0 }), 'provenance');
    } else {
      const [a, b, c, d] = src.fileCell;
      h += a + num(x.ln ?? 0) + b + num(x.fo ?? 0) + c + num(x.fb ?? 0) + d;
      if (src.fileCellNeutralised) this.neutralised.push('provenance');
    }
    return `${h},`;
  }
}

/** Whether a JSON value's text is falsy as a JS value (0, false, null, ""). */
function isFalsy(s: Uint8Array, a: number, b: number): boolean {
  const c = s[a];
  if (b - a === 1) return c === 48;
  if (b - a === 2) return c === 34 && s[a + 1] === 34;
  return isNullText(s, a, b) || (b - a === 5 && c === 102);
}
