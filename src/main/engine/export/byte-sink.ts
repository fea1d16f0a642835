// A growing byte buffer the export's fast lane writes rows into (with put-bytes.ts once room for a
// row is reserved), so cells go from stored bytes to output bytes without a JS string in between.
import { putBytes } from './put-bytes';

export class ByteSink {
  buf!: Buffer;
  u8!: Uint8Array;
  pos = 0;

  constructor(buf: Buffer) {
    this.reset(buf);
  }

  /** Writes from the start of `buf` (which must own its ArrayBuffer from offset 0). */
  reset(buf: Buffer): void {
    this.buf = buf;
    this.u8 = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
    this.pos = 0;
  }

  ensure(extra: number): void {
    if (this.pos + extra <= this.u8.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(2 * this.u8.length, this.pos + extra));
    next.set(this.u8.subarray(0, this.pos));
    const pos = this.pos;
    this.reset(next);
    this.pos = pos;
  }

  bytes(src: Uint8Array, a: number, b: number): void {
    this.ensure(b - a);
    this.pos = putBytes(this.u8, this.pos, src, a, b);
  }

  byte(c: number): void {
    this.ensure(1);
    this.u8[this.pos++] = c;
  }

  text(s: string): void {
    this.ensure(3 * s.length);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }
}

/** Text as UTF-8 bytes, for constants written per row. */
export const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
