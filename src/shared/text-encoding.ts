// The text encodings a source file can arrive in. UTF-8 files are kept as they are; the others are
// decoded to UTF-8 on import, and their provenance names the encoding so `verify` can decode again.

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function isTextEncoding(s: unknown): s is TextEncoding {
  return s === 'utf-8' || s === 'utf-16le' || s === 'utf-16be' || s === 'windows-1252';
}

export function encodingLabel(encoding: TextEncoding): string {
  return encoding === 'windows-1252' ? 'Windows-1252 (ISO-8859-1)' : encoding.toUpperCase();
}
