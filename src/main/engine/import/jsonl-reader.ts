// JSON Lines / NDJSON: every non-blank line is one record. Lines are found with Buffer.indexOf and
// decoded one at a time, so throughput stays close to a bare "split + JSON.parse" loop.
import { BatchBuilder } from './batch';
import type { ByteSource } from './input';
import { describeParseError, isPlainObject } from './json-errors';
import type { RecordBatch } from './source-record';
import { parseJsonExact } from './exact-json';

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

export async function* readJsonLines(src: ByteSource, batchSize: number): AsyncGenerator<RecordBatch> {
  const out = new BatchBuilder(batchSize);
  let lineNo = 1;
  let chunkStart = 0; // absolute offset of the current chunk
  let carry: Buffer[] = []; // start of a line continued from earlier chunks
  let carryStart = 0;

  // One line [s, e) of `buf`, starting at absolute offset `abs`.
  const handle = (buf: Buffer, s: number, e: number, abs: number): void => {
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
    if (carry.length > 0) {
      const nl = chunk.indexOf(LF);
      if (nl < 0) {
        carry.push(chunk);
        chunkStart += chunk.length;
        continue;
      }
      carry.push(chunk.subarray(0, nl));
      const joined = Buffer.concat(carry);
      carry = [];
      handle(joined, 0, joined.length, carryStart);
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
      carry = [chunk.subarray(pos)];
      carryStart = chunkStart + pos;
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
