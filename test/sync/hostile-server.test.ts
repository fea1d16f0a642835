// A hostile sync server cannot exhaust memory or keep a sync running for ever: each response body
// is read as a stream and dropped past a byte cap, each run asks a bounded number of pages, and the
// completeness report says which cap stopped it at which page; what was stored before stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startHostile } from './servers/hostile';
import { TOKEN, allRows, idCounts, syncEngine } from './sync-helpers';
import { DEFAULT_SYNC_LIMITS } from '../../src/shared/sync';

test('a body that never ends is cut at the page byte cap; the pages before it stay stored; no retry', async (t) => {
  const server = await startHostile({ mode: 'endless-body', normalPages: 2, streamCap: 48 * 1024 * 1024 });
  t.after(() => server.close());
  const { engine, delays } = await syncEngine();
  t.after(() => engine.close());
  const settings = { vendor: 'opbox', baseUrl: server.url, name: 'hostile' };
  const report = await engine.runSync({ settings, token: TOKEN, limits: { maxPageBytes: 1024 * 1024 } });
  assert.equal(report.finished, false);
  assert.match(
    report.error ?? '',
    /^hostile page 3: the response from http:\/\/127\.0\.0\.1:\d+\/api\/audit\?limit=100&offset=200 is larger than the page size limit of 1048576 bytes/,
  );
  assert.deepEqual(report.limitReached, { kind: 'page-bytes', limit: 1024 * 1024, page: 3 });
  assert.equal(server.requests.length, 3, 'a page over the cap is not asked again');
  assert.deepEqual(delays, []);
  assert.ok(server.streamed < 48 * 1024 * 1024, `the client hung up (server sent ${server.streamed} bytes)`);
  const rows = await allRows(engine);
  assert.equal(rows.length, 200, 'the two pages before it are kept');
  assert.deepEqual(idCounts(rows).repeated, []);
  // The report stored with the case says the same, and the next run resumes at that page.
  const [src] = await engine.syncSources();
  assert.deepEqual(src.lastReport?.limitReached, report.limitReached);
  assert.equal(src.interrupted, true);
  assert.ok(!JSON.stringify(report).includes(TOKEN));
});

test('a gzip body is capped by the bytes it inflates to, not the bytes on the wire', async (t) => {
  const server = await startHostile({ mode: 'gzip-bomb', normalPages: 1, streamCap: 32 * 1024 * 1024 });
  t.after(() => server.close());
  const { engine } = await syncEngine();
  t.after(() => engine.close());
  const report = await engine.runSync({
    settings: { vendor: 'opbox', baseUrl: server.url, name: 'bomb' },
    token: TOKEN,
    limits: { maxPageBytes: 1024 * 1024 },
  });
  assert.deepEqual(report.limitReached, { kind: 'page-bytes', limit: 1024 * 1024, page: 2 });
  assert.equal(server.requests.length, 2);
  assert.equal((await allRows(engine)).length, 100);
});

test('an API that pages forever stops at the page cap of the run, naming the page and the limit', async (t) => {
  const server = await startHostile({ mode: 'endless-pages', maxRequests: 200 });
  t.after(() => server.close());
  const { engine } = await syncEngine();
  t.after(() => engine.close());
  const settings = { vendor: 'opbox', baseUrl: server.url, name: 'pager' };
  const report = await engine.runSync({ settings, token: TOKEN, limits: { maxPages: 25 } });
  assert.equal(report.finished, false);
  assert.equal(report.pages, 25);
  assert.equal(server.requests.length, 25);
  assert.match(report.error ?? '', /^pager page 26: this run reached its limit of 25 pages; not asked\. Pages already stored are kept/);
  assert.deepEqual(report.limitReached, { kind: 'pages', limit: 25, page: 26 });
  assert.equal((await allRows(engine)).length, 50);

  // The next run goes on from page 26 (the position is kept), with its own count.
  const again = await engine.runSync({ settings, limits: { maxPages: 3 } });
  assert.equal(again.mode, 'resume');
  assert.deepEqual(again.limitReached, { kind: 'pages', limit: 3, page: 29 });
  assert.match(server.requests[25].url, /offset=50\b/);
  assert.equal((await allRows(engine)).length, 56);
});

test('limits: sensible defaults; a limit that is not a whole number ≥ 1 is refused before any request', async (t) => {
  assert.deepEqual(DEFAULT_SYNC_LIMITS, { maxPageBytes: 64 * 1024 * 1024, maxPages: 100_000 });
  const server = await startHostile({ mode: 'endless-pages', maxRequests: 5 });
  t.after(() => server.close());
  const { engine } = await syncEngine();
  t.after(() => engine.close());
  const settings = { vendor: 'opbox', baseUrl: server.url };
  await assert.rejects(engine.runSync({ settings, token: TOKEN, limits: { maxPages: 0 } }), /page count limit must be a whole number ≥ 1, got 0/);
  await assert.rejects(engine.runSync({ settings, token: TOKEN, limits: { maxPageBytes: 1.5 } }), /page size limit must be a whole number ≥ 1, got 1.5/);
  assert.equal(server.requests.length, 0);
});
