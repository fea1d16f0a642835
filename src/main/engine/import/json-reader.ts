// Streams the elements of one JSON array (top-level, or under an envelope key path) as records,
// or every top-level value of a concatenated-JSON file. Each element's bytes are located by the
// scanner and parsed on their own, so one damaged element does not lose the others.
import { BatchBuilder } from './batch';
import { ByteWindow } from './byte-window';
import type { ByteSource } from './input';
import { describeParseError, isPlainObject } from './json-errors';
import { ARR, JsonScanner, OBJ, type ScanHooks } from './json-scanner';
import type { RecordBatch } from './source-record';
import { parseJsonExact } from './exact-json';
import { DEFAULT_MAX_RECORD_BYTES, tooLarge } from './record-limit';

const LBRACE = 0x7b;
const LBRACKET = 0x5b;

/** `path`: key path of the records array ([] = the top-level array); null = top-level values. */
export async function* readJsonElements(
  src: ByteSource,
  path: string[] | null,
  batchSize: number,
  maxRecordBytes = DEFAULT_MAX_RECORD_BYTES,
): AsyncGenerator<RecordBatch> {
  const out = new BatchBuilder(batchSize);
  const win = new ByteWindow();
  // Depth of the container whose children are records (0: the top level itself).
  const recordParent = path === null ? 0 : path.length + 1;
  let targetOpen = path === null;
  let targetSeen = false;
  let trailingReported = false;
  let elemStart = -1;
  let elemLine = 0;
  let scanner: JsonScanner;

  const isTargetArray = (): boolean => {
    for (let d = 1; d < recordParent; d++) {
      if (scanner.kinds[d] !== OBJ || scanner.keys[d] !== path![d - 1]) return false;
    }
    return true;
  };

  const hooks: ScanHooks = {
    onValue(depth, c, offset, line) {
      if (path !== null && depth === 0 && targetSeen && !trailingReported) {
        trailingReported = true;
        out.errors.push({ line, message: 'unexpected data after the end of the JSON document' });
      } else if (depth === recordParent - 1 && c === LBRACKET && !targetSeen && isTargetArray()) {
        targetOpen = true;
        targetSeen = true;
      } else if (depth === recordParent && targetOpen) {
        if (c === LBRACE || c === LBRACKET) {
          elemStart = offset;
          elemLine = line;
        } else {
          out.errors.push({ line, message: 'element is not a JSON object' });
        }
      }
    },
    onClose(depth, offset) {
      if (depth === recordParent + 1 && elemStart >= 0) {
        const start = elemStart;
        elemStart = -1;
        return emit(start, offset + 1, elemLine);
      }
      if (depth === recordParent && path !== null) targetOpen = false;
    },
  };

  /** A scanner positioned between elements of the records array. */
  const scannerAt = (line: number): JsonScanner => {
    const s = new JsonScanner(hooks, recordParent, recordParent - 1);
    if (path !== null) s.presetPath([...path.map(() => OBJ), ARR], [...path, null]);
    s.line = line;
    return s;
  };

  /**
   * JSON.parse rejected [start, end) at a '{' or '[': most likely a missing closing bracket made
   * the scanner run into the next element. Rescan from there so later elements survive. Returns
   * the depth the rescan ended at, when it ended cleanly between elements.
   */
  const resync = (raw: string, start: number, end: number, position: number, line: number): number | undefined => {
    const at = start + Buffer.byteLength(raw.slice(0, position));
    const outer = scanner;
    targetOpen = true;
    scanner = scannerAt(line);
    scanner.feed(win.slice(at, end), at);
    const inner = scanner;
    scanner = outer;
    if (inner.error) out.errors.push(inner.error);
    if (elemStart >= 0 || inner.inString || inner.error) {
      elemStart = -1;
      return undefined;
    }
    return inner.depth;
  };

  // An element past the bound is dropped as soon as it passes it; the scanner still tracks its
  // brackets (without keeping bytes), so the elements after it import.
  const tooLong = (start: number, line: number): void => {
    out.errors.push({ line, message: tooLarge(`element starting at line ${line}`, start, maxRecordBytes, 'skipped; reading resumes after it') });
  };

  const emit = (start: number, end: number, line: number): number | undefined => {
    if (end - start > maxRecordBytes) {
      tooLong(start, line);
      return undefined;
    }
    const raw = win.slice(start, end).toString('utf8');
    let value: unknown;
    try {
      value = parseJsonExact(raw);
    } catch (err) {
      const f = describeParseError(err, raw, line);
      const p = f.position;
      if (p !== null && p > 0 && (raw[p] === '{' || raw[p] === '[')) {
        out.errors.push({
          line: f.line,
          message: `${f.message} (element starting at line ${line} is damaged; reading resumes at line ${f.line})`,
        });
        return resync(raw, start, end, p, f.line);
      }
      out.errors.push({ line: f.line, message: `${f.message} (element starting at line ${line})` });
      return undefined;
    }
    if (!isPlainObject(value)) {
      out.errors.push({ line, message: 'element is not a JSON object' });
      return undefined;
    }
    out.records.push({ raw, value, line, offset: start, length: end - start });
    return undefined;
  };

  scanner = new JsonScanner(hooks, recordParent, recordParent - 1);

  for await (const chunk of src.chunks()) {
    const base = win.size;
    win.append(chunk);
    scanner.feed(chunk, base);
    if (elemStart >= 0 && win.size - elemStart > maxRecordBytes) {
      tooLong(elemStart, elemLine);
      elemStart = -1;
    }
    win.release(elemStart >= 0 ? elemStart : win.size);
    if (out.full) yield out.take(src.bytesRead);
  }

  // End of input with an element still open: truncated, or damaged so that brackets never balance.
  let truncationReported = false;
  while (!scanner.error && elemStart >= 0) {
    const start = elemStart;
    elemStart = -1;
    const raw = win.slice(start, win.size).toString('utf8');
    let failure: ReturnType<typeof describeParseError> | null = null;
    try {
      JSON.parse(raw);
    } catch (err) {
      failure = describeParseError(err, raw, elemLine);
    }
    const p = failure?.position ?? null;
    if (failure && p !== null && p > 0 && (raw[p] === '{' || raw[p] === '[')) {
      out.errors.push({
        line: failure.line,
        message: `${failure.message} (element starting at line ${elemLine} is damaged; reading resumes at line ${failure.line})`,
      });
      const at = start + Buffer.byteLength(raw.slice(0, p));
      targetOpen = true;
      scanner = scannerAt(failure.line);
      scanner.feed(win.slice(at, win.size), at);
      continue;
    }
    out.errors.push({
      line: elemLine,
      message: `truncated JSON: the element starting at line ${elemLine} is not closed before the end of the file`,
    });
    truncationReported = true;
    break;
  }
  if (scanner.error) {
    out.errors.push(scanner.error);
  } else if (elemStart < 0 && (scanner.depth > 0 || scanner.inString) && !truncationReported) {
    out.errors.push({
      line: scanner.line,
      message: 'truncated JSON: unexpected end of file (an array or object is not closed)',
    });
  }
  if (src.error) out.errors.push({ line: scanner.line, message: src.error });
  yield out.take(src.bytesRead);
}
