// Each of the five vendors against its fake API on 127.0.0.1: 5,000 generated events synced exactly
// once with API provenance, requests only under the base URL with the bearer token, then an
// incremental run that asks only for what is newer (with overlap) and stores only the new events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeVendor, type VendorApi } from './servers/fake-vendor';
import { adminconsole, invent, opbox, openclaw, openindex } from './servers/vendors';
import { TOKEN, allRows, idCounts, syncEngine } from './sync-helpers';
import { syncVendors } from '../../src/main/vendors/sync-info';

const CASES: { api: VendorApi; params?: Record<string, string>; stated: boolean; incrementalParam: string | null }[] = [
  { api: openindex, stated: false, incrementalParam: 'after' },
  { api: opbox, stated: true, incrementalParam: null },
  { api: adminconsole, stated: false, incrementalParam: 'since' },
  { api: openclaw, stated: true, incrementalParam: 'startDate' },
  { api: invent('org_77'), params: { orgId: 'org_77' }, stated: false, incrementalParam: 'from' },
];

test('every vendor with a list API has its fake API here, with the settings its path needs', () => {
  assert.deepEqual(
    CASES.map((c) => c.api.vendor).sort(),
    syncVendors()
      .map((v) => v.vendor)
      .sort(),
  );
  for (const v of syncVendors()) {
    const c = CASES.find((x) => x.api.vendor === v.vendor)!;
    assert.deepEqual(
      Object.keys(c.params ?? {}),
      v.params.map((p) => p.name),
      v.vendor,
    );
  }
});

for (const c of CASES) {
  test(`${c.api.vendor}: 5,000 events synced exactly once, then an incremental run fetches only what is new`, async (t) => {
    const server = await startFakeVendor(c.api, { token: TOKEN, prefix: '/tenant-a' });
    t.after(() => server.close());
    server.add(5000);
    const { engine } = await syncEngine();
    t.after(() => engine.close());
    const settings = { vendor: c.api.vendor, baseUrl: server.url, ...(c.params ? { params: c.params } : {}) };

    const first = await engine.runSync({ settings, token: TOKEN });
    assert.equal(first.error, null);
    assert.equal(first.finished, true);
    assert.equal(first.mode, 'full');
    assert.equal(first.new, 5000);
    assert.deepEqual(first.gaps, []);
    assert.equal(first.expectedTotal, c.stated ? 5000 : null);
    assert.ok(first.pages > 1, 'paged');
    let rows = await allRows(engine);
    let ids = idCounts(rows);
    assert.equal(ids.n, 5000);
    assert.deepEqual(ids.repeated, []);
    assert.deepEqual(new Set(rows.map((r) => r.eventId)), new Set(server.events.map((e) => e.id)));
    assert.ok(
      rows.every((r) => r.vendor === c.api.vendor),
      'mapped with the vendor descriptor',
    );
    assert.ok(
      rows.every((r) => r.time !== null),
      'times mapped',
    );

    // Provenance: source, token-free URL under the base, page and index.
    const ev = await engine.getEvent({ id: rows[4321].id });
    assert.equal(ev.provenance.kind, 'api');
    if (ev.provenance.kind === 'api') {
      assert.ok(ev.provenance.url.startsWith(`${server.url}${c.api.path}`), ev.provenance.url);
      assert.ok(!ev.provenance.url.includes(TOKEN));
      assert.ok(ev.provenance.page >= 1);
      assert.equal(ev.provenance.source, first.source);
    }
    assert.deepEqual(JSON.parse(ev.raw), server.events.find((e) => e.id === ev.eventId)!.rec, 'raw record as served');
    for (const r of server.requests) {
      assert.equal(r.auth, `Bearer ${TOKEN}`);
      assert.equal(r.url.split('?')[0], `/tenant-a${c.api.path}`);
    }

    // Incremental: 40 newer events; the run asks from the newest stored (minus overlap) only.
    const before = server.requests.length;
    server.add(40);
    const second = await engine.runSync({ settings });
    assert.equal(second.error, null);
    assert.equal(second.mode, 'incremental');
    assert.equal(second.finished, true);
    assert.equal(second.new, 40);
    const asked = server.requests.slice(before).map((r) => new URL(r.url, 'http://x').searchParams);
    if (c.incrementalParam)
      assert.ok(
        asked.every((q) => q.get(c.incrementalParam!)),
        `every request carries ${c.incrementalParam}`,
      );
    // Invent filters by date only: the run re-reads the overlap's whole day (de-duplicated).
    const from = asked[0]?.get('from');
    const budget = from ? Math.ceil(server.events.filter((e) => new Date(e.t).toISOString().slice(0, 10) >= from).length / 100) + 1 : 4;
    assert.ok(asked.length <= budget, `incremental run used ${asked.length} requests (budget ${budget})`);
    assert.equal(second.duplicates > 0, true, 'the overlap was asked again and de-duplicated');
    rows = await allRows(engine);
    ids = idCounts(rows);
    assert.equal(ids.n, 5040);
    assert.deepEqual(ids.repeated, []);

    const [info] = await engine.syncSources();
    assert.equal(info.name, first.source);
    assert.equal(info.interrupted, false);
    assert.equal(info.lastReport?.new, 40);
    assert.equal(info.hasToken, true);
    assert.equal(JSON.stringify(info).includes(TOKEN), false);
  });
}
