// The fast lane for CSV exports (without redaction): rows are written as bytes straight into large
// chunks from the store's columns and segment entries, without building an event per row, and each
// chunk goes to the hashing thread whole. Every byte must equal what formatRow writes for the same
// event (test/export/csv-fast.test.ts compares the two on real files).
import type { CaseStore, EntryBatch } from '../store/case-store';
import type { EventExtras } from '../store/extras';
import { NO_TIME, decodeActorType, decodeOutcome, decodeTimeFlag } from '../store/schema';
import { NEUTRALISE_PREFIX, neutraliseRow } from './csv-cell';
import type { ManifestSource } from './manifest';
import type { HashChunk } from './row-hasher';
import type { CsvLayout } from './row-format';

/** Columns the fast lane reads: everything for normalized rows, only what provenance needs for raw ones. */
export const NORMALIZED_SQL = ['id', 't', 'tflag', 'src', 'actor', 'atype', 'action', 'ttype', 'tid', 'outcome', 'req', 'eid', 'ip', 'off', 'len', 'flags'];
export const RAW_SQL = ['id', 'src', 'off', 'len'];

const CHUNK = 4 << 20;
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTES = /"/g;
const PREFIX = NEUTRALISE_PREFIX.charCodeAt(0);

/** A spreadsheet runs a cell starting with = + - @ tab or CR (see csv-cell.ts). */
const isFormulaStart = (c: number) => c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13;

/** A number as JSON.stringify writes it inside an object. */
const num = (v: unknown) => (typeof v === 'number' ? String(v) : JSON.stringify(v));

export interface CsvRowsState {
  rows: number;
  neutralisedCells: number;
  neutralisedRows: number;
}

interface SourceParts {
  index: number;
  vendor: string;
  name: string;
  /** Quoted provenance cell of a file source, cut where line, offset and length go. */
  fileCell: [string, string, string, string] | null;
  provenanceBase: { path: string; originalName: string | null; sha256: string; gzip: boolean };
}

export class CsvRowWriter {
  private data = Buffer.allocUnsafeSlow(CHUNK);
  private raw = Buffer.allocUnsafeSlow(CHUNK);
  private pos = 0;
  private rawPos = 0;
  private bounds: number[] = [];
  private rawBounds: number[] = [];
  private template = '';
  private sourceParts = new Map<number, SourceParts>();
  readonly state: CsvRowsState = { rows: 0, neutralisedCells: 0, neutralisedRows: 0 };
  /** Cells neutralised in the row being written. */
  private neutralised: string[] = [];

  constructor(
    private readonly store: CaseStore,
    private readonly mode: 'raw' | 'normalized',
    private readonly layout: CsvLayout | null,
    private readonly sources: ManifestSource[],
    sourceIndex: Map<number, number>,
    prefix: string,
    private readonly separator: string,
  ) {
    for (const [srcId, index] of sourceIndex) {
      const s = store.source(srcId);
      const gzip = store.sourceGzip(srcId);
      const head = JSON.stringify({ kind: 'file', path: s.path, ...(s.originalName ? { originalName: s.originalName } : {}), sha256: s.sha256 });
      const q = (t: string) => t.replace(QUOTES, '""');
      this.sourceParts.set(srcId, {
        index,
        vendor: s.vendor,
        name: s.name,
        fileCell: [`"${q(head.slice(0, -1))},""line"":`, ',""offset"":', ',""length"":', `${gzip ? ',""gzip"":true' : ''}}"`],
        provenanceBase: { path: s.path, originalName: s.originalName, sha256: s.sha256, gzip },
      });
    }
    this.pos = this.data.write(prefix, 0, 'utf8');
  }

  /** Formats a batch of rows into the current chunk; returns the chunks that filled up, ready to hash. */
  writeBatch(batch: EntryBatch): HashChunk[] {
    const full: HashChunk[] = [];
    const { rows, entries, at } = batch;
    const normalized = this.mode === 'normalized';
    for (let i = 0; i < rows.length; i++) {
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

      // The row's text before the raw record's bytes, and whether the row differs from the stored record.
      let head: string;
      let rawCell = true;
      let altered = true;
      let sourceRow: string | null = null;
      if (normalized) {
        head = this.normalizedHead(r, extras, src, entries, rawStart, rawEnd) + ',';
      } else if (this.layout?.kind === 'source-rows') {
        const text = entries.toString('utf8', rawStart, rawEnd);
        const { row, columns } = neutraliseRow(text, this.layout.delimiter);
        for (const c of columns) this.neutralised.push(`column ${c + 1}`);
        head = '';
        rawCell = false;
        altered = row !== text;
        if (altered) sourceRow = row;
      } else {
        head = `${rowNumber},`;
      }

      const rawLen = rawEnd - rawStart;
      const need = head.length * 3 + (sourceRow ? sourceRow.length * 3 : 0) + rawLen * 2 + 8;
      if (this.pos + need > this.data.length || this.rawPos + rawLen > this.raw.length) full.push(this.take(need, rawLen));

      const rowStart = (this.pos += rowNumber === 1 ? 0 : this.data.write(this.separator, this.pos, 'utf8'));
      if (head) this.pos += this.data.write(head, this.pos, 'utf8');
      if (sourceRow !== null) this.pos += this.data.write(sourceRow, this.pos, 'utf8');
      else if (rawCell) this.writeRawCell(entries, rawStart, rawEnd);
      else this.pos += entries.copy(this.data, this.pos, rawStart, rawEnd);
      this.bounds.push(rowStart, this.pos);
      if (altered) {
        this.rawBounds.push(this.rawPos, this.rawPos + rawLen);
        this.rawPos += entries.copy(this.raw, this.rawPos, rawStart, rawEnd);
      } else this.rawBounds.push(-1, -1);

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
      let entry = `${rowNumber === 1 ? '' : ',\n'}{"row":${rowNumber},"id":${JSON.stringify(String(id))},"sha256":"\u0001","source":${src.index}`;
      if (altered) entry += ',"rawSha256":"\u0001"';
      entry += where;
      if (this.neutralised.length) {
        entry += `,"neutralised":${JSON.stringify(this.neutralised)}`;
        this.state.neutralisedCells += this.neutralised.length;
        this.state.neutralisedRows++;
      }
      this.template += `${entry}}`;
    }
    return full;
  }

