// A file holding one JSON object that is itself the record: it has to be read whole anyway,
// since the record's raw text is the entire document.
import { BatchBuilder } from './batch';
import type { ByteSource } from './input';
import { countNewlines, describeParseError, isPlainObject } from './json-errors';
import type { RecordBatch } from './source-record';
import { parseJsonExact } from './exact-json';
import { DEFAULT_MAX_RECORD_BYTES, tooLarge } from './record-limit';

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

export async function* readJsonObject(src: ByteSource, batchSize: number, maxRecordBytes = DEFAULT_MAX_RECORD_BYTES): AsyncGenerator<RecordBatch> {
  const out = new BatchBuilder(batchSize);
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of src.chunks()) {
    parts.push(chunk);
    size += chunk.length;
    if (size > maxRecordBytes + 64 * 1024) {
      // Leading/trailing white space aside, the whole document is the record: stop reading now.
      out.errors.push({ line: 1, message: tooLarge('the JSON document (one record) starting', 0, maxRecordBytes, 'not imported') });
      yield out.take(src.bytesRead);
      return;
    }
  }
  const all = Buffer.concat(parts);
  let s = all.length >= 3 && all[0] === 0xef && all[1] === 0xbb && all[2] === 0xbf ? 3 : 0;
  let e = all.length;
  while (s < e && isSpace(all[s])) s++;
  while (e > s && isSpace(all[e - 1])) e--;
  if (e - s > maxRecordBytes) {
    out.errors.push({ line: 1, message: tooLarge('the JSON document (one record) starting', s, maxRecordBytes, 'not imported') });
    yield out.take(src.bytesRead);
    return;
  }
  const raw = all.toString('utf8', s, e);
  const line = 1 + countNewlines(all.toString('utf8', 0, s), s);
  try {
    const value: unknown = parseJsonExact(raw);
    if (isPlainObject(value)) out.records.push({ raw, value, line, offset: s, length: e - s });
    else out.errors.push({ line, message: 'the JSON document is not an object' });
  } catch (err) {
    const { line: errLine, message } = describeParseError(err, raw, line);
    out.errors.push({ line: errLine, message });
  }
  if (src.error) out.errors.push({ line, message: src.error });
  yield out.take(src.bytesRead);
}
