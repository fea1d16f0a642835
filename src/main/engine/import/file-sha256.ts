import fs from 'node:fs';
import crypto from 'node:crypto';

/** SHA-256 of a file's bytes as stored on disk (compressed bytes for gzip), streamed. */
export async function fileSha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
