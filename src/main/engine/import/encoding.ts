// Which text encoding a file is in, judged from its bytes, and the one transcoding to UTF-8 that the
// import and `verify --sources` share (so a decoded record's offsets and hash mean the same in both).

import { encodingLabel, type TextEncoding } from '../../../shared/text-encoding';

export type { TextEncoding } from '../../../shared/text-encoding';

export type Detected = { kind: 'text'; encoding: TextEncoding; how: string } | { kind: 'binary'; why: string };

/** C0 control bytes that text never holds (tab, LF, CR, form feed and ESC are allowed). */
function isControl(c: number): boolean {
  return c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b;
}

function controlCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (isControl(text.charCodeAt(i))) n++;
  return n;
}

/**
 * UTF-16 without a BOM: ASCII-heavy text has a NUL in every other byte. Both halves are counted
 * so that a binary file with scattered NULs is not mistaken for it.
 */
function utf16ByNulls(head: Buffer): TextEncoding | null {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 2) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  if (oddNul >= pairs * 0.4 && evenNul <= pairs * 0.05) return 'utf-16le';
  if (evenNul >= pairs * 0.4 && oddNul <= pairs * 0.05) return 'utf-16be';
  return null;
}

function validUtf8(head: Buffer, whole: boolean): boolean {
  try {
    // stream mode: a multi-byte character cut at the end of the head is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !whole });
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding of a file from its first bytes. "Binary" is decided by content (NULs outside
 * UTF-16, control bytes), never because a byte is above 0x7F: text that is not valid UTF-8 is read
 * as Windows-1252, the superset of ISO-8859-1 that spreadsheet exports on Windows are written in.
 */
export function detectEncoding(head: Buffer, whole: boolean): Detected {
  if (head[0] === 0xff && head[1] === 0xfe) {
    if (head[2] === 0 && head[3] === 0) return { kind: 'binary', why: 'UTF-32 text is not supported' };
    return checked(head, whole, 'utf-16le', 'byte order mark');
  }
  if (head[0] === 0xfe && head[1] === 0xff) return checked(head, whole, 'utf-16be', 'byte order mark');
  const byNulls = utf16ByNulls(head);
  if (byNulls) return checked(head, whole, byNulls, 'no byte order mark; every other byte is NUL');
  if (head.includes(0)) return { kind: 'binary', why: 'NUL bytes outside UTF-16 text' };
  if (validUtf8(head, whole)) return checked(head, whole, 'utf-8', 'valid UTF-8');
  return checked(head, whole, 'windows-1252', 'not valid UTF-8; no NUL or control bytes');
}

function checked(head: Buffer, whole: boolean, encoding: TextEncoding, how: string): Detected {
  const text = new TextDecoder(encoding).decode(head, { stream: !whole });
  const controls = controlCount(text);
  // A stray control byte happens in real text; many of them mean the file is not text at all.
  if (controls > Math.max(2, text.length / 1000)) return { kind: 'binary', why: `${controls} control bytes in the first ${head.length} bytes` };
  return { kind: 'text', encoding, how };
}

/** What the import report says about a decoded file. */
export function encodingNote(encoding: TextEncoding, how: string): string {
  return `text encoding ${encodingLabel(encoding)} (${how}): records are stored decoded to UTF-8, and their offsets count bytes of that decoded text`;
}

/**
 * Streams a file's chunks through the decoder. A byte order mark is dropped (TextDecoder's default),
 * as `verify` does when it decodes the same file whole.
 */
export async function* decodeToUtf8(chunks: AsyncIterable<Buffer>, encoding: TextEncoding): AsyncGenerator<Buffer> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text.length) yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.decode();
  if (rest.length) yield Buffer.from(rest, 'utf8');
}

/** The whole decoded text of a file's bytes: the reference the streaming path must agree with. */
export function decodeWhole(bytes: Buffer, encoding: TextEncoding): Buffer {
  return Buffer.from(new TextDecoder(encoding).decode(bytes), 'utf8');
}
