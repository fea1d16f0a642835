// A base URL of plain http:// to another machine would send the bearer token (and receive the
// evidence) in clear: refused unless allowed explicitly, and then warned about in the report.
// 0.0.0.0 reaches the 127.0.0.1 test server on Linux but is not loopback by the rule, so it stands
// in for a remote host without leaving the machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackHost, plainHttpWarning } from '../../src/shared/sync-transport';
import { startFakeVendor } from './servers/fake-vendor';
import { opbox } from './servers/vendors';
import { TOKEN, syncEngine } from './sync-helpers';

test('loopback is 127.0.0.0/8, ::1 and localhost; everything else over http:// is warned about', () => {
  for (const h of ['127.0.0.1', '127.5.6.7', 'localhost', 'LOCALHOST', 'api.localhost', '[::1]', '::1']) assert.equal(isLoopbackHost(h), true, h);
  for (const h of ['10.0.0.1', 'example.com', '0.0.0.0', '128.0.0.1', '127.0.0.1.evil.example', 'localhost.evil.example', '[::2]'])
    assert.equal(isLoopbackHost(h), false, h);
  assert.equal(plainHttpWarning('http://127.0.0.1:8080/x'), null);
  assert.equal(plainHttpWarning('http://2130706433/'), null, 'URL reads it as 127.0.0.1');
  assert.equal(plainHttpWarning('http://[::1]:9/'), null);
  assert.equal(plainHttpWarning('https://audit.example.com'), null);
  assert.match(
    plainHttpWarning('http://Audit.Example.com/v1') ?? '',
    /^http:\/\/audit\.example\.com is plain http:\/\/ to another machine: the API token and the events cross the network unencrypted/,
  );
});

test('plain http:// to another host is refused before any request unless allowHttp; then the report warns', async (t) => {
  const server = await startFakeVendor(opbox, { token: TOKEN });
  t.after(() => server.close());
  server.add(30);
  const remote = server.url.replace('127.0.0.1', '0.0.0.0');
  const { engine } = await syncEngine();
  t.after(() => engine.close());
  await assert.rejects(
    engine.runSync({ settings: { vendor: 'opbox', baseUrl: 'http://audit.example.com' }, token: TOKEN }),
    /audit\.example\.com is plain http:\/\/.*allow plain http for this source explicitly/,
  );
  await assert.rejects(engine.runSync({ settings: { vendor: 'opbox', baseUrl: remote }, token: TOKEN }), /is plain http:\/\/ to another machine/);
  assert.equal(server.requests.length, 0, 'the token went nowhere');

  const allowed = await engine.runSync({ settings: { vendor: 'opbox', baseUrl: remote, allowHttp: true }, token: TOKEN });
  assert.equal(allowed.finished, true);
  assert.equal(allowed.new, 30);
  assert.match(allowed.warnings[0] ?? '', /^http:\/\/0\.0\.0\.0:\d+ is plain http:\/\/ to another machine.*\(allowed for this source\)$/);
  const local = await engine.runSync({ settings: { vendor: 'opbox', baseUrl: server.url }, token: TOKEN });
  assert.deepEqual(local.warnings, []);
});
