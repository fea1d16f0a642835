// Byte access to an export file, transparently gunzipping: every reader sees decompressed bytes
// while progress is reported in bytes of the file on disk.
import fs from 'node:fs';
import { createGunzip } from 'node:zlib';
import { decodeToUtf8, type TextEncoding } from './encoding';

/** Large reads keep per-chunk overhead (async iteration, boundary handling) negligible. */
const FILE_CHUNK = 1 << 20;
const GUNZIP_CHUNK = 1 << 18;

export async function isGzipFile(path: string): Promise<boolean> {
  const fh = await fs.promises.open(path, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await fh.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/**
 * One pass over the file's (decompressed) bytes, decoded to UTF-8 when the file is in another text
 * encoding. A damaged gzip stream ends the pass early instead of throwing, so readers can keep the
 * records read so far and report `error`.
 */
export class ByteSource {
  private fileBytes = 0;
  error: string | null = null;

  constructor(
    readonly path: string,
    readonly gzip: boolean,
    readonly encoding: TextEncoding = 'utf-8',
    /** Bytes of the file on disk to read: fixed when the import starts, so a growing file is read as it was. */
    readonly length = Infinity,
  ) {}

  /** Bytes of the file on disk consumed so far. */
  get bytesRead(): number {
    return this.fileBytes;
  }

  chunks(): AsyncGenerator<Buffer> {
    return this.encoding === 'utf-8' ? this.fileChunks() : decodeToUtf8(this.fileChunks(), this.encoding);
  }

  private async *fileChunks(): AsyncGenerator<Buffer> {
    if (this.length <= 0) return;
    const end = Number.isFinite(this.length) ? this.length - 1 : undefined;
    const file = fs.createReadStream(this.path, { highWaterMark: FILE_CHUNK, end });
    if (!this.gzip) {
      try {
        for await (const chunk of file) {
          this.fileBytes += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
      } finally {
        file.destroy();
      }
      return;
    }
    const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK });
    file.on('data', (c) => (this.fileBytes += c.length));
    file.on('error', (e) => gunzip.destroy(e));
    file.pipe(gunzip);
    try {
      for await (const chunk of gunzip) yield chunk as Buffer;
    } catch (e) {
      this.error = `gzip: ${(e as Error).message} (the compressed file looks damaged or truncated)`;
    } finally {
      file.destroy();
      gunzip.destroy();
    }
  }
}

export interface Head {
  bytes: Buffer;
  /** True when `bytes` is the whole (decompressed) content. */
  whole: boolean;
}

/** The first `max` decompressed bytes, for sniffing. */
export async function readHead(path: string, gzip: boolean, max: number, length = Infinity): Promise<Head> {
  const src = new ByteSource(path, gzip, 'utf-8', length);
  const parts: Buffer[] = [];
  let len = 0;
  let whole = true;
  for await (const chunk of src.chunks()) {
    parts.push(chunk);
    len += chunk.length;
    if (len > max) {
      whole = false;
      break;
    }
  }
  if (src.error && len === 0) throw new Error(src.error);
  const all = Buffer.concat(parts, len);
  return { bytes: whole ? all : all.subarray(0, max), whole };
}
