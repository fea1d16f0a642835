// Byte-level JSON structure scanner. Streaming JSON parsers hand back values, not the byte ranges
// they came from; records must keep their exact source text and offsets, so we locate value
// boundaries ourselves and leave the parsing of each slice to JSON.parse.
//
// It tracks string/escape state and nesting depth only. Syntax inside a record is not checked here
// (JSON.parse of the slice does that), which keeps the loop over record bodies tight: strings are
// skipped with Buffer.indexOf, and hooks fire only at the shallow depths a reader asked about.

export const OBJ = 1;
export const ARR = 2;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
/** Object keys longer than this are not kept (a bomb can be one huge key): they read as LONG_KEY. */
const MAX_KEY_BYTES = 1 << 20;
export const LONG_KEY = '\u0000(key too long)';

export interface ScanHooks {
  /** A value begins; `depth` is its parent container's depth (0 = top level). */
  onValue(depth: number, firstByte: number, offset: number, line: number): void;
  /**
   * The container that sat at `depth` closed; `offset` is that of its closing bracket. A returned
   * number replaces the current depth (a reader that re-synchronised after damaged input).
   */
  onClose(depth: number, offset: number): number | void;
}

export interface ScanError {
  line: number;
  message: string;
}

export class JsonScanner {
  /** Number of currently open containers. */
  depth = 0;
  /** 1-based line of the next byte. */
  line = 1;
  inString = false;
  /** Container kind (OBJ/ARR) per depth, valid up to hookDepth. */
  readonly kinds: number[] = [0];
  /** Current key per object depth, valid up to keyDepth. */
  readonly keys: (string | null)[] = [null];
  error: ScanError | null = null;

  private readonly expectKey: boolean[] = [false];
  private scalarOpen = false;
  private backslashRun = 0;
  private keyParts: Buffer[] | null = null;
  private keyBytes = 0;

  constructor(
    private readonly hooks: ScanHooks,
    /** Hooks fire for values whose parent is at most this deep, and closes back to it. */
    readonly hookDepth: number,
    /** Object keys are decoded only this shallow; deeper keys are skipped like any string. */
    readonly keyDepth: number,
  ) {}

  /** Start as if already inside open containers (used to resume after damaged input). */
  presetPath(kinds: number[], keys: (string | null)[]): void {
    for (let d = 1; d <= kinds.length; d++) {
      this.kinds[d] = kinds[d - 1];
      this.keys[d] = keys[d - 1] ?? null;
      this.expectKey[d] = false;
    }
    this.depth = kinds.length;
  }

  feed(buf: Buffer, base: number): void {
    if (this.error) return;
    const n = buf.length;
    const hookDepth = this.hookDepth;
    let depth = this.depth;
    let line = this.line;
    let inString = this.inString;
    let keyStart = this.keyParts ? 0 : -1;
    let i = 0;

    while (i < n) {
      if (inString) {
        const q = buf.indexOf(QUOTE, i);
        if (q < 0) {
          // The string continues into the next chunk: remember a trailing backslash run so an
          // escaped quote right at the chunk boundary is still seen as escaped.
          let j = n - 1;
          while (j >= i && buf[j] === BACKSLASH) j--;
          this.backslashRun = j < i ? this.backslashRun + (n - i) : n - 1 - j;
          if (keyStart >= 0) {
            this.keyParts!.push(buf.subarray(keyStart));
            this.keyBytes += n - keyStart;
            if (this.keyBytes > MAX_KEY_BYTES) {
              this.keyParts = null;
              keyStart = -1;
              this.keys[depth] = LONG_KEY;
            }
          }
          i = n;
          break;
        }
        let j = q - 1;
        while (j >= i && buf[j] === BACKSLASH) j--;
        let run = q - 1 - j;
        if (j < i) run += this.backslashRun;
        this.backslashRun = 0;
        i = q + 1;
        if ((run & 1) === 1) continue;
        inString = false;
        if (keyStart >= 0) {
          this.keyParts!.push(buf.subarray(keyStart, q));
          this.keys[depth] = decodeKey(Buffer.concat(this.keyParts!));
          this.keyParts = null;
          keyStart = -1;
        }
        continue;
      }

      const c = buf[i];
      if (depth > hookDepth) {
        // Inside a record body: only nesting, strings and lines matter.
        if (c === QUOTE) {
          inString = true;
        } else if (c === LBRACE || c === LBRACKET) {
          depth++;
        } else if (c === RBRACE || c === RBRACKET) {
          depth--;
          if (depth === hookDepth) {
            this.depth = depth;
            this.line = line;
            const fixed = this.hooks.onClose(depth + 1, base + i);
            if (typeof fixed === 'number') depth = fixed;
          }
        } else if (c === LF) {
          line++;
        }
        i++;
        continue;
      }

      // Shallow: track keys and value starts.
      if (c === LF) {
        line++;
        this.scalarOpen = false;
      } else if (c === SPACE || c === TAB || c === CR) {
        this.scalarOpen = false;
      } else if (c === COMMA) {
        this.scalarOpen = false;
        if (depth > 0 && this.kinds[depth] === OBJ) this.expectKey[depth] = true;
      } else if (c === COLON) {
        this.scalarOpen = false;
      } else if (c === RBRACE || c === RBRACKET) {
        this.scalarOpen = false;
        if (depth === 0) {
          this.error = { line, message: `unexpected '${String.fromCharCode(c)}'` };
          break;
        }
        if (this.kinds[depth] !== (c === RBRACE ? OBJ : ARR)) {
          this.error = { line, message: `'${String.fromCharCode(c)}' closes a ${this.kinds[depth] === OBJ ? 'object' : 'array'}` };
          break;
        }
        depth--;
        this.depth = depth;
        this.line = line;
        const fixed = this.hooks.onClose(depth + 1, base + i);
        if (typeof fixed === 'number') depth = fixed;
      } else if (c === QUOTE && depth > 0 && this.kinds[depth] === OBJ && this.expectKey[depth]) {
        this.expectKey[depth] = false;
        inString = true;
        this.backslashRun = 0;
        if (depth <= this.keyDepth) {
          this.keyParts = [];
          this.keyBytes = 0;
          keyStart = i + 1;
        }
      } else if (!this.scalarOpen) {
        this.depth = depth;
        this.line = line;
        this.hooks.onValue(depth, c, base + i, line);
        if (c === LBRACE || c === LBRACKET) {
          depth++;
          this.kinds[depth] = c === LBRACE ? OBJ : ARR;
          this.expectKey[depth] = c === LBRACE;
          this.keys[depth] = null;
        } else if (c === QUOTE) {
          inString = true;
          this.backslashRun = 0;
        } else {
          this.scalarOpen = true;
        }
      }
      i++;
    }

    this.depth = depth;
    this.line = line;
    this.inString = inString;
  }
}

function decodeKey(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (!text.includes('\\')) return text;
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}
