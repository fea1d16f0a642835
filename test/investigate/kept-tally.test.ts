// KeptTally at the edges a small case never reaches: a rewrite in a column at its most distinct values,
// one that takes it past them, and old values the counts never held. Each either keeps counts equal to
// the rows' or keeps none (the overview then counts the rows); never wrong ones.
import test from 'node:test';
import assert from 'node:assert/strict';
import { KeptTally, MAX_DISTINCT } from '../../src/main/engine/store/whole-case-tally';

/** A row of source 1 whose actor is `actor` (human, success, one action, no target type or ip). */
const row = (actor: string) => [1, 0, 0, actor, 'login', null, null] as const;

/** Counts of MAX_DISTINCT rows, one per actor a0, a1, …, kept at segment length 1 (none stored). */
function full(): KeptTally {
  const kept = new KeptTally(() => null);
  kept.begin(0, true);
  for (let i = 0; i < MAX_DISTINCT; i++) kept.add(...row(`a${i}`));
  kept.commit(1);
  assert.equal(kept.head(1)?.distinctActors, MAX_DISTINCT);
  return kept;
}

test('a rewrite that ends within MAX_DISTINCT values keeps the counts; one that ends past it drops them', () => {
  const kept = full();
  // a0 becomes b0: a0 must leave (its count reaches 0), or the column would hold one value too many.
  kept.begin(1, false);
  kept.remove(...row('a0'));
  kept.add(...row('b0'));
  kept.commit(2);
  const head = kept.head(2);
  assert.ok(head, 'kept');
  assert.equal(head.events, MAX_DISTINCT);
  assert.equal(head.distinctActors, MAX_DISTINCT);
  assert.deepEqual(head.bySource, [[1, MAX_DISTINCT]]);

  // a1 becomes c1 and an inserted row brings c2: one value past the limit, dropped as an import
  // adding it would be.
  kept.begin(2, false);
  kept.remove(...row('a1'));
  kept.add(...row('c1'));
  kept.add(...row('c2'));
  kept.commit(3);
  assert.equal(kept.head(3), null);
});

test('old values the counts do not hold drop them; a rollback leaves them as they were', () => {
  const kept = full();
  const before = kept.head(1);
  kept.begin(1, false);
  kept.remove(...row('a5'));
  kept.add(...row('z5'));
  kept.rollback();
  assert.equal(kept.head(1), before, 'the same counts, untouched');

  kept.begin(1, false);
  kept.remove(...row('nobody'));
  kept.add(...row('z5'));
  kept.commit(2);
  assert.equal(kept.head(2), null, 'not the rows’ counts: none kept');
});
