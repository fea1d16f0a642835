// A first, parse-free pass over a whole-file JSON document: which keys the root object has and
// what sits under them. The envelope decision depends on keys that may come after a huge records
// array (totals, cursors), so it cannot be made while streaming the records themselves.
import type { ObjectOutline, OutlineEntry } from './envelope';
import type { ByteSource } from './input';
import { ARR, JsonScanner, OBJ } from './json-scanner';

export interface DocumentOutline extends ObjectOutline {
  /** First byte of the first top-level value ('{' for objects). */
  rootByte: number;
  /** Top-level values seen: more than one means concatenated JSON documents. */
  topValues: number;
  /** Whether the first top-level value sat on a single line (then several of them are JSONL). */
  firstValueOneLine: boolean;
  error: string | null;
}

function kindOf(c: number): OutlineEntry['kind'] {
  return c === 0x7b ? 'object' : c === 0x5b ? 'array' : 'scalar';
}

function entry(map: Map<string, OutlineEntry>, key: string | null): OutlineEntry {
  const k = key ?? '';
  let e = map.get(k);
  if (!e) {
    e = { kind: 'scalar', count: 0, objects: 0 };
    map.set(k, e);
  }
  return e;
}

export async function outlineDocument(src: ByteSource): Promise<DocumentOutline> {
  const out: DocumentOutline = {
    root: new Map(),
    nested: new Map(),
    rootByte: 0,
    topValues: 0,
    firstValueOneLine: false,
    error: null,
  };
  let firstLine = 0;
  const scanner: JsonScanner = new JsonScanner(
    {
      onValue(depth, c, _offset, line) {
        const { kinds, keys } = scanner;
        if (depth === 0) {
          out.topValues++;
          if (out.topValues === 1) {
            out.rootByte = c;
            firstLine = line;
          }
          return;
        }
        if (out.topValues !== 1 || kinds[1] !== OBJ) return;
        if (depth === 1) {
          entry(out.root, keys[1]).kind = kindOf(c);
        } else if (depth === 2 && kinds[2] === ARR) {
          const e = entry(out.root, keys[1]);
          e.count++;
          if (c === 0x7b) e.objects++;
        } else if (depth === 2 && kinds[2] === OBJ) {
          const k = keys[1] ?? '';
          let inner = out.nested.get(k);
          if (!inner) out.nested.set(k, (inner = new Map()));
          entry(inner, keys[2]).kind = kindOf(c);
        } else if (depth === 3 && kinds[3] === ARR && kinds[2] === OBJ) {
          const e = entry(out.nested.get(keys[1] ?? '') ?? new Map(), keys[2]);
          e.count++;
          if (c === 0x7b) e.objects++;
        }
      },
      onClose(depth, _offset) {
        if (depth === 1 && out.topValues === 1) out.firstValueOneLine = scanner.line === firstLine;
      },
    },
    3,
    2,
  );
  let offset = 0;
  for await (const chunk of src.chunks()) {
    scanner.feed(chunk, offset);
    offset += chunk.length;
  }
  if (scanner.error) out.error = scanner.error.message;
  return out;
}
