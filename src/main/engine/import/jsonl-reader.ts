// JSON Lines / NDJSON: every non-blank line is one record. Lines are found with Buffer.indexOf and
// decoded one at a time, so throughput stays close to a bare "split + JSON.parse" loop.
import { BatchBuilder } from './batch';
import type { ByteSource } from './input';
import { describeParseError, isPlainObject } from './json-errors';
import type { RecordBatch } from './source-record';
import { parseJsonExact } from './exact-json';
import { DEFAULT_MAX_RECORD_BYTES, tooLarge } from './record-limit';

const LF = 0x0a;
const CR = 0x0d;

function isBlank(buf: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== CR) return false;
  }
  return true;
}

function hasBom(buf: Buffer, s: number, e: number): boolean {
  return e - s >= 3 && buf[s] === 0xef && buf[s + 1] === 0xbb && buf[s + 2] === 0xbf;
}

export async function* readJsonLines(src: ByteSource, batchSize: number, maxRecordBytes = DEFAULT_MAX_RECORD_BYTES): AsyncGenerator<RecordBatch> {
  const out = new BatchBuilder(batchSize);
  let lineNo = 1;
  let chunkStart = 0; // absolute offset of the current chunk
  let carry: Buffer[] = []; // start of a line continued from earlier chunks
  let carryLen = 0;
  let carryStart = 0;
  // Inside a line longer than the bound: its bytes are dropped up to the next line break.
  let skipping = false;

  const tooLong = (abs: number): void => {
    out.errors.push({ line: lineNo, message: tooLarge(`line ${lineNo}`, abs, maxRecordBytes, 'skipped; reading resumes at the next line') });
  };
  const startCarry = (part: Buffer, abs: number): void => {
    carry = [part];
    carryLen = part.length;
    carryStart = abs;
  };
  /** Grows the carried line; past the bound it is reported and dropped, and skipping begins. */
  const checkCarry = (): void => {
    if (carryLen <= maxRecordBytes) return;
    tooLong(carryStart);
    carry = [];
    carryLen = 0;
    skipping = true;
  };

  // One line [s, e) of `buf`, starting at absolute offset `abs`.
  const handle = (buf: Buffer, s: number, e: number, abs: number): void => {
    if (e - s > maxRecordBytes) return tooLong(abs);
    if (abs === 0 && hasBom(buf, s, e)) {
      s += 3;
      abs += 3;
    }
    if (e > s && buf[e - 1] === CR) e--;
    if (e === s || (buf[s] !== 0x7b && isBlank(buf, s, e))) return;
    const raw = buf.toString('utf8', s, e);
    let value: unknown;
    try {
      value = parseJsonExact(raw);
    } catch (err) {
      const { message } = describeParseError(err, raw, lineNo);
      out.errors.push({ line: lineNo, message });
      return;
    }
    if (!isPlainObject(value)) {
      out.errors.push({ line: lineNo, message: 'line is not a JSON object' });
      return;
    }
    out.records.push({ raw, value, line: lineNo, offset: abs, length: e - s });
  };

  for await (const chunk of src.chunks()) {
    let pos = 0;
    if (carry.length > 0 || skipping) {
      const nl = chunk.indexOf(LF);
      if (nl < 0) {
        if (!skipping) {
          carry.push(chunk);
          carryLen += chunk.length;
          checkCarry();
        }
        chunkStart += chunk.length;
        continue;
      }
      if (skipping) {
        skipping = false;
      } else {
        carry.push(chunk.subarray(0, nl));
        const joined = Buffer.concat(carry);
        carry = [];
        carryLen = 0;
        handle(joined, 0, joined.length, carryStart);
      }
      lineNo++;
      pos = nl + 1;
      if (out.full) yield out.take(src.bytesRead);
    }
    let nl: number;
    while ((nl = chunk.indexOf(LF, pos)) >= 0) {
      handle(chunk, pos, nl, chunkStart + pos);
      lineNo++;
      pos = nl + 1;
      if (out.full) yield out.take(src.bytesRead);
    }
    if (pos < chunk.length) {
      startCarry(chunk.subarray(pos), chunkStart + pos);
      checkCarry();
    }
    chunkStart += chunk.length;
  }
  if (carry.length > 0) {
    const joined = Buffer.concat(carry);
    handle(joined, 0, joined.length, carryStart);
  }
  if (src.error) out.errors.push({ line: lineNo, message: src.error });
  // Always a last batch, possibly empty: it carries the final bytesDone.
  yield out.take(src.bytesRead);
}
