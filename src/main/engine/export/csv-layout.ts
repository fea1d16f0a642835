// Raw CSV exports keep the sources' own rows when every exported row comes from delimited files with
// one and the same header line; otherwise each record goes into a `raw` column beside its row number.
import fs from 'node:fs';
import { headerDelimiter } from './csv-cell';
import type { ManifestSource } from './manifest';
import type { CsvLayout } from './row-format';

export function csvLayoutFor(sources: ManifestSource[]): CsvLayout {
  let header: string | null = null;
  for (const s of sources) {
    if (s.format !== 'csv' || s.gzip || s.encoding) return { kind: 'raw-column' };
    const line = headerLine(s.path);
    if (line === null || (header !== null && line !== header)) return { kind: 'raw-column' };
    header = line;
  }
  return header === null ? { kind: 'raw-column' } : { kind: 'source-rows', header, delimiter: headerDelimiter(header) };
}

/** The first line of a file as written (without its line end), or null when it cannot be read. */
function headerLine(file: string): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const buf = Buffer.alloc(1 << 16);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const end = buf.subarray(0, n).indexOf(0x0a);
    if (end < 0) return null;
    return buf.toString('utf8', 0, buf[end - 1] === 0x0d ? end - 1 : end);
  } finally {
    fs.closeSync(fd);
  }
}
