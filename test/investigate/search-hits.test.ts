// The kept hit set of a search (search-hits.ts) must give exactly what the uncached SQL gives: the same
// counts and the same pages in either time order, alone or with filters, and never hits from before a
// change to the case.
import test from 'node:test';
import assert from 'node:assert/strict';
import { freshEngine, writeFile } from '../helpers/engine';
import { opboxJsonl } from '../helpers/generate';
import { CaseStore } from '../../src/main/engine/store/case-store';
import type { EventQuery } from '../../src/shared/query';
import { uncachedQuery } from '../helpers/search';

/** Generated records in a scrambled order, so that id order is not time order. */
function scrambled(count: number, seed: number): string {
  const lines = opboxJsonl(count, seed).trim().split('\n');
  return `${lines.map((_, i) => lines[(i * 7919) % count]).join('\n')}\n`;
}

test('a kept hit set gives the same counts and pages as the uncached query', async () => {
  const { engine, dir, casePath } = await freshEngine();
  await engine.importFiles({ paths: [writeFile(dir, 'a.jsonl', scrambled(4001, 3))] });
  await engine.queryEvents({ search: 'acme' }); // builds the full-text index
  engine.close();

  const store = await CaseStore.open(casePath);
  const queries: EventQuery[] = [
    { search: 'acme' }, // every event: pages probe the kept set
    { search: 'acme', order: 'desc', offset: 3900 },
    { search: 'mozilla', offset: 2500, limit: 300 },
    { search: '"example com"', where: [{ field: 'action', op: 'eq', value: 'share' }] },
    { search: 'acme', where: [{ field: 'actor', op: 'contains', value: 'user1' }], order: 'desc', offset: 50 },
    { search: 'user1*' }, // under the probe threshold: the hits are looked up
    { search: 'cm_audit_*', from: '2026-02-02T00:00:00Z', to: '2026-02-03T00:00:00Z', limit: 40 },
    { search: 'nothing_matches_this' },
  ];
  const check = () => {
    for (const q of queries) {
      const want = uncachedQuery(store, q);
      const got = store.query(q);
      assert.equal(got.total, want.total, `count of ${JSON.stringify(q)}`);
      assert.deepEqual(
        got.events.map((e) => e.id),
        want.ids,
        `page of ${JSON.stringify(q)}`,
      );
      assert.ok(
        got.events.every((e) => e.match !== undefined),
        'every search hit has its snippet',
      );
    }
  };
  check();
  assert.ok(store.query({ search: 'acme' }).total > 4000, 'the threshold of the probe path is crossed');
  check(); // from the kept sets and counts
  store.close();
});

test('a search kept before an import answers with the events as they are after it', async () => {
  const { engine, dir } = await freshEngine();
  await engine.importFiles({ paths: [writeFile(dir, 'a.jsonl', scrambled(2500, 5))] });
  const before = await engine.queryEvents({ search: 'acme', offset: 2400 });
  assert.equal(before.total, 2500);
  await engine.importFiles({ paths: [writeFile(dir, 'b.jsonl', scrambled(2500, 6))] });
  const after = await engine.queryEvents({ search: 'acme', offset: 4900 });
  assert.equal(after.total, 5000);
  assert.equal(after.events.length, 100);
  engine.close();
});
