// The fast lane for CSV exports (without redaction): rows are built from the store's columns and
// segment entries without building an event per row. This thread writes each row's cells up to its
// stored record ("head"); the hashing thread (row-hasher.ts) appends the record itself, quoted as a
// CSV cell where needed, and hashes and writes, so the byte-heavy half runs beside the next batch.
// Every byte must equal what formatRow writes for the same event (test/export/csv-fast.test.ts
// compares the two on real files).
import type { CaseStore, EntryBatch } from '../store/case-store';
import type { EventExtras } from '../store/extras';
import { NO_TIME, decodeActorType, decodeOutcome, decodeTimeFlag } from '../store/schema';
import { NEUTRALISE_PREFIX, csvCell, isFormulaStart, needsNeutralising, neutraliseRow } from './csv-cell';
import { IsoTime } from './iso-time';
import type { ManifestSource } from './manifest';
import { RECORD, type HashChunk } from './row-hasher';
import type { CsvLayout } from './row-format';

/** Columns the fast lane reads: everything for normalized rows, only what provenance needs for raw ones. */
export const NORMALIZED_SQL = ['id', 't', 'tflag', 'src', 'actor', 'atype', 'action', 'ttype', 'tid', 'outcome', 'req', 'eid', 'ip', 'off', 'len', 'flags'];
export const RAW_SQL = ['id', 'src', 'off', 'len'];

