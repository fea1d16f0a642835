// A facet's top values picked from per-code counts (top-codes.ts) equal the plain ranking of every value
// (a map of value to count, sorted), in JavaScript's string order and in code point order, with ties,
// NULL, and values whose orders differ (a character above U+E000 against one outside the BMP).
import test from 'node:test';
import assert from 'node:assert/strict';
import { DictColumn } from '../../src/main/engine/columns/dictionary';
import { topCodes } from '../../src/main/engine/columns/top-codes';
import { rng } from '../helpers/generate';

const utf16Less = (a: string, b: string) => a < b;
const codePointLess = (a: string, b: string) => {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i];
  return x.length < y.length;
};

/** The reference: every value with its count, sorted by count, then NULL, then value. */
function plainTop(values: (string | null)[], per: Uint32Array, limit: number, less: (a: string, b: string) => boolean) {
  const all = values.map((v, c) => [v, per[c]] as [string | null, number]).filter(([, n]) => n > 0);
  all.sort((a, b) => {
    if (a[1] !== b[1]) return b[1] - a[1];
    if (a[0] === null || b[0] === null) return a[0] === null ? -1 : 1;
    return less(a[0], b[0]) ? -1 : less(b[0], a[0]) ? 1 : 0;
  });
  return all.slice(0, limit);
}

test('top codes by count then value equal the plain ranking of every value, in both string orders', () => {
  const r = rng(5);
  const pieces = ['a', 'B', 'z', '0', '_', ' ', 'é', 'É', 'ß', '\uE000', '\uFFFD', '😀', '𝄞', 'ab', 'a\uE000', 'a😀'];
  const dict = new DictColumn();
  const seen = new Set<string>();
  for (let i = 0; i < 3000; i++) {
    let v = '';
    for (let k = 1 + Math.floor(r() * 4); k > 0; k--) v += pieces[Math.floor(r() * pieces.length)];
    if (!seen.has(v)) {
      seen.add(v);
      dict.intern(v);
    }
  }
  const values = Array.from({ length: dict.size }, (_, c) => dict.value(c));
  let compared = 0;
  for (let round = 0; round < 60; round++) {
    // Few distinct counts: most of the top is decided by value.
    const per = new Uint32Array(dict.size);
    for (let c = 0; c < per.length; c++) per[c] = r() < 0.3 ? 0 : 1 + Math.floor(r() * (round % 3 === 0 ? 2 : 6));
    for (const limit of [1, 3, 6, 8, 50])
      for (const less of [utf16Less, codePointLess]) {
        assert.deepEqual(topCodes(dict, per, limit, less), plainTop(values, per, limit, less), `round ${round} limit ${limit} ${less.name}`);
        compared++;
      }
  }
  // The two orders do disagree on these values, so both were tried.
  assert.ok(utf16Less('😀', '\uE000') !== codePointLess('😀', '\uE000'));
  assert.equal(compared, 600);
  assert.deepEqual(topCodes(dict, new Uint32Array(dict.size), 5, utf16Less), []);
});
