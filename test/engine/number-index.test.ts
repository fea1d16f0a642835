import test from 'node:test';
import assert from 'node:assert/strict';
import { NumberIndex, stringKey } from '../../src/main/engine/import/number-index';

test('NumberIndex keeps the first value per key across growth, and misses unknown keys', () => {
  const ix = new NumberIndex(4);
  const keys: number[] = [];
  for (let i = 0; i < 50_000; i++) keys.push(Math.floor(Math.random() * 2 ** 48));
  keys.forEach((k, i) => ix.setIfAbsent(k, i));
  keys.forEach((k, i) => assert.equal(ix.get(k), keys.indexOf(k) === i ? i : keys.indexOf(k)));
  assert.equal(ix.setIfAbsent(keys[0], 999), 0);
  assert.equal(ix.get(2 ** 50 + 12345), -1);
  assert.equal(ix.size, new Set(keys).size);
});

test('stringKey separates different strings and is stable', () => {
  assert.equal(stringKey('okta\u0000abc'), stringKey('okta\u0000abc'));
  const seen = new Set<number>();
  for (let i = 0; i < 100_000; i++) seen.add(stringKey(`vendor\u0000evt-${i}`));
  assert.equal(seen.size, 100_000);
});
