// No request may bring `serve` down: a crash drops annotations not yet saved. A cross-site
// <img src="http://127.0.0.1:PORT/%"> was enough, and so was a WebSocket message `null`.
import test from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { CORPUS_DIR, tempDir } from '../helpers/paths';
import { cli, serve } from '../helpers/cli';
import { connect, login, rpc, sendRaw } from '../helpers/serve-client';

function rawGet(base: string, target: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const { port } = new URL(base);
    const req = http.request({ host: '127.0.0.1', port, path: target, headers: { cookie, host: `127.0.0.1:${port}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

test('serve answers malformed requests and messages with errors, keeps running, and keeps the annotation saved before', async (t) => {
  const casePath = path.join(tempDir(), 'robust.auditdesk');
  assert.equal(cli(['import', casePath, path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log')]).code, 0);
  const host = await serve(casePath);
  t.after(() => host.stop());
  const cookie = await login(host);
  const ws = await connect(host, { cookie });
  const { events } = (await rpc(ws, 'queryEvents', { limit: 1 })) as { events: { id: string }[] };
  const id = events[0].id;
  await rpc(ws, 'annotate', { id, bookmarked: true, note: 'seen before the storm' });

  for (const target of ['/%', '/%E0%A4%A', '/api/exports/%zz/x', '/assets/%']) {
    assert.equal(await rawGet(host.base, target, cookie), 400, target);
  }
  // Without the cookie (as from another site's <img>), the same address is refused before it is read.
  assert.equal(await rawGet(host.base, '/%', ''), 401);

  for (const frame of ['null', '42', '"text"', '[]', '[1,2]', 'not json', '{"id":7}', '{"id":"x","method":"caseInfo"}', '{"method":"caseInfo"}', '']) {
    const reply = await sendRaw(ws, frame);
    assert.equal(reply.error?.code, 'bad-request', frame);
    assert.match(reply.error?.message ?? '', /bad request/);
  }
  assert.equal((await sendRaw(ws, '{"id":7}')).id, 7);
  await assert.rejects(rpc(ws, 'importFiles', null), /importFiles needs paths/);
  await assert.rejects(rpc(ws, 'openCase', { path: 42 }), /a path is needed/);

  // A frame past the size limit closes that one socket; the host and the other sockets go on.
  const big = await connect(host, { cookie });
  const closed = new Promise<number>((r) => big.once('close', (code) => r(code)));
  big.send('x'.repeat((64 << 20) + 1));
  assert.equal(await closed, 1009);

  assert.equal((await fetch(host.base, { headers: { cookie } })).status, 200);
  const kept = (await rpc(ws, 'annotations', { id })) as { bookmarked: boolean; note: string };
  assert.equal(kept.bookmarked, true);
  assert.equal(kept.note, 'seen before the storm');
  ws.close();
  assert.deepEqual(await host.stop(), { code: 0, signal: null });
  const after = JSON.parse(cli(['query', casePath, '--bookmarked', '--json']).stdout) as { total: number };
  assert.equal(after.total, 1);
});