const NEEDS_QUOTES = /[",\r\n]/;
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
  /** Quoted provenance cell of a file source, cut where line, offset and length go. */
  fileCell: [string, string, string, string];
}

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

  constructor(
    private readonly store: CaseStore,
    private readonly mode: 'raw' | 'normalized',
    private readonly layout: CsvLayout | null,
    private readonly sources: ManifestSource[],
    sourceIndex: Map<number, number>,
  ) {
    for (const [srcId, index] of sourceIndex) {
      const s = store.source(srcId);
      const gzip = store.sourceGzip(srcId);
      const head = JSON.stringify({ kind: 'file', path: s.path, ...(s.originalName ? { originalName: s.originalName } : {}), sha256: s.sha256 });
      const q = (t: string) => t.replace(QUOTES, '""');
      this.sourceParts.set(srcId, {
        index,
        name: s.name,
        vendorCell: csvCell(s.vendor),
        nameCell: csvCell(s.name),
        fileCell: [`"${q(head.slice(0, -1))},""line"":`, ',""offset"":', ',""length"":', `${gzip ? ',""gzip"":true' : ''}}"`],
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
    const { rows, at, entries } = batch;
    const n = rows.length;
    const headBounds = new Int32Array(2 * n);
    const rawBounds = new Int32Array(2 * n);
    const kinds = new Uint8Array(n);
    let heads = this.spareHeads.pop() ?? Buffer.allocUnsafeSlow(4 << 20);
    let pos = 0;
    let template = '';
    const normalized = this.mode === 'normalized';
    for (let i = 0; i < n; i++) {
      const r = rows[i];
      const start = at[i];
      const xLen = entries.readUInt32LE(start);
      const rawStart = start + 4 + xLen;
      const rawEnd = start + (r[normalized ? 14 : 3] as number);
      const extras = JSON.parse(entries.toString('utf8', start + 4, rawStart)) as EventExtras;
      const srcId = r[normalized ? 3 : 1] as number;
      const src = this.sourceParts.get(srcId)!;
      const id = r[0] as number;
      const rowNumber = this.state.rows + 1;
      this.neutralised.length = 0;

      // The row's text before the record's bytes, and how the record goes into the row.
      let head: string;
      let kind: number;
      if (normalized) {
        head = this.normalizedHead(r, extras, src, entries, rawStart, rawEnd);
        kind = this.recordCell(entries, rawStart, rawEnd);
      } else if (this.layout?.kind === 'source-rows') {
        const text = entries.toString('utf8', rawStart, rawEnd);
        const { row, columns } = neutraliseRow(text, this.layout.delimiter);
        for (const c of columns) this.neutralised.push(`column ${c + 1}`);
        head = row === text ? '' : row;
        kind = row === text ? RECORD.VERBATIM : RECORD.NONE;
      } else {
        head = `${rowNumber},`;
        kind = this.recordCell(entries, rawStart, rawEnd);
      }

      if (pos + head.length * 3 > heads.length) heads = grow(heads, pos, head.length * 3);
      headBounds[2 * i] = pos;
      if (head) pos += heads.write(head, pos, 'utf8');
      headBounds[2 * i + 1] = pos;
      rawBounds[2 * i] = rawStart;
      rawBounds[2 * i + 1] = rawEnd;
      kinds[i] = kind;

      this.state.rows = rowNumber;
      const manifestSource = this.sources[src.index];
      manifestSource.rows++;
      let where: string;
      if (extras.url != null) {
        manifestSource.kind = 'api';
        where = `,"url":${JSON.stringify(extras.url)},"page":${num(extras.pg ?? 0)},"index":${num(extras.ix ?? 0)}`;
      } else {
        manifestSource.kind = 'file';
        where = `,"line":${num(extras.ln ?? 0)},"offset":${num(extras.fo ?? 0)},"length":${num(extras.fb ?? 0)}`;
      }
      let entry = `${rowNumber === 1 ? '' : ',\n'}{"row":${rowNumber},"id":"${id}","sha256":"\u0001","source":${src.index}`;
      if (kind !== RECORD.VERBATIM) entry += ',"rawSha256":"\u0001"';
      entry += where;
      if (this.neutralised.length) {
        entry += `,"neutralised":${JSON.stringify(this.neutralised)}`;
        this.state.neutralisedCells += this.neutralised.length;
        this.state.neutralisedRows++;
      }
      template += `${entry}}`;
    }
    // The manifest entries ride in the same buffer, after the heads: a moved buffer, not a copied string.
    if (pos + template.length * 3 > heads.length) heads = grow(heads, pos, template.length * 3);
    const templateStart = pos;
    pos += heads.write(template, pos, 'utf8');
    return { heads: new Uint8Array(heads.buffer, heads.byteOffset, heads.length), headBounds, entries, rawBounds, kinds, templateStart, templateEnd: pos };
  }

  /** The record as the row's last cell: quoted by the hashing thread where needed, neutralised as noted here. */
  private recordCell(entries: Buffer, a: number, b: number): number {
    if (a < b && isFormulaStart(entries[a])) {
      this.neutralised.push('raw');
      return RECORD.CELL_NEUTRALISED;
    }
    return RECORD.CELL;
  }

  /** csvCell for a text column, noting the column when it is neutralised. */
  private cell(v: unknown, column: string): string {
    if (v === null || v === undefined) return '';
    let s = String(v);
    if (needsNeutralising(s)) {
      s = NEUTRALISE_PREFIX + s;
      this.neutralised.push(column);
    }
    return NEEDS_QUOTES.test(s) ? `"${s.replace(QUOTES, '""')}"` : s;
  }

  private json(v: unknown, column: string): string {
    return v === null || v === undefined ? '' : this.cell(JSON.stringify(v), column);
  }

  /** The normalized row's cells before `raw`, each exactly as csvCell writes it, ending with the comma before `raw`. */
  private normalizedHead(r: unknown[], x: EventExtras, src: SourceParts, entries: Buffer, rawStart: number, rawEnd: number): string {
    const t = r[1] as number;
    const flags = r[15] as string | null;
    const { before, after } = x.d ? this.store.diffOf(r[3] as number, x, entries.toString('utf8', rawStart, rawEnd)) : { before: x.b ?? null, after: x.a ?? null };
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
    }
    return `${h},`;
  }
}

function grow(buf: Buffer, used: number, need: number): Buffer {
  const next = Buffer.allocUnsafeSlow(Math.max(buf.length * 2, used + need));
  buf.copy(next, 0, 0, used);
  return next;
}
