// The export's cached ISO formatter must write exactly what Date#toISOString writes, for every time:
// across day, month, year and leap-day boundaries, in any order, and outside the range it formats itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IsoTime } from '../../src/main/engine/export/iso-time';

test('IsoTime.format and IsoTime.write equal toISOString, in order, out of order and at the edges', () => {
  const iso = new IsoTime();
  const out = new Uint8Array(32);
  const check = (t: number) => {
    const want = new Date(t).toISOString();
    // write() (bytes) and format() share the cached day: calls of both, interleaved, must agree.
    const end = iso.write(t, out, 3);
    if (end >= 0) assert.equal(Buffer.from(out.subarray(3, end)).toString('latin1'), want, `write, t = ${t}`);
    else assert.ok(!(t >= 0 && t < Date.UTC(10000, 0, 1)) || !Number.isInteger(t), `write declines only outside its range, t = ${t}`);
    assert.equal(iso.format(t), want, `t = ${t}`);
  };
  const edges = [
    0,
    1,
    999,
    1000,
    59_999,
    60_000,
    3_599_999,
    3_600_000,
    86_399_999,
    86_400_000,
    Date.UTC(2024, 1, 28, 23, 59, 59, 999),
    Date.UTC(2024, 1, 29),
    Date.UTC(2024, 2, 1) - 1,
    Date.UTC(2024, 2, 1),
    Date.UTC(1999, 11, 31, 23, 59, 59, 999),
    Date.UTC(2000, 0, 1),
    Date.UTC(9999, 11, 31, 23, 59, 59, 999),
    // Handed to toISOString: past year 9999, before 1970, fractions of a millisecond.
    Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 1,
    Date.UTC(12345, 0, 1),
    -1,
    -86_400_001,
    Date.UTC(-5, 0, 1),
    1_700_000_000_000.5,
  ];
  for (const t of edges) check(t);
  // Rows come in time order (the cached day is reused), and in any order (it is replaced).
  let seed = 42;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  let t = Date.UTC(2025, 8, 1);
  for (let i = 0; i < 20_000; i++) check((t += Math.floor(rand() * 40_000)));
  for (let i = 0; i < 20_000; i++) check(Math.floor(rand() * Date.UTC(9999, 11, 31)));
});
