// Content sniffing: which reader fits a file, judged from its first bytes, never its name.
import { sniffDelimiter, type CsvDialect } from './csv-sniff';
import { isPlainObject } from './json-errors';
import { JsonScanner } from './json-scanner';

export const SNIFF_BYTES = 64 * 1024;

export type Sniffed =
  | { kind: 'jsonl' }
  | { kind: 'json-array' }
  /** Starts with an object that spans lines or the whole head: a document, envelope or not. */
  | { kind: 'json-document' }
  | { kind: 'csv'; dialect: CsvDialect }
  | { kind: 'empty' }
  | { kind: 'unknown' };

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipSpace(buf: Buffer, i: number): number {
  while (i < buf.length && isSpace(buf[i])) i++;
  return i;
}

/** Where the first top-level JSON value ends (exclusive), or -1 if not within `buf`. */
function firstValueEnd(buf: Buffer, from: number): number {
  let end = -1;
  const scanner = new JsonScanner(
    {
      onValue() {},
      onClose(depth, offset) {
        if (depth === 1 && end < 0) end = offset + 1;
      },
    },
    0,
    -1,
  );
  scanner.feed(buf.subarray(from), from);
  return end;
}

/** A damaged first line should not turn a JSONL file into "one broken document". */
function laterLinesAreObjects(text: string, whole: boolean): boolean {
  const lines = text
    .split('\n')
    .slice(1, whole ? undefined : -1)
    .filter((l) => l.trim() !== '');
  let ok = 0;
  for (const l of lines.slice(0, 50)) {
    try {
      if (isPlainObject(JSON.parse(l))) ok++;
    } catch {
      // not a line of JSON
    }
  }
  return ok >= 2 && ok * 2 >= Math.min(lines.length, 50);
}

/** Which reader fits the file's head, given as UTF-8 (decoded first when the file is in another encoding). */
export function sniff(head: Buffer, whole: boolean): Sniffed {
  if (head.length === 0) return { kind: 'empty' };
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  const start = skipSpace(head, bom);
  if (start >= head.length) return whole ? { kind: 'empty' } : { kind: 'unknown' };
  const c = head[start];

  if (c === 0x7b) {
    const end = firstValueEnd(head, start);
    if (end >= 0) {
      // JSONL needs each value on one line, then a line break before the next one.
      const next = skipSpace(head, end);
      const oneLine = !head.subarray(start, end).includes(0x0a);
      if (oneLine && next < head.length && head.subarray(end, next).includes(0x0a)) return { kind: 'jsonl' };
      return { kind: 'json-document' };
    }
    const spansLines = head.subarray(start).includes(0x0a);
    if (spansLines && laterLinesAreObjects(head.toString('utf8', start), whole)) return { kind: 'jsonl' };
    return { kind: 'json-document' };
  }

  if (c === 0x5b) {
    const next = skipSpace(head, start + 1);
    if (next >= head.length || head[next] === 0x7b || head[next] === 0x5d || head[next] === 0x5b) {
      return { kind: 'json-array' };
    }
    if (whole) {
      try {
        JSON.parse(head.toString('utf8', bom));
        return { kind: 'json-array' };
      } catch {
        // a log line that merely starts with "[": try delimited text
      }
    }
  }

  const text = head.toString('utf8', bom);
  const dialect = sniffDelimiter(text, whole);
  return dialect ? { kind: 'csv', dialect } : { kind: 'unknown' };
}
