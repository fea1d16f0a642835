// The column path answers exactly what the SQL path (the reference) answers: counts, pages in order,
// metrics, facets and histogram buckets, on the real corpus plus generated and edge-value events.
import test from 'node:test';
import assert from 'node:assert/strict';
import { freshEngine } from '../helpers/engine';
import { assertAgree, battery, corpusFiles, edgeRecords, generatedFile, storeOf } from './agreement';
import { columnAnswers, columnsOf } from '../../src/main/engine/columns/column-path';

test('column answers equal SQL answers over a battery of queries on the corpus and generated events', async (t) => {
  const { engine, dir } = await freshEngine();
  t.after(() => engine.close());
  await engine.importFiles({ paths: [...corpusFiles(), generatedFile(dir), edgeRecords(dir)] });
  const store = storeOf(engine);
  const rows = store.query({ limit: 10_000 }).events;
  assert.ok(rows.length > 2000, `${rows.length} events`);
  assert.ok(rows.some((r) => r.actor === 'Éric@example.com') && rows.some((r) => r.time === null) && rows.some((r) => r.time?.startsWith('1969')));
  // Annotations and the full-text index, which some queries filter by.
  for (const r of rows.filter((_, i) => i % 37 === 0)) await engine.annotate({ id: r.id, addTags: ['col-test'], bookmarked: true });
  for (const r of rows.filter((_, i) => i % 53 === 0)) await engine.annotate({ id: r.id, note: 'seen' });
  await engine.queryEvents({ search: 'admin', limit: 1 });

  const qs = battery(rows);
  const before = { ...columnAnswers };
  const compared = assertAgree(store, qs);
  assert.ok(compared > 400, `${compared} queries compared`);
  // The column path answered each of them (none fell back to SQL).
  assert.ok(columnAnswers.query - before.query >= compared);
  assert.ok(columnAnswers.histogram - before.histogram >= 2 * compared);
  assert.ok(columnsOf(store));
});

test('the engine answers filters from the columns, and from SQL with AD_COLUMNS=0', async (t) => {
  const { engine, dir } = await freshEngine();
  t.after(() => engine.close());
  await engine.importFiles({ paths: [generatedFile(dir, 300)] });
  const q = { where: [{ field: 'action' as const, op: 'contains' as const, value: 'date' }] };
  const before = { ...columnAnswers };
  const page = await engine.queryEvents(q);
  await engine.summarize(q);
  await engine.facets({ query: q });
  await engine.histogram({ query: q });
  assert.deepEqual(
    Object.entries(columnAnswers).map(([k, v]) => v - before[k as keyof typeof before]),
    [1, 1, 1, 1],
  );
  process.env.AD_COLUMNS = '0';
  try {
    const sql = await engine.queryEvents(q);
    await engine.facets({ query: q });
    assert.deepEqual(sql, page);
    assert.equal(columnAnswers.query - before.query, 1);
    assert.equal(columnAnswers.facets - before.facets, 1);
  } finally {
    delete process.env.AD_COLUMNS;
  }
});
