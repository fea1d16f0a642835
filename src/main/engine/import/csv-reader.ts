// Delimited text (CSV, TSV, ";", "|", " | ") via csv-parse. Its own `raw` output is unreliable
// (it drops multi-character delimiters and carries stray CRs), so each row's exact text is cut
// from the input bytes using the parser's running byte count instead.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, type CsvError, type Info } from 'csv-parse';
import { BatchBuilder } from './batch';
import { ByteWindow } from './byte-window';
import { columnNames, numberedColumns } from './csv-header';
import type { ByteSource } from './input';
import type { RecordBatch } from './source-record';
import { DEFAULT_MAX_RECORD_BYTES, tooLarge } from './record-limit';

export interface CsvPlan {
  delimiter: string;
  header: boolean;
  /** Expected field count when there is no header. */
  fieldCount: number;
}

const LF = 0x0a;
const CR = 0x0d;

/** Cells holding JSON objects/arrays (common in SIEM exports) become structured values. */
function cellValue(cell: string): unknown {
  const t = cell.trim();
  const first = t.charCodeAt(0);
  const last = t.charCodeAt(t.length - 1);
  if ((first === 0x7b && last === 0x7d) || (first === 0x5b && last === 0x5d)) {
    try {
      return JSON.parse(t);
    } catch {
      return cell; // e.g. Python dict literals: keep the text
    }
  }
  return cell;
}

export async function* readCsv(src: ByteSource, plan: CsvPlan, batchSize: number, maxRecordBytes = DEFAULT_MAX_RECORD_BYTES): AsyncGenerator<RecordBatch> {
  const out = new BatchBuilder(batchSize);
  const win = new ByteWindow();
  const skipped: CsvError[] = [];
  // A row past the bound ends the reading: where a CSV row ends depends on the quoting state, so
  // guessing the next row start (as JSONL does at the next line break) could misread quoted cells.
  let tooBig = false;
  const parser = parse({
    max_record_size: maxRecordBytes,
    delimiter: plan.delimiter,
    bom: true,
    info: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err?.code === 'CSV_MAX_RECORD_SIZE') tooBig = true;
      else if (err) skipped.push(err);
    },
  });
  async function* tap(): AsyncGenerator<Buffer> {
    for await (const chunk of src.chunks()) {
      if (tooBig) return;
      win.append(chunk);
      yield chunk;
    }
  }
  let pipeError: unknown = null;
  const piping = pipeline(Readable.from(tap()), parser).catch((e: unknown) => {
    pipeError = e;
  });

  let columns: string[] | null = plan.header ? null : numberedColumns(plan.fieldCount);
  let width = plan.fieldCount;
  let prevEnd = 0;
  let lineNo = 1; // line where the next slice of input begins

  const flushSkipped = (): void => {
    for (const err of skipped) out.errors.push({ line: lineNo, message: `CSV: ${err.message}` });
    skipped.length = 0;
  };

  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      flushSkipped();
      const end = item.info.bytes;
      let start = prevEnd;
      prevEnd = end;
      const bytes = win.slice(start, end);
      win.release(end);
      let k = 0;
      if (start === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) k = 3;
      // Empty lines the parser skipped sit in front of the row.
      while (k < bytes.length && (bytes[k] === LF || bytes[k] === CR)) {
        if (bytes[k] === LF || bytes[k + 1] !== LF) lineNo++;
        k++;
      }
      let e = bytes.length;
      if (e > k && bytes[e - 1] === LF) e--;
      if (e > k && bytes[e - 1] === CR) e--;
      const line = lineNo;
      for (let p = bytes.indexOf(LF, k); p >= 0; p = bytes.indexOf(LF, p + 1)) lineNo++;
      if (bytes[bytes.length - 1] === CR) lineNo++; // old Mac line ends
      start += k;

      const fields = item.record;
      if (fields.length === 1 && fields[0].trim() === '') continue;
      if (columns === null) {
        // A trailing delimiter on the header row names no column.
        const blankLastHeader = fields.length > 1 && fields[fields.length - 1].trim() === '';
        columns = columnNames(blankLastHeader ? fields.slice(0, -1) : fields);
        width = columns.length;
        continue;
      }
      // A trailing delimiter on every row (some exporters add one) is not a column.
      if (fields.length === width + 1 && fields[width] === '') fields.pop();
      if (fields.length !== width) {
        out.errors.push({
          line,
          message: plan.header ? `row has ${fields.length} fields, header has ${width}` : `row has ${fields.length} fields, other rows have ${width}`,
        });
        continue;
      }
      const value: Record<string, unknown> = {};
      for (let c = 0; c < width; c++) value[columns[c]] = cellValue(fields[c]);
      out.records.push({ raw: bytes.toString('utf8', k, e), value, line, offset: start, length: e - k });
      if (out.full) yield out.take(src.bytesRead);
    }
  } catch (e) {
    pipeError = e;
  }
  await piping;
  flushSkipped();
  if (tooBig) {
    out.errors.push({
      line: lineNo,
      message: tooLarge(`the row starting at line ${lineNo}`, prevEnd, maxRecordBytes, 'neither it nor the rest of the file is read'),
    });
  }
  if (pipeError) out.errors.push({ line: lineNo, message: `CSV: ${(pipeError as Error).message}` });
  if (src.error) out.errors.push({ line: lineNo, message: src.error });
  yield out.take(src.bytesRead);
}
