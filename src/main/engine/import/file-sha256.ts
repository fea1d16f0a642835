import fs from 'node:fs';
import crypto from 'node:crypto';

const CHUNK = 4 << 20;

/**
 * SHA-256 of a file's bytes as stored on disk (compressed bytes for gzip), streamed. Two buffers take
 * turns: the next chunk is read (on libuv's pool) while this one is hashed, so a page-cached file
 * costs about its hashing time alone.
 */
export async function fileSha256(file: string, length = Infinity): Promise<string> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const hash = crypto.createHash('sha256');
    const bufs = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
    let turn = 0;
    let pos = 0;
    // Only the first `length` bytes: an import hashes exactly the bytes it reads, even if the
    // file grows meanwhile.
    const next = () => fh.read(bufs[turn], 0, Math.min(CHUNK, length - pos), pos);
    let pending = next();
    for (;;) {
      const { bytesRead, buffer } = await pending;
      if (!bytesRead) break;
      pos += bytesRead;
      turn ^= 1;
      pending = pos < length ? next() : Promise.resolve({ bytesRead: 0, buffer });
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } finally {
    await fh.close();
  }
}
