// Date#toISOString for the export's fast lane. At a million rows, building a Date per row was the
// largest single cost of formatting; rows come in time order, so the date part changes rarely and
// is cached, and only the clock is formatted by hand, straight into the row's bytes (write; format
// is the same as a string). Anything outside years 1970-9999 or not a whole millisecond goes to
// toISOString itself, so the text is always exactly what it would write.

const DAY = 86_400_000;
const LAST = 253_402_300_800_000; // 10000-01-01T00:00:00.000Z

export class IsoTime {
  private day = -1;
  private prefixBytes = new Uint8Array(11);

  private scratch = Buffer.alloc(24);

  format(t: number): string {
    const end = this.write(t, this.scratch, 0);
    return end < 0 ? new Date(t).toISOString() : this.scratch.toString('latin1', 0, end);
  }

  private setDay(day: number): void {
    this.day = day;
    const prefix = new Date(day * DAY).toISOString();
    for (let i = 0; i < 11; i++) this.prefixBytes[i] = prefix.charCodeAt(i);
  }

  /**
   * format(t) as ASCII bytes into out at p (24 bytes must fit); returns the end, or -1 when t is one
   * for toISOString itself (call format).
   */
  write(t: number, out: Uint8Array, p: number): number {
    if (!(t >= 0 && t < LAST) || !Number.isInteger(t)) return -1;
    const day = Math.floor(t / DAY);
    if (day !== this.day) this.setDay(day);
    out.set(this.prefixBytes, p);
    p += 11;
    let ms = t - day * DAY;
    const h = Math.floor(ms / 3_600_000);
    ms -= h * 3_600_000;
    const m = Math.floor(ms / 60_000);
    ms -= m * 60_000;
    const s = Math.floor(ms / 1000);
    ms -= s * 1000;
    p = two(out, p, h);
    out[p++] = 58;
    p = two(out, p, m);
    out[p++] = 58;
    p = two(out, p, s);
    out[p++] = 46;
    const c = Math.floor(ms / 10);
    out[p++] = 48 + Math.floor(ms / 100);
    out[p++] = 48 + c - Math.floor(c / 10) * 10;
    out[p++] = 48 + ms - c * 10;
    out[p++] = 90;
    return p;
  }
}

function two(out: Uint8Array, p: number, v: number): number {
  const tens = Math.floor(v / 10);
  out[p] = 48 + tens;
  out[p + 1] = 48 + v - tens * 10;
  return p + 2;
}