  /** The last chunks: whatever is left, then the framing's suffix. */
  end(suffix: string): HashChunk[] {
    const out: HashChunk[] = [];
    const need = Buffer.byteLength(suffix);
    if (this.pos + need > this.data.length) out.push(this.take(need, 0));
    this.pos += this.data.write(suffix, this.pos, 'utf8');
    out.push(this.take(0, 0));
    return out;
  }

  /** Hands over the current chunk and starts a new one with room for at least `need` bytes. */
  private take(need: number, rawNeed: number): HashChunk {
    const chunk: HashChunk = {
      data: new Uint8Array(this.data.buffer, this.data.byteOffset, this.pos),
      bounds: Int32Array.from(this.bounds),
      raw: new Uint8Array(this.raw.buffer, this.raw.byteOffset, this.rawPos),
      rawBounds: Int32Array.from(this.rawBounds),
      template: this.template,
    };
    this.data = Buffer.allocUnsafeSlow(Math.max(CHUNK, need));
    this.raw = Buffer.allocUnsafeSlow(Math.max(CHUNK, rawNeed));
    this.pos = 0;
    this.rawPos = 0;
    this.bounds = [];
    this.rawBounds = [];
    this.template = '';
    return chunk;
  }

  /** csvCell for a text column, noting the column when it is neutralised. */
  private cell(v: unknown, column: string): string {
    if (v === null || v === undefined) return '';
    let s = String(v);
    if (s !== '' && isFormulaStart(s.charCodeAt(0))) {
      s = NEUTRALISE_PREFIX + s;
      this.neutralised.push(column);
    }
    return NEEDS_QUOTES.test(s) ? `"${s.replace(QUOTES, '""')}"` : s;
  }

  private json(v: unknown, column: string): string {
    return v === null || v === undefined ? '' : this.cell(JSON.stringify(v), column);
  }

  private normalizedHead(r: unknown[], x: EventExtras, src: SourceParts, entries: Buffer, rawStart: number, rawEnd: number): string {
    const t = r[1] as number;
    const flags = r[15] as string | null;
    const parsedFlags = flags ? (JSON.parse(flags) as string[]) : [];
    const { before, after } = x.d ? this.store.diffOf(r[3] as number, x, entries.toString('utf8', rawStart, rawEnd)) : { before: x.b ?? null, after: x.a ?? null };
    let provenance: string;
    if (x.url != null) {
      provenance = this.cell(JSON.stringify({ kind: 'api', source: src.name, url: x.url, page: x.pg ?? 0, index: x.ix ?? 0 }), 'provenance');
    } else {
      const [a, b, c, d] = src.fileCell!;
      provenance = a + num(x.ln ?? 0) + b + num(x.fo ?? 0) + c + num(x.fb ?? 0) + d;
    }
    return [
      this.cell(r[0], 'id'),
      this.cell(r[11], 'eventId'),
      this.cell(t >= NO_TIME ? null : new Date(t).toISOString(), 'time'),
      this.cell(x.to, 'timeOriginal'),
      this.cell(decodeTimeFlag(r[2] as number | null), 'timeFlag'),
      this.cell(src.vendor, 'vendor'),
      this.cell(src.name, 'source'),
      this.cell(r[4], 'actor'),
      this.cell(decodeActorType(r[5] as number), 'actorType'),
      this.cell(r[6], 'action'),
      this.cell(r[7], 'targetType'),
      this.cell(r[8], 'targetId'),
      this.cell(decodeOutcome(r[9] as number), 'outcome'),
      this.cell(r[10], 'requestId'),
      this.cell(r[12], 'ip'),
      this.cell(x.ua, 'userAgent'),
      parsedFlags.length ? this.cell(JSON.stringify(parsedFlags), 'flags') : '',
      this.json(before, 'before'),
      this.json(after, 'after'),
      provenance,
    ].join(',');
  }

  /** csvCell of the stored record, byte for byte: quote-doubling on the bytes is the same as on the text (UTF-8 never hides a quote). */
  private writeRawCell(src: Buffer, a: number, b: number): void {
    const out = this.data;
    let p = this.pos;
    const neutralise = a < b && isFormulaStart(src[a]);
    let quote = false;
    for (let i = a; i < b; i++) {
      const c = src[i];
      if (c === 34 || c === 44 || c === 10 || c === 13) {
        quote = true;
        break;
      }
    }
    if (neutralise) this.neutralised.push('raw');
    if (!quote) {
      if (neutralise) out[p++] = PREFIX;
      this.pos = p + src.copy(out, p, a, b);
      return;
    }
    out[p++] = 34;
    if (neutralise) out[p++] = PREFIX;
    for (let i = a; i < b; i++) {
      const c = src[i];
      out[p++] = c;
      if (c === 34) out[p++] = 34;
    }
    out[p++] = 34;
    this.pos = p;
  }
}
