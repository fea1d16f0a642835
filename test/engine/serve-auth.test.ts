// `auditdesk serve` answers only whoever holds the token it printed: other users and processes of the
// machine reach 127.0.0.1 too, and could otherwise drive the engine with a forged Origin.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../helpers/paths';
import { serve } from '../helpers/cli';
import { connect, login, originOf, rpc } from '../helpers/serve-client';

test('serve refuses every request and WebSocket without the printed token, and trades the link for an HttpOnly SameSite=Strict cookie', async (t) => {
  const casePath = path.join(tempDir(), 'auth.auditdesk');
  const host = await serve(casePath);
  t.after(() => host.stop());
  assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/);
  const origin = originOf(host);
  const port = new URL(host.base).port;

  // Another process with the right Host and a forged Origin, but no token: nothing gets through.
  for (const p of ['', 'index.html', 'api/exports/a/b', 'api/ws', `?token=${host.token.slice(0, -1)}x`]) {
    const res = await fetch(host.base + p, { headers: { origin } });
    assert.equal(res.status, 401, p);
    assert.match(await res.text(), /token/);
  }
  const upload = await fetch(`${host.base}api/upload?name=x.log`, { method: 'POST', body: 'x', headers: { origin } });
  assert.equal(upload.status, 401);
  assert.deepEqual(fs.readdirSync(path.join(casePath, 'incoming')), []);
  await assert.rejects(connect(host), /401/);
  await assert.rejects(connect(host, { cookie: `auditdesk-token-${port}=${'A'.repeat(host.token.length)}` }), /401/);
  await assert.rejects(connect(host, {}, '?token=nope'), /401/);

  // The printed link sets the cookie and takes the token out of the address bar.
  const res = await fetch(`${host.url}&keep=1`, { redirect: 'manual' });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/?keep=1');
  const setCookie = res.headers.get('set-cookie') ?? '';
  assert.match(setCookie, new RegExp(`^auditdesk-token-${port}=${host.token};`));
  assert.match(setCookie, /HttpOnly/);
  assert.match(setCookie, /SameSite=Strict/);
  // A token leading to another host is still sent to a path of this one.
  const sneaky = await fetch(`${host.base}.//evil.example/?token=${host.token}`, { redirect: 'manual' });
  assert.equal(sneaky.status, 303);
  assert.match(sneaky.headers.get('location') ?? '', /^\/(?!\/)/);

  const cookie = await login(host);
  const page = await fetch(host.base, { headers: { cookie } });
  assert.equal(page.status, 200);
  assert.match(await page.text(), /id="root"/);
  const ws = await connect(host, { cookie });
  assert.equal(((await rpc(ws, 'caseInfo', {})) as { path: string }).path, casePath);
  ws.close();
  // A client without cookies may give the token in the address instead.
  const byQuery = await connect(host, {}, `?token=${host.token}`);
  assert.equal(((await rpc(byQuery, 'caseInfo', {})) as { events: number }).events, 0);
  byQuery.close();
  // The cookie does not excuse another site's page.
  await assert.rejects(connect(host, { cookie, origin: 'http://evil.example' }), /403/);
});
