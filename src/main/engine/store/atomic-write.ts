import fs from 'node:fs';
import path from 'node:path';

/**
 * Replaces file with data (or its pieces, one after the other, so a big file needs no joined copy) so
 * that a crash leaves either the old or the new content, never a mix: write a temp file beside it,
 * fsync it, rename over the target, fsync the folder.
 */
export function writeFileAtomic(file: string, data: Uint8Array | readonly Uint8Array[]): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    try {
      for (const piece of data instanceof Uint8Array ? [data] : data) {
        let done = 0;
        while (done < piece.length) done += fs.writeSync(fd, piece, done, piece.length - done);
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    // A full disk must not also be left holding a half-written copy.
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(path.dirname(file));
}

export function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on a directory; the rename itself is still atomic there.
  } finally {
    if (fd != null) fs.closeSync(fd);
  }
}
