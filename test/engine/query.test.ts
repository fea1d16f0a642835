// Query semantics: filters, text, time bounds, order and paging agree with a plain scan of all rows.
import test from 'node:test';
import assert from 'node:assert/strict';
import { freshEngine, writeFile } from '../helpers/engine';
import { opboxJsonl } from '../helpers/generate';
import type { EventRow } from '../../src/shared/event';

test('contains, eq, text, time range and paging return exactly what a scan of every row would', async () => {
  const { engine, dir } = await freshEngine();
  await engine.importFiles({ paths: [writeFile(dir, 'opbox.jsonl', opboxJsonl(2500, 7))] });
  const all: EventRow[] = (await engine.queryEvents({ limit: 10_000 })).events;
  assert.equal(all.length, 2500);
  const check = async (q: Parameters<typeof engine.queryEvents>[0], keep: (e: EventRow) => boolean) => {
    const want = all.filter(keep).map((e) => e.id);
    const got = await engine.queryEvents({ ...q, limit: 10_000 });
    assert.equal(got.total, want.length, JSON.stringify(q));
    assert.deepEqual(
      got.events.map((e) => e.id),
      want,
      JSON.stringify(q),
    );
  };
  await check({ where: [{ field: 'actor', op: 'contains', value: 'USER1' }] }, (e) => (e.actor ?? '').toLowerCase().includes('user1'));
  await check({ where: [{ field: 'actor', op: 'contains', value: 'nobody-like-this' }] }, () => false);
  await check({ where: [{ field: 'action', op: 'contains', value: 'at' }] }, (e) => (e.action ?? '').toLowerCase().includes('at'));
  await check({ where: [{ field: 'action', op: 'eq', value: 'DELETE' }] }, (e) => e.action === 'DELETE');
  await check({ where: [{ field: 'targetId', op: 'contains', value: '_12' }] }, (e) => (e.targetId ?? '').includes('_12'));
  await check(
    {
      where: [
        { field: 'vendor', op: 'eq', value: 'opbox' },
        { field: 'actor', op: 'contains', value: 'user2' },
      ],
    },
    (e) => (e.actor ?? '').includes('user2'),
  );
  // Every word in some field, the named ones (vendor, source, outcome, actor type) included.
  const fields = (e: EventRow) => [e.actor, e.action, e.targetType, e.targetId, e.requestId, e.eventId, e.ip, e.vendor, e.source, e.outcome, e.actorType];
  const textMatch = (words: string[]) => (e: EventRow) => words.every((w) => fields(e).some((v) => (v ?? '').toLowerCase().includes(w)));
  await check({ text: 'user3 share' }, textMatch(['user3', 'share']));
  await check({ text: 'OPBOX' }, textMatch(['opbox']));
  await check({ text: 'fail user1' }, textMatch(['fail', 'user1']));
  await check({ text: 'human' }, textMatch(['human']));
  assert.ok((await engine.queryEvents({ text: 'opbox.jsonl' })).total === 2500, 'the source file name');
  const from = all[500].time!;
  const to = all[900].time!;
  await check({ from, to }, (e) => e.time! >= from && e.time! < to);
  const page = await engine.queryEvents({ where: [{ field: 'actor', op: 'contains', value: 'user1' }], offset: 40, limit: 25 });
  assert.deepEqual(
    page.events.map((e) => e.id),
    all
      .filter((e) => (e.actor ?? '').includes('user1'))
      .slice(40, 65)
      .map((e) => e.id),
  );
  const desc = await engine.queryEvents({ order: 'desc', limit: 3 });
  assert.deepEqual(
    desc.events.map((e) => e.id),
    all
      .slice(-3)
      .reverse()
      .map((e) => e.id),
  );
  engine.close();
});

test('full-text search pages and counts agree with the timeline, for common words (probe path) and rare ones', async () => {
  const { engine, dir } = await freshEngine();
  await engine.importFiles({ paths: [writeFile(dir, 'opbox.jsonl', opboxJsonl(3000, 11))] });
  const all: EventRow[] = (await engine.queryEvents({ limit: 10_000 })).events;
  // Every generated record names the organization "Acme Corp": 3,000 hits, above the probe threshold.
  const common = await engine.queryEvents({ search: 'acme', offset: 2500, limit: 100 });
  assert.equal(common.total, 3000);
  assert.deepEqual(
    common.events.map((e) => e.id),
    all.slice(2500, 2600).map((e) => e.id),
  );
  const desc = await engine.queryEvents({ search: 'acme', order: 'desc', limit: 5 });
  assert.deepEqual(
    desc.events.map((e) => e.id),
    all
      .slice(-5)
      .reverse()
      .map((e) => e.id),
  );
  // With another filter the count comes from the events table; the rows still match both.
  const both = await engine.queryEvents({ search: 'acme', where: [{ field: 'action', op: 'eq', value: 'DELETE' }], limit: 10_000 });
  assert.deepEqual(
    both.events.map((e) => e.id),
    all.filter((e) => e.action === 'DELETE').map((e) => e.id),
  );
  // A rare token: one event id.
  const one = all[1234];
  const rare = await engine.queryEvents({ search: one.eventId!, limit: 10 });
  assert.deepEqual(
    rare.events.map((e) => e.id),
    [one.id],
  );
  engine.close();
});
