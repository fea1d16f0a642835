// manifest.json written in place: its head (what was exported, counts, the data file's hash) is only
// known at the end, but its rows stream out during the export. The head is first written with every
// number at its largest possible width, the rows follow it, and at the end the real head is written
// over the first one, padded with spaces (JSON whitespace) to the same length. A million rows are
// then written once, instead of to a side file that is copied behind the head at the end.
import fs from 'node:fs';
import { fileSha256 } from '../import/file-sha256';
import type { ManifestHead } from './manifest';

/** fsync then close on libuv's pool, so the thread goes on while the disk catches up. */
export async function syncAndClose(fd: number): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => fs.fsync(fd, (e) => (e ? reject(e) : resolve())));
  } finally {
    fs.closeSync(fd);
  }
}

const ROWS_OPEN = '  "rows": [\n';
const ROWS_CLOSE = '\n  ]\n}\n';

/** The head as it appears in the file: the object without its closing brace, ready for "rows". */
function headText(head: ManifestHead): string {
  return `${JSON.stringify(head, null, 2).slice(0, -2)},\n`;
}

/**
 * The widest head the export can end with: counts at the row total (or more), sizes at the largest
 * safe integer, hashes at full length, every source of the file kind (the longer name) and a time of
 * toISOString's fixed length.
 */
export function widestHead(head: ManifestHead, total: number): ManifestHead {
  const wide = Number.MAX_SAFE_INTEGER;
  return {
    ...head,
    exportedAt: new Date(0).toISOString(),
    data: { ...head.data, rows: total, bytes: wide, sha256: 'f'.repeat(64) },
    sources: head.sources.map((s) => ({ ...s, kind: 'file', rows: total })),
    neutralisation: { ...head.neutralisation, cells: wide, rows: total },
    redactions: { ...head.redactions, rows: Object.fromEntries(head.redactions.fields.map((f) => [f, total])) },
  };
}

export class ManifestFile {
  readonly fd: number;
  private readonly reserved: number;

  /** Opens the file and writes the placeholder head; rows are then appended to `fd`, each as JSON. */
  constructor(
    private readonly file: string,
    placeholder: ManifestHead,
  ) {
    this.fd = fs.openSync(file, 'w', 0o600);
    const text = headText(placeholder);
    this.reserved = Buffer.byteLength(text);
    fs.writeSync(this.fd, text + ROWS_OPEN);
  }

  /** Closes the rows, writes the real head over the placeholder, syncs, and returns the file's SHA-256. */
  async finish(head: ManifestHead): Promise<string> {
    fs.writeSync(this.fd, ROWS_CLOSE);
    const text = headText(head);
    const pad = this.reserved - Buffer.byteLength(text);
    // widestHead bounds every field that changes, so this cannot happen unless that promise is broken.
    if (pad < 0) throw new Error(`manifest head grew past its reserved ${this.reserved} bytes`);
    // The padding ends the head's last line (after its comma), so "rows" stays where a reader expects it.
    fs.writeSync(this.fd, `${text.slice(0, -1)}${' '.repeat(pad)}\n`, 0);
    // The sync waits on the disk while the hash reads the (cached) file: side by side, not one after the other.
    const [, sha256] = await Promise.all([syncAndClose(this.fd), fileSha256(this.file)]);
    return sha256;
  }

  /** A failed export: the caller removes the folder. */
  abandon(): void {
    fs.closeSync(this.fd);
  }
}
