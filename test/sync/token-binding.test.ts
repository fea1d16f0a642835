// A kept sync token goes only to the base URL it was entered for, in the case it was entered in:
// a source of the same name pointed at another server, or created in another case, never receives
// it (the token must be entered again). Real servers on 127.0.0.1 record the headers they get.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startFakeVendor } from './servers/fake-vendor';
import { opbox } from './servers/vendors';
import { TOKEN, syncEngine } from './sync-helpers';
import { tempDir } from '../helpers/paths';
import { normalBaseUrl, tokenScope } from '../../src/main/engine/sync/token-scope';
import { withVaultToken, type TokenKeeper } from '../../src/main/host/vault-token';

test('a token stored for server A in case 1 is never sent to server B, nor from case 2', async (t) => {
  const a = await startFakeVendor(opbox, { token: TOKEN });
  const b = await startFakeVendor(opbox, { token: TOKEN });
  t.after(() => Promise.all([a.close(), b.close()]));
  a.add(150);
  b.add(150);
  const { engine, casePath } = await syncEngine();
  t.after(() => engine.close());
  const report = await engine.runSync({ settings: { vendor: 'opbox', baseUrl: a.url, name: 'prod' }, token: TOKEN });
  assert.equal(report.finished, true);
  assert.ok(a.requests.every((r) => r.auth === `Bearer ${TOKEN}`));

  // The same name at another URL in the same case: refused, with no request carrying the token.
  await assert.rejects(engine.runSync({ settings: { vendor: 'opbox', baseUrl: b.url, name: 'prod' } }), /no token in this session|already syncs/);
  // Case 2, a new source of the same name at B (then at A itself): no token without entering it again.
  await engine.openCase({ path: path.join(tempDir(), 'case2.auditdesk'), create: true });
  await assert.rejects(engine.runSync({ settings: { vendor: 'opbox', baseUrl: b.url, name: 'prod' } }), /prod: no token in this session/);
  await assert.rejects(engine.runSync({ settings: { vendor: 'opbox', baseUrl: a.url, name: 'prod' } }), /prod: no token in this session/);
  assert.deepEqual(b.requests.map((r) => r.auth).filter(Boolean), [], 'B received no Authorization header');
  assert.equal((await engine.syncSources()).length, 0);

  // Back in case 1 the token still serves A, written differently (case, default port, trailing slash).
  await engine.openCase({ path: casePath });
  assert.equal((await engine.syncSources())[0].hasToken, true);
  const sent = a.requests.length;
  const again = await engine.runSync({ settings: { vendor: 'opbox', baseUrl: `${a.url.replace('http://', 'HTTP://')}/`, name: 'prod' } });
  assert.equal(again.error, null);
  assert.ok(a.requests.length > sent);
  assert.deepEqual(b.requests.map((r) => r.auth).filter(Boolean), []);
});

test('scope: scheme and host lowercased, default ports and trailing slashes dropped; case, name and URL all count', () => {
  assert.equal(normalBaseUrl('HTTPS://Audit.Example.COM:443/v1//'), 'https://audit.example.com/v1');
  assert.equal(normalBaseUrl('http://h:80'), 'http://h');
  assert.notEqual(normalBaseUrl('https://h:8443'), normalBaseUrl('https://h'));
  assert.notEqual(normalBaseUrl('http://h'), normalBaseUrl('https://h'));
  const s = { vendor: 'opbox', baseUrl: 'https://a.example', name: 'prod' };
  assert.equal(tokenScope('/cases/one', s), tokenScope('/cases/one/', { ...s, baseUrl: 'https://A.example/' }));
  assert.notEqual(tokenScope('/cases/one', s), tokenScope('/cases/two', s));
  assert.notEqual(tokenScope('/cases/one', s), tokenScope('/cases/one', { ...s, baseUrl: 'https://b.example' }));
  assert.notEqual(tokenScope('/cases/one', s), tokenScope('/cases/one', { ...s, name: 'other' }));
});

test('Electron vault: a saved token is handed back only for its case, name and base URL', () => {
  const kept = new Map<string, string>();
  const vault: TokenKeeper = { save: (scope, tok) => (kept.set(scope, tok), { persist: true }), load: (scope) => kept.get(scope) ?? null };
  const settings = { vendor: 'opbox', baseUrl: 'https://a.example', name: 'prod' };
  const saved = withVaultToken(vault, { settings, token: TOKEN }, '/cases/one');
  assert.equal(saved.params.tokenCase, '/cases/one');
  assert.equal(kept.size, 0, 'saved only once the engine took the run');
  assert.equal(saved.keep(), null);
  assert.equal(withVaultToken(vault, { settings }, '/cases/one').params.token, TOKEN);
  assert.equal(withVaultToken(vault, { settings: { ...settings, baseUrl: 'https://b.example' } }, '/cases/one').params.token, undefined);
  assert.equal(withVaultToken(vault, { settings }, '/cases/two').params.token, undefined);
  assert.equal(withVaultToken(vault, { settings }, null).params.token, undefined);
  assert.ok(![...kept.keys()].some((k) => k.includes(TOKEN)));
  // Where the vault refuses (Linux basic_text), the user is told why.
  const refusing: TokenKeeper = { save: () => ({ persist: false, reason: 'the token was not saved: no keyring' }), load: () => null };
  assert.equal(withVaultToken(refusing, { settings, token: TOKEN }, '/cases/one').keep(), 'the token was not saved: no keyring');
});

test('a vault token looked up for one case is refused if another case is open by the time the run starts', async (t) => {
  const a = await startFakeVendor(opbox, { token: TOKEN });
  t.after(() => a.close());
  const { engine } = await syncEngine();
  t.after(() => engine.close());
  await assert.rejects(
    engine.runSync({ settings: { vendor: 'opbox', baseUrl: a.url }, token: TOKEN, tokenCase: path.join(tempDir(), 'other.auditdesk') }),
    /the token was meant for another case/,
  );
  assert.equal(a.requests.length, 0);
});

test('a token a header cannot carry is refused without being echoed in the error, the report or the case', async (t) => {
  const a = await startFakeVendor(opbox, { token: TOKEN });
  t.after(() => a.close());
  const { engine, casePath } = await syncEngine();
  t.after(() => engine.close());
  for (const bad of [`${TOKEN}\u0000x`, `${TOKEN}€`, `${TOKEN} x`]) {
    const err = await engine.runSync({ settings: { vendor: 'opbox', baseUrl: a.url, name: 'bad' }, token: bad }).then(
      (r) => new Error(JSON.stringify(r)),
      (e: Error) => e,
    );
    assert.match(err.message, /^bad: the token holds characters an HTTP header cannot carry/);
    assert.ok(!err.message.includes(TOKEN));
  }
  assert.equal(a.requests.length, 0);
  for (const f of fs.readdirSync(casePath)) {
    const p = path.join(casePath, f);
    if (fs.statSync(p).isFile()) assert.equal(fs.readFileSync(p).includes(TOKEN), false, `${f} holds the token`);
  }
});
