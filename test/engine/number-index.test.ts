import test from 'node:test';
import assert from 'node:assert/strict';
import { NumberIndex, stringKey } from '../../src/main/engine/import/number-index';

test('NumberIndex keeps the first value per key across growth, and misses unknown keys', () => {
  const ix = new NumberIndex(4);
  // Every third key repeats an earlier one, so "first value wins" is exercised, not assumed; a Map is the reference.
  const reference = new Map<number, number>();
  for (let i = 0; i < 50_000; i++) {
    const k = (i % 3 === 2 ? Math.floor(i / 2) : i) * 2 ** 20 + 17;
    const stored = ix.setIfAbsent(k, i);
    if (!reference.has(k)) reference.set(k, i);
    assert.equal(stored, reference.get(k), `setIfAbsent(${k}) returns the value kept`);
  }
  assert.ok(reference.size < 50_000 && reference.size > 30_000, 'the keys really repeat');
  for (const [k, v] of reference) assert.equal(ix.get(k), v);
  assert.equal(ix.get(2 ** 50 + 12345), -1);
  assert.equal(ix.size, reference.size);
});

test('stringKey separates different strings and is stable', () => {
  assert.equal(stringKey('okta\u0000abc'), stringKey('okta\u0000abc'));
  const seen = new Set<number>();
  for (let i = 0; i < 100_000; i++) seen.add(stringKey(`vendor\u0000evt-${i}`));
  assert.equal(seen.size, 100_000);
});
