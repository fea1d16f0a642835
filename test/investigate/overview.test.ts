// Hero metrics, facets and the time histogram, checked against the events themselves.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { freshEngine } from '../helpers/engine';
import { CORPUS_DIR } from '../helpers/paths';
import { TRACE_ID, writeMultiVendorCase } from './multi-vendor';
import type { EventQuery } from '../../src/shared/query';

test('summary, facets and histogram agree with the filtered events', async () => {
  const { engine, dir } = await freshEngine();
  const { files, total } = writeMultiVendorCase(dir);
  await engine.importFiles({ paths: files });
  const all = (await engine.queryEvents({ limit: 10_000 })).events;
  assert.equal(all.length, total);

  for (const q of [{}, { where: [{ field: 'vendor', op: 'eq', value: 'openclaw' }] }, { text: 'exfil' }] as EventQuery[]) {
    const rows = (await engine.queryEvents({ ...q, limit: 10_000 })).events;
    const s = await engine.summarize(q);
    assert.deepEqual(s, {
      total: rows.length,
      failures: rows.filter((r) => r.outcome === 'failure').length,
      warnings: rows.filter((r) => r.outcome === 'denied' || r.outcome === 'warning').length,
      distinctActors: new Set(rows.map((r) => r.actor).filter((a) => a !== null)).size,
    });
    const h = await engine.histogram({ query: q });
    assert.equal(h.buckets.reduce((n, b) => n + b.count, 0) + h.untimed, rows.length);
    assert.ok(h.buckets.length <= 120);
    for (const r of rows) {
      const b = h.buckets.find((x) => x.start <= r.time! && r.time! < x.end);
      assert.ok(b && b.count > 0, `event at ${r.time} has a bucket`);
    }
  }
  assert.ok((await engine.summarize({})).failures > 0);

  const [vendor, outcome, actor] = await engine.facets({ query: {}, fields: ['vendor', 'outcome', 'actor'], limit: 3 });
  const countBy = (f: (r: (typeof all)[number]) => string | null) => {
    const m = new Map<string | null, number>();
    for (const r of all) m.set(f(r), (m.get(f(r)) ?? 0) + 1);
    return m;
  };
  const vendors = countBy((r) => r.vendor);
  assert.equal(vendor.values.length, 3);
  for (const v of vendor.values) assert.equal(v.count, vendors.get(v.value));
  assert.deepEqual(outcome.values.map((v) => v.value).sort(), [...countBy((r) => r.outcome).keys()].sort().slice(0, 3).sort());
  const actors = countBy((r) => r.actor);
  const topActor = Math.max(...actors.values());
  assert.equal(actor.values[0].count, topActor);
  engine.close();
});

test('histogram buckets adapt from seconds to months', async () => {
  const { engine, dir } = await freshEngine();
  const { files } = writeMultiVendorCase(dir);
  await engine.importFiles({ paths: [...files, path.join(CORPUS_DIR, 'zoom/elastic_zoom_webhook_user_events_envelope.json')] });
  // The trace spans 61 s: one-second buckets.
  const narrow = await engine.histogram({ query: { where: [{ field: 'requestId', op: 'eq', value: TRACE_ID }] } });
  assert.equal(narrow.unit, 'ms');
  assert.equal(narrow.size, 1000);
  assert.equal(narrow.buckets.length, 62);
  // Steps at 0, 0.85, 2.3, 2.9 and 61 s from the start.
  assert.deepEqual(
    narrow.buckets.filter((b) => b.count > 0).map((b) => b.count),
    [2, 2, 1],
  );
  // Zoom 2019 to the generated 2026 events: calendar months.
  const wide = await engine.histogram({ query: {} });
  assert.equal(wide.unit, 'month');
  assert.equal(wide.buckets[0].start, '2019-07-01T00:00:00.000Z');
  assert.equal(wide.buckets.at(-1)!.end, '2026-04-01T00:00:00.000Z');
  // One hour around the case's generated events: minutes.
  const hour = await engine.histogram({ query: { from: '2026-03-13T13:00:00Z', to: '2026-03-13T14:00:00Z' } });
  assert.equal(hour.unit, 'ms');
  assert.ok(hour.size >= 30_000 && hour.size <= 60_000, `bucket ${hour.label}`);
  await assert.rejects(engine.facets({ query: {}, fields: ['nope' as never] }), /no facet for field "nope"/);
  engine.close();
});
