// Faults between the sync and the API: transient ones are retried with backoff (Retry-After
// honoured), refused tokens stop at once naming the source, and nothing stored is ever lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startFakeVendor, type Fault } from './servers/fake-vendor';
import { adminconsole, opbox, openclaw, openindex } from './servers/vendors';
import { TOKEN, allRows, idCounts, syncEngine } from './sync-helpers';

const TRANSIENT: Fault[] = ['429', '429-retry-after', '500', '502', '503', 'timeout', 'cut', 'invalid-json'];

for (const fault of TRANSIENT) {
  test(`a ${fault} answer is retried and the sync ends complete`, async (t) => {
    const server = await startFakeVendor(opbox, { token: TOKEN });
    t.after(() => server.close());
    server.add(300);
    server.faults.set(2, fault);
    const { engine, delays } = await syncEngine();
    t.after(() => engine.close());
    const report = await engine.runSync({ settings: { vendor: 'opbox', baseUrl: server.url }, token: TOKEN });
    assert.equal(report.error, null);
    assert.equal(report.finished, true);
    assert.equal(report.retries, 1);
    assert.equal(report.new, 300);
    assert.deepEqual(idCounts(await allRows(engine)).repeated, []);
    assert.equal((await allRows(engine)).length, 300);
    // The second request failed; the third asked the same page again.
    assert.equal(server.requests[1].url, server.requests[2].url);
    assert.deepEqual(delays, [fault === '429-retry-after' ? 2000 : 100]);
  });
}

test('retries back off exponentially up to the cap, then stop with a clear message; the next run resumes', async (t) => {
  const server = await startFakeVendor(opbox, { token: TOKEN });
  t.after(() => server.close());
  server.add(500);
  for (let n = 3; n <= 20; n++) server.faults.set(n, '503');
  const { engine, delays } = await syncEngine();
  t.after(() => engine.close());
  const settings = { vendor: 'opbox', baseUrl: server.url };
  const report = await engine.runSync({ settings, token: TOKEN });
  assert.equal(report.finished, false);
  assert.match(report.error ?? '', /opbox 127\.0\.0\.1:\d+ page 3: gave up after 6 attempts .*HTTP 503/);
  assert.deepEqual(delays, [100, 200, 400, 800, 1600]);
  assert.equal((await allRows(engine)).length, 200, 'the two pages fetched are kept');
  assert.equal((await engine.syncSources())[0].interrupted, true);

  server.faults.clear();
  const again = await engine.runSync({ settings });
  assert.equal(again.mode, 'resume');
  assert.equal(again.finished, true);
  const ids = idCounts(await allRows(engine));
  assert.equal(ids.n, 500);
  assert.deepEqual(ids.repeated, []);
});

for (const status of ['401', '403'] as const) {
  test(`HTTP ${status} stops at once naming the source; stored pages stay; the token is nowhere`, async (t) => {
    const server = await startFakeVendor(openclaw, { token: TOKEN });
    t.after(() => server.close());
    server.add(900);
    server.faults.set(3, status);
    const { engine, casePath, delays } = await syncEngine();
    t.after(() => engine.close());
    const settings = { vendor: 'openclaw', baseUrl: server.url, name: 'claw prod', pageSize: 200 };
    const report = await engine.runSync({ settings, token: TOKEN });
    assert.equal(report.finished, false);
    assert.equal(server.requests.length, 3, 'no retry after a refusal');
    assert.deepEqual(delays, []);
    assert.match(report.error ?? '', new RegExp(`^claw prod page 3: the server refused the token \\(HTTP ${status}`));
    assert.equal((await allRows(engine)).length, 400);
    assert.ok(!report.error!.includes(TOKEN));
    for (const f of fs.readdirSync(casePath)) {
      const p = path.join(casePath, f);
      if (fs.statSync(p).isFile()) assert.equal(fs.readFileSync(p).includes(TOKEN), false, `${f} holds the token`);
    }
    server.faults.clear();
    const again = await engine.runSync({ settings });
    assert.equal(again.finished, true);
    assert.equal(idCounts(await allRows(engine)).distinct, 900);
    assert.equal((await allRows(engine)).length, 900);
  });
}

test('offset paging while events are inserted between requests: none missed, none doubled', async (t) => {
  for (const api of [opbox, adminconsole, openclaw, openindex]) {
    const server = await startFakeVendor(api, { token: TOKEN });
    t.after(() => server.close());
    server.add(2000);
    // Newer events arrive while the sync pages: they push older ones across page boundaries.
    server.beforeRequest = (n) => {
      if (n > 1 && n < 15) server.add(7);
    };
    const { engine } = await syncEngine();
    t.after(() => engine.close());
    const report = await engine.runSync({ settings: { vendor: api.vendor, baseUrl: server.url }, token: TOKEN });
    assert.equal(report.error, null, api.vendor);
    assert.equal(report.finished, true);
    const rows = await allRows(engine);
    const ids = idCounts(rows);
    assert.deepEqual(ids.repeated, [], api.vendor);
    // Everything the server held when the run ended is in the case (later arrivals wait for the next run).
    assert.deepEqual(new Set(rows.map((r) => r.eventId)), new Set(server.events.map((e) => e.id)), api.vendor);
  }
});

test('settings are checked before any request: credentials in the URL, Invent without an org, unknown vendor', async (t) => {
  const { engine } = await syncEngine();
  t.after(() => engine.close());
  await assert.rejects(
    engine.runSync({ settings: { vendor: 'opbox', baseUrl: 'https://u:p@example.com' }, token: TOKEN }),
    /must not carry a user name or password/,
  );
  await assert.rejects(
    engine.runSync({ settings: { vendor: 'invent', baseUrl: 'https://api.example.com' }, token: TOKEN }),
    /invent needs orgId \(Org id\) for \{orgId\} in \/orgs\/\{orgId\}\/audit-logs/,
  );
  await assert.rejects(engine.runSync({ settings: { vendor: 'nope', baseUrl: 'https://api.example.com' }, token: TOKEN }), /unknown vendor "nope"/);
  await assert.rejects(
    engine.runSync({ settings: { vendor: 'opbox', baseUrl: 'https://x.example', filters: { offset: '5' } }, token: TOKEN }),
    /set by the pager/,
  );
});
