import fs from 'node:fs';
import { readExactly } from './read-whole';

/**
 * Append-only file holding each event's raw record and display extras, addressed by byte offset.
 * Only bytes up to the committed length (recorded in the case database) count. Bytes after it are an
 * import in progress in another process (or left by one that crashed): opening never touches them,
 * only the writer cuts them (cutTail), under the case's writer lock.
 */
export class Segment {
  /** Read-only: a reader must never be able to change the file. */
  private fd: number;
  /** Opened on the first write, so a case on a read-only drive can still be read. */
  private wfd: number | null = null;
  private size: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    readonly file: string,
    committedLength: number,
    opts: { create?: boolean } = {},
  ) {
    if (opts.create) fs.closeSync(fs.openSync(file, 'wx', 0o600));
    this.fd = fs.openSync(file, 'r');
    const actual = fs.fstatSync(this.fd).size;
    if (actual < committedLength) {
      fs.closeSync(this.fd);
      throw new Error(`${file} is shorter (${actual} bytes) than the case records (${committedLength}): the case is damaged`);
    }
    this.size = committedLength;
  }

  private get writer(): number {
    this.wfd ??= fs.openSync(this.file, 'r+');
    return this.wfd;
  }

  /** The writer (holding the lock) drops bytes after the committed length that nobody will commit. */
  cutTail(): void {
    if (fs.fstatSync(this.fd).size > this.size + this.pendingBytes) {
      this.flush();
      fs.ftruncateSync(this.writer, this.size);
    }
  }

  /** Bytes that will be there once everything appended is flushed. */
  get length(): number {
    return this.size + this.pendingBytes;
  }

  append(buf: Buffer): number {
    const off = this.length;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    if (this.pendingBytes > 8 << 20) this.flush();
    return off;
  }

  flush(): void {
    if (!this.pendingBytes) return;
    // writev straight from the pending buffers: concatenating them first would copy every byte again.
    const bufs = this.pending;
    let pos = this.size;
    let i = 0;
    let first = bufs[0];
    while (i < bufs.length) {
      const batch = [first, ...bufs.slice(i + 1, i + 512)];
      let n = fs.writevSync(this.writer, batch, pos);
      pos += n;
      let k = 0;
      while (k < batch.length && n >= batch[k].length) n -= batch[k++].length;
      i += k;
      if (i < bufs.length) first = k < batch.length ? batch[k].subarray(n) : bufs[i];
    }
    this.size += this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Flush and fsync: called before the database that points into these bytes is saved. */
  sync(): number {
    this.flush();
    if (this.wfd != null) fs.fsyncSync(this.wfd);
    return this.size;
  }

  /** Drops everything after length (an import that was cancelled or failed). */
  truncate(length: number): void {
    this.pending = [];
    this.pendingBytes = 0;
    fs.ftruncateSync(this.writer, length);
    this.size = length;
  }

  read(off: number, len: number): Buffer {
    return this.readInto(Buffer.allocUnsafe(len), off, len);
  }

  /** Reads len bytes at off into the start of buf. */
  readInto(buf: Buffer, off: number, len: number): Buffer {
    if (off + len > this.size) this.flush();
    let done = 0;
    while (done < len) {
      const n = fs.readSync(this.fd, buf, done, len - done, off + done);
      if (n === 0) throw new Error(`segment ${this.file} ends before ${off + len}`);
      done += n;
    }
    return buf;
  }

  /**
   * readInto on libuv's pool, so the calling thread goes on while the disk reads (a segment that is not
   * in the page cache is read from disk in pieces the kernel does not read ahead of).
   */
  async readIntoAsync(buf: Buffer, off: number, len: number): Promise<Buffer> {
    if (off + len > this.size) this.flush();
    await readExactly(this.fd, buf, 0, len, off, () => new Error(`segment ${this.file} ends before ${off + len}`));
    return buf;
  }

  /** Bytes appended since the last sync are dropped: no saved case points at them. */
  close(): void {
    this.pending = [];
    this.pendingBytes = 0;
    fs.closeSync(this.fd);
    if (this.wfd != null) fs.closeSync(this.wfd);
    this.wfd = null;
  }
}
