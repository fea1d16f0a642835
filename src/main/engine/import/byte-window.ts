// Keeps the recent decompressed chunks so a record spanning chunk boundaries can be cut out
// byte-exact, without re-concatenating the growing tail on every chunk (quadratic on huge rows).
export class ByteWindow {
  private bufs: Buffer[] = [];
  private starts: number[] = [];
  private end = 0;

  append(buf: Buffer): void {
    this.bufs.push(buf);
    this.starts.push(this.end);
    this.end += buf.length;
  }

  /** Absolute offset just past the last appended byte. */
  get size(): number {
    return this.end;
  }

  /** Bytes [start, end) by absolute offset; zero-copy when they sit in one chunk. */
  slice(start: number, end: number): Buffer {
    let i = this.bufs.length - 1;
    while (i > 0 && this.starts[i] > start) i--;
    const first = this.bufs[i];
    const firstStart = this.starts[i];
    if (end <= firstStart + first.length) return first.subarray(start - firstStart, end - firstStart);
    const parts: Buffer[] = [first.subarray(start - firstStart)];
    for (let j = i + 1; j < this.bufs.length && this.starts[j] < end; j++) {
      parts.push(this.bufs[j].subarray(0, Math.min(this.bufs[j].length, end - this.starts[j])));
    }
    return Buffer.concat(parts, end - start);
  }

  /** Forget chunks lying wholly before `offset`. */
  release(offset: number): void {
    let n = 0;
    while (n < this.bufs.length && this.starts[n] + this.bufs[n].length <= offset) n++;
    if (n > 0) {
      this.bufs.splice(0, n);
      this.starts.splice(0, n);
    }
  }
}
