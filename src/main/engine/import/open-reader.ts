// Entry point of the import readers: sniff the content, pick the reader, stream batches.
import fs from 'node:fs';
import { DEFAULT_BATCH_SIZE } from './batch';
import { hasHeaderRow } from './csv-header';
import { readCsv } from './csv-reader';
import { decodeWhole, detectEncoding, encodingNote, type TextEncoding } from './encoding';
import { chooseEnvelope } from './envelope';
import { ByteSource, isGzipFile, readHead } from './input';
import { outlineDocument } from './json-outline';
import { readJsonObject } from './json-object-reader';
import { readJsonElements } from './json-reader';
import { readJsonLines } from './jsonl-reader';
import { SNIFF_BYTES, sniff } from './sniff';
import { DEFAULT_MAX_RECORD_BYTES } from './record-limit';
import { FileFormatError, type RecordBatch, type RecordReader } from './source-record';

export { FileFormatError } from './source-record';
export type { RecordBatch, RecordError, RecordReader, SourceRecord } from './source-record';

export interface OpenReaderOptions {
  /** Records per batch (default 2000). */
  batchSize?: number;
  /** Bound of one record's decompressed bytes (default DEFAULT_MAX_RECORD_BYTES, 64 MiB). */
  maxRecordBytes?: number;
  /** Bytes of the file to read (default: its size now); an import fixes it when it starts. */
  length?: number;
}

type Plan = { format: string; notes: string[]; run: (src: ByteSource) => AsyncGenerator<RecordBatch> };

async function planJsonDocument(path: string, gzip: boolean, encoding: TextEncoding, batchSize: number, max: number, length: number): Promise<Plan> {
  const outline = await outlineDocument(new ByteSource(path, gzip, encoding, length));
  if (outline.topValues > 1) {
    // Several top-level values: one per line is JSONL with a huge first line; otherwise a
    // concatenated (pretty-printed) JSON stream.
    if (outline.firstValueOneLine) return { format: 'jsonl', notes: [], run: (s) => readJsonLines(s, batchSize, max) };
    return { format: 'json-seq', notes: [], run: (s) => readJsonElements(s, null, batchSize, max) };
  }
  const envelope = chooseEnvelope(outline);
  if (envelope) {
    return {
      format: `json-envelope:${envelope.join('.')}`,
      notes: [],
      run: (s) => readJsonElements(s, envelope, batchSize, max),
    };
  }
  return { format: 'json-object', notes: [], run: (s) => readJsonObject(s, batchSize, max) };
}

/**
 * Open an audit export for streaming import. The format is detected from the content (gzip by
 * its magic bytes); throws FileFormatError when the file cannot be read as records at all.
 */
export async function openRecordReader(path: string, opts: OpenReaderOptions = {}): Promise<RecordReader> {
  const batchSize = Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE);
  // Also reachable from HTTP clients: anything but a whole number ≥ 1 (NaN would disable every check) is the default.
  const asked = opts.maxRecordBytes;
  const max = typeof asked === 'number' && Number.isSafeInteger(asked) && asked >= 1 ? asked : DEFAULT_MAX_RECORD_BYTES;
  const bytesTotal = opts.length ?? (await fs.promises.stat(path)).size;
  if (bytesTotal === 0) throw new FileFormatError(path, 'file is empty');
  const gzip = await isGzipFile(path);
  let head;
  try {
    head = await readHead(path, gzip, SNIFF_BYTES, bytesTotal);
  } catch (e) {
    throw new FileFormatError(path, (e as Error).message);
  }
  const detected = detectEncoding(head.bytes, head.whole);
  if (detected.kind === 'binary') throw new FileFormatError(path, `binary file, not a text audit export (${detected.why})`);
  const { encoding } = detected;
  // The head decoded whole: a character cut at its end is dropped by stream mode, not replaced.
  const text = encoding === 'utf-8' ? head.bytes : decodeText(head.bytes, head.whole, encoding);
  const sniffed = sniff(text, head.whole);

  let plan: Plan;
  switch (sniffed.kind) {
    case 'empty':
      throw new FileFormatError(path, gzip ? 'file is empty (after decompression)' : 'file is empty');
    case 'unknown':
      throw new FileFormatError(path, 'unrecognised format: expected JSON Lines, a JSON array or object, or delimited text (CSV/TSV) with consistent columns');
    case 'jsonl':
      plan = { format: 'jsonl', notes: [], run: (s) => readJsonLines(s, batchSize, max) };
      break;
    case 'json-array':
      plan = { format: 'json-array', notes: [], run: (s) => readJsonElements(s, [], batchSize, max) };
      break;
    case 'json-document':
      plan = await planJsonDocument(path, gzip, encoding, batchSize, max, bytesTotal);
      break;
    case 'csv': {
      const { dialect } = sniffed;
      const header = hasHeaderRow(dialect.sample);
      const csvPlan = { delimiter: dialect.delimiter, header, fieldCount: dialect.fieldCount };
      plan = {
        format: header ? 'csv' : 'csv-noheader',
        notes: header ? [] : [`no header row: columns numbered col1..col${dialect.fieldCount}`],
        run: (s) => readCsv(s, csvPlan, batchSize, max),
      };
      break;
    }
  }

  const notes = encoding === 'utf-8' ? plan.notes : [encodingNote(encoding, detected.how), ...plan.notes];
  return {
    format: gzip ? `${plan.format}+gzip` : plan.format,
    gzip,
    encoding,
    bytesTotal,
    notes,
    batches: () => plan.run(new ByteSource(path, gzip, encoding, bytesTotal)),
  };
}

function decodeText(bytes: Buffer, whole: boolean, encoding: TextEncoding): Buffer {
  if (whole) return decodeWhole(bytes, encoding);
  return Buffer.from(new TextDecoder(encoding).decode(bytes, { stream: true }), 'utf8');
}
