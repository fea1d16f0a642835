// An unreachable sync host says why with each retry (progress events, and a line on the CLI's
// stderr), instead of only once the retries have run out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { TOKEN, syncEngine } from './sync-helpers';
import { syncRetryLine } from '../../src/main/cli/progress';
import type { SyncProgress } from '../../src/shared/sync';

async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

test('each retry of an unreachable host carries its reason, page and wait in the progress events', async (t) => {
  const port = await closedPort();
  const { engine, events } = await syncEngine();
  t.after(() => engine.close());
  const report = await engine.runSync({ settings: { vendor: 'opbox', baseUrl: `http://127.0.0.1:${port}`, name: 'down' }, token: TOKEN });
  assert.equal(report.finished, false);
  const retries = events.flatMap((e) => (e.type === 'syncProgress' && e.progress.retry ? [e.progress.retry] : []));
  assert.deepEqual(
    retries.map((r) => [r.page, r.delayMs]),
    [
      [1, 100],
      [1, 200],
      [1, 400],
      [1, 800],
      [1, 1600],
    ],
  );
  for (const r of retries) assert.match(r.reason, /ECONNREFUSED 127\.0\.0\.1:\d+/);
  // Page progress after a retry does not repeat the old reason.
  const last = events.filter((e) => e.type === 'syncProgress').at(-1);
  assert.equal(last?.type === 'syncProgress' && last.progress.retry, null);
});

test('the CLI prints one line per retry with the source, page, reason and wait', () => {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  const p: SyncProgress = {
    pages: 0,
    received: 0,
    new: 0,
    expectedTotal: null,
    retries: 1,
    retry: { page: 3, reason: 'fetch failed (connect ECONNREFUSED 10.0.0.9:443)', delayMs: 2000 },
  };
  syncRetryLine('opbox prod', p, out as unknown as NodeJS.WriteStream);
  syncRetryLine('opbox prod', { ...p, retry: null }, out as unknown as NodeJS.WriteStream);
  assert.equal(text, 'auditdesk: opbox prod page 3: fetch failed (connect ECONNREFUSED 10.0.0.9:443); retrying in 2.0 s\n');
});
