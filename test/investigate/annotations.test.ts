// Bookmarks, tags and notes: stored in the case, listed, filtering queries (engine and CLI), kept
// across reopening, created on cases written before they existed; raw records untouched.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { freshEngine } from '../helpers/engine';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { Engine } from '../../src/main/engine/engine';
import { rewriteAsOldCase } from '../helpers/old-case';
import { writeMultiVendorCase } from './multi-vendor';

test('annotate, list and filter by tag, bookmark and note; saved with the case', async () => {
  const { engine, dir, casePath } = await freshEngine();
  const { files } = writeMultiVendorCase(dir, 50);
  await engine.importFiles({ paths: files });
  const rows = (await engine.queryEvents({ limit: 20 })).events;
  const [a, b, c] = rows;
  const rawBefore = (await engine.getEvent({ id: a.id })).raw;

  assert.deepEqual(await engine.annotations({ id: a.id }), { id: a.id, bookmarked: false, tags: [], note: null });
  await engine.annotate({ id: a.id, bookmarked: true, addTags: ['exfil', ' lateral '] });
  await engine.annotate({ id: b.id, addTags: ['exfil'], note: 'first seen here' });
  const cState = await engine.annotate({ id: c.id, bookmarked: true, note: 'check with IT' });
  assert.deepEqual(cState, { id: c.id, bookmarked: true, tags: [], note: 'check with IT' });
  assert.deepEqual((await engine.annotations({ id: a.id })).tags, ['exfil', 'lateral'], 'tags are trimmed and sorted');

  const ids = async (q: object) => (await engine.queryEvents({ ...q, limit: 100 })).events.map((e) => e.id).sort();
  assert.deepEqual(await ids({ tag: 'exfil' }), [a.id, b.id].sort());
  assert.deepEqual(await ids({ bookmarked: true }), [a.id, c.id].sort());
  assert.deepEqual(await ids({ noted: true }), [b.id, c.id].sort());
  assert.deepEqual(await ids({ tag: 'exfil', bookmarked: true }), [a.id]);
  assert.equal((await engine.summarize({ tag: 'exfil' })).total, 2);

  // Counts are cached per filter: a change must show in the next count.
  await engine.annotate({ id: a.id, removeTags: ['exfil'], bookmarked: false });
  assert.deepEqual(await ids({ tag: 'exfil' }), [b.id]);
  assert.deepEqual(await ids({ bookmarked: true }), [c.id]);
  assert.equal((await engine.summarize({ tag: 'exfil' })).total, 1, 'cached aggregates are dropped too');
  const [vendorFacet] = await engine.facets({ query: { tag: 'exfil' }, fields: ['vendor'] });
  assert.equal(
    vendorFacet.values.reduce((n, v) => n + v.count, 0),
    1,
  );

  const list = await engine.listAnnotations({});
  assert.equal(list.total, 3);
  assert.deepEqual(list.tags, [
    { tag: 'exfil', count: 1 },
    { tag: 'lateral', count: 1 },
  ]);
  assert.deepEqual(
    list.events.map((e) => e.event.id),
    [c.id, b.id, a.id],
    'most recently annotated first',
  );
  assert.deepEqual(
    (await engine.listAnnotations({ text: 'WITH IT' })).events.map((e) => e.id),
    [c.id],
  );
  assert.deepEqual((await engine.listAnnotations({ kind: 'note' })).events.map((e) => e.id).sort(), [b.id, c.id].sort());
  assert.deepEqual(
    (await engine.listAnnotations({ tag: 'lateral' })).events.map((e) => e.id),
    [a.id],
  );

  await assert.rejects(engine.annotate({ id: a.id, addTags: ['  '] }), /tag cannot be empty/);
  await assert.rejects(engine.annotate({ id: '999999', bookmarked: true }), /no event 999999/);
  await engine.annotate({ id: b.id, note: '' });
  assert.equal((await engine.annotations({ id: b.id })).note, null, 'an empty note removes it');
  assert.equal((await engine.getEvent({ id: a.id })).raw, rawBefore, 'the raw record is untouched');

  engine.close();
  const again = new Engine();
  await again.openCase({ path: casePath });
  assert.deepEqual(await again.annotations({ id: c.id }), cState, 'saved on close');
  again.close();
});

test('a case written before annotations existed gets the tables on open', async () => {
  const { engine, dir, casePath } = await freshEngine();
  const { files } = writeMultiVendorCase(dir, 5);
  await engine.importFiles({ paths: files });
  engine.close();
  await rewriteAsOldCase(casePath, 'DROP TABLE bookmarks; DROP TABLE tags; DROP TABLE notes');

  const old = new Engine();
  await old.openCase({ path: casePath });
  const [first] = (await old.queryEvents({ limit: 1 })).events;
  await old.annotate({ id: first.id, addTags: ['legacy'] });
  assert.equal((await old.queryEvents({ tag: 'legacy' })).total, 1);
  old.close();
});

test('CLI: annotate, then query --tag / --bookmarked / --noted', () => {
  const dir = tempDir();
  const casePath = path.join(dir, 'cli.auditdesk');
  const { files } = writeMultiVendorCase(dir, 20);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);
  const first = (JSON.parse(cli(['query', casePath, '--limit', '2', '--json']).stdout) as { events: { id: string }[] }).events;
  const r = cli(['annotate', casePath, first[0].id, '--tag', 'ioc', '--bookmark', '--note', 'seen in EDR', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { id: first[0].id, bookmarked: true, tags: ['ioc'], note: 'seen in EDR' });
  assert.equal(cli(['annotate', casePath, first[1].id, '--tag', 'ioc']).code, 0);

  const q = (...args: string[]) => JSON.parse(cli(['query', casePath, ...args, '--json']).stdout) as { total: number; events: { id: string }[] };
  assert.equal(q('--tag', 'ioc').total, 2);
  assert.deepEqual(
    q('--bookmarked').events.map((e) => e.id),
    [first[0].id],
  );
  assert.deepEqual(
    q('--noted', '--tag', 'ioc').events.map((e) => e.id),
    [first[0].id],
  );
  const bad = cli(['annotate', casePath, first[0].id, '--bookmark', '--unbookmark']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /exclude each other/);
});
