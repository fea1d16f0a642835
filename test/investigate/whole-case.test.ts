// The unfiltered metrics and facets come from running counts kept with the case (whole-case-tally.ts).
// They must equal what the events say after every kind of change: import, a second import, sync, remap,
// a case without stored counts, and a change the counts did not see.
import test from 'node:test';
import assert from 'node:assert/strict';
import { freshEngine, writeFile } from '../helpers/engine';
import { opboxJsonl } from '../helpers/generate';
import { writeMultiVendorCase } from './multi-vendor';
import { allRows, TOKEN } from '../sync/sync-helpers';
import { startFakeVendor } from '../sync/servers/fake-vendor';
import { opbox } from '../sync/servers/vendors';
import { CaseStore } from '../../src/main/engine/store/case-store';
import { facets, histogram, summarize } from '../../src/main/engine/investigate/overview';
import { Engine } from '../../src/main/engine/engine';
import { FACET_FIELDS } from '../../src/shared/investigate';
import type { EventRow } from '../../src/shared/event';

const FIELD: Record<(typeof FACET_FIELDS)[number], keyof EventRow> = {
  vendor: 'vendor',
  source: 'source',
  actor: 'actor',
  actorType: 'actorType',
  action: 'action',
  targetType: 'targetType',
  outcome: 'outcome',
  ip: 'ip',
};

/** Metrics and facets (top 50, ties by value with null first) counted from the rows themselves. */
function truth(rows: EventRow[]) {
  const summary = {
    total: rows.length,
    failures: rows.filter((r) => r.outcome === 'failure').length,
    warnings: rows.filter((r) => r.outcome === 'denied' || r.outcome === 'warning').length,
    distinctActors: new Set(rows.map((r) => r.actor).filter((a) => a !== null)).size,
  };
  const facetList = FACET_FIELDS.map((field) => {
    const m = new Map<string | null, number>();
    for (const r of rows) {
      const v = r[FIELD[field]] as string | null;
      m.set(v, (m.get(v) ?? 0) + 1);
    }
    const values = [...m]
      .sort((a, b) => b[1] - a[1] || (a[0] === b[0] ? 0 : a[0] === null ? -1 : b[0] === null ? 1 : a[0] < b[0] ? -1 : 1))
      .slice(0, 50)
      .map(([value, count]) => ({ value, count }));
    return { field, values };
  });
  return { summary, facets: facetList };
}

async function assertOverview(engine: Engine, what: string) {
  const want = truth(await allRows(engine));
  assert.deepEqual(await engine.summarize({}), want.summary, `metrics after ${what}`);
  assert.deepEqual(await engine.facets({ query: {}, fields: [...FACET_FIELDS], limit: 50 }), want.facets, `facets after ${what}`);
}

/** Whether the case file holds counts for the case as it is (so a reopened case need not scan). */
async function storedCounts(casePath: string): Promise<boolean> {
  const store = await CaseStore.open(casePath);
  try {
    return store.wholeCaseHead() !== null;
  } finally {
    store.close();
  }
}

test('whole-case counts follow import, a second import, sync and remap, and are saved with the case', async (t) => {
  const fresh = await freshEngine();
  const { dir, casePath } = fresh;
  await fresh.engine.importFiles({ paths: writeMultiVendorCase(dir).files });
  await assertOverview(fresh.engine, 'the first import');
  fresh.engine.close();
  assert.ok(await storedCounts(casePath), 'the import saved its counts');

  // Reopened: the next import adds to the counts read back from the case file.
  const engine = new Engine(() => {});
  t.after(() => engine.close());
  await engine.openCase({ path: casePath });
  await engine.importFiles({ paths: [writeFile(dir, 'more.jsonl', opboxJsonl(300, 9))] });
  await assertOverview(engine, 'a second import');
  assert.ok(await storedCounts(casePath));

  const server = await startFakeVendor(opbox, { token: TOKEN });
  t.after(() => server.close());
  server.add(250);
  engine.syncOptions = { policy: { baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 3000, sleep: async () => {} } };
  const report = await engine.runSync({ settings: { vendor: opbox.vendor, baseUrl: server.url }, token: TOKEN });
  assert.equal(report.error, null);
  await assertOverview(engine, 'a sync');
  assert.ok(await storedCounts(casePath), 'the sync saved its counts');

  // Remap the generated source so that its actors become its resource ids: every count of actors moves.
  const info = (await engine.caseInfo())!;
  const src = info.sources.find((s) => s.name === 'more.jsonl')!;
  const review = await engine.getMapping({ sourceId: src.id });
  const before = await engine.summarize({});
  await engine.saveMapping({ sourceId: src.id, mapping: { ...review.mapping, fields: { ...review.mapping.fields, actor: ['resourceId'] } }, reapply: true });
  assert.notEqual((await engine.summarize({})).distinctActors, before.distinctActors, 'the remap changed the actors');
  await assertOverview(engine, 'a remap');
});

test('a case without stored counts, or changed behind them, is counted from its rows', async () => {
  const { engine, dir, casePath } = await freshEngine();
  await engine.importFiles({ paths: [writeFile(dir, 'a.jsonl', opboxJsonl(400, 2))] });
  engine.close();

  // As a case written before the counts existed.
  let store = await CaseStore.open(casePath);
  store.withDb((db) => db.run("DELETE FROM meta WHERE key LIKE 'overview%'"));
  assert.equal(store.wholeCaseHead(), null);
  const rows = store.query({ limit: 10_000 }).events;
  const want = truth(rows);
  assert.deepEqual(summarize(store, {}), want.summary);
  assert.deepEqual(facets(store, {}, FACET_FIELDS, 50), want.facets);
  // The whole case's histogram counts ranges of the time index; a filter that keeps every timed event
  // takes the GROUP BY path: the buckets must be the same, from months down to seconds.
  for (const max of [3, 120, 5000]) {
    const all = histogram(store, {}, max);
    assert.deepEqual(all.buckets, histogram(store, { from: '1970-01-01T00:00:00Z' }, max).buckets, `${max} buckets`);
    assert.equal(
      all.buckets.reduce((n, b) => n + b.count, 0),
      rows.length,
    );
  }
  store.save();
  store.close();
  assert.ok(await storedCounts(casePath), 'counts made from the rows are saved with the case');

  // A change the counts did not see (as by an older AuditDesk): rows rewritten and the segment appended to.
  store = await CaseStore.open(casePath);
  store.withDb((db) => db.run("UPDATE events SET actor = 'someone.else' WHERE id % 2 = 0"));
  store.appendEntries(Buffer.from('x'));
  store.save();
  store.close();
  store = await CaseStore.open(casePath);
  assert.equal(store.wholeCaseHead(), null, 'stored counts of another segment length are not used');
  assert.deepEqual(summarize(store, {}), truth(store.query({ limit: 10_000 }).events).summary);
  store.close();
});
