// `auditdesk serve`: the contract over WebSocket, uploads, the UI files, and refusal of other origins.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CORPUS_DIR, tempDir } from '../helpers/paths';
import { serve } from '../helpers/cli';
import { connect, login, originOf, rpc } from '../helpers/serve-client';

test('serve answers the contract over WebSocket and takes uploads from its own page only', async (t) => {
  const casePath = path.join(tempDir(), 'served.auditdesk');
  const host = await serve(casePath);
  t.after(() => host.stop());
  const origin = originOf(host);
  const cookie = await login(host);

  const page = await fetch(host.base, { headers: { cookie } });
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  assert.match(await page.text(), /<div id="root">|id="root"/);

  const ws = await connect(host, { cookie });
  const info = (await rpc(ws, 'caseInfo', {})) as { path: string; events: number };
  assert.equal(info.path, casePath);
  assert.equal(info.events, 0);

  const body = fs.readFileSync(path.join(CORPUS_DIR, 'gitlab/elastic_gitlab_audit.log'));
  const up = await fetch(`${host.base}api/upload?name=${encodeURIComponent('gitlab audit.log')}`, { method: 'POST', body, headers: { origin, cookie } });
  assert.equal(up.status, 200);
  const { path: uploaded } = (await up.json()) as { path: string };
  assert.ok(uploaded.startsWith(path.join(casePath, 'incoming')));
  const report = (await rpc(ws, 'importFiles', { paths: [uploaded], originalNames: ['gitlab audit.log'] })) as { files: { imported: number; path: string }[] };
  assert.equal(report.files[0].imported, 2);
  assert.equal(report.files[0].path, 'gitlab audit.log');
  const q = (await rpc(ws, 'queryEvents', { limit: 10 })) as { total: number; events: { id: string; source: string }[] };
  assert.equal(q.total, 2);
  assert.equal(q.events[0].source, 'gitlab audit.log');
  const ev = (await rpc(ws, 'getEvent', { id: q.events[0].id })) as { raw: string; provenance: { sha256: string; originalName: string } };
  assert.equal(ev.provenance.originalName, 'gitlab audit.log');
  assert.ok(body.toString('utf8').includes(ev.raw));
  await assert.rejects(rpc(ws, 'dropEverything', {}), /unknown method/);
  ws.close();

  // Another site's page in the same browser must not reach the engine.
  await assert.rejects(connect(host, { origin: 'http://evil.example', cookie }));
  const foreign = await fetch(`${host.base}api/upload?name=x`, { method: 'POST', body: 'x', headers: { origin: 'http://evil.example', cookie } });
  assert.equal(foreign.status, 403);
});

test('serve stops cleanly on SIGTERM even while a browser holds connections open', async () => {
  const host = await serve(path.join(tempDir(), 'stop.auditdesk'));
  const cookie = await login(host);
  const ws = await connect(host, { cookie });
  // A request whose headers never finish, like a stalled browser connection.
  const { port } = new URL(host.base);
  const stalled = net.connect(Number(port), '127.0.0.1');
  await new Promise<void>((r) => stalled.once('connect', () => r()));
  stalled.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const keepAlive = await fetch(host.base, { headers: { connection: 'keep-alive', cookie } });
  await keepAlive.text();
  const exit = await host.stop();
  assert.deepEqual(exit, { code: 0, signal: null });
  ws.terminate();
  stalled.destroy();
});
